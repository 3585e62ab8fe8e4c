package org.takedown.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Data for the end-to-end intake benchmark ({@code benchmarks/intake-e2e.sh}): a bulk report file and the fake DNS
 * that resolves its hosts.
 *
 * <pre>
 * generate REPORTS_CSV HOSTS_PROPERTIES COUNT HOSTS
 * </pre>
 *
 * COUNT distinct URLs on HOSTS hosts (fixed seed), as {@code url,source,reference,received_at,note}; the properties
 * file maps every host to documentation addresses (RFC 5737/3849: a tenth of the hosts dual-stack), for Takedown's
 * static resolver. Documentation addresses are refused by the prober's guard, so nothing is ever fetched.
 */
public final class IntakeLoad {

    private static final long SEED = 20261123L;

    private IntakeLoad() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 5 || !args[0].equals("generate")) {
            System.err.println("usage: IntakeLoad generate REPORTS_CSV HOSTS_PROPERTIES COUNT HOSTS");
            System.exit(2);
        }
        generate(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    }

    static void generate(Path reports, Path hosts, int count, int hostCount) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        try (BufferedWriter out = Files.newBufferedWriter(hosts, StandardCharsets.UTF_8)) {
            out.write("takedown.attribution.resolver=static\n");
            for (int h = 0; h < hostCount; h++) {
                String ip = prefixes[h % 3] + (1 + h % 254);
                String ips = h % 10 == 0 ? ip + ",2001:db8::" + Integer.toHexString(h + 1) : ip;
                out.write("takedown.attribution.static-hosts.host-" + h + ".bench.example=" + ips + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(reports, StandardCharsets.UTF_8)) {
            out.write("url,source,reference,received_at,note\n");
            for (int i = 0; i < count; i++) {
                int host = random.nextInt(hostCount);
                out.write("http://host-" + host + ".bench.example/gallery/" + i + "/"
                        + Long.toHexString(random.nextLong()) + ".jpg,bulk,bench-" + (i / 1000) + ",2026-11-0"
                        + (1 + i % 9) + "T12:00:00Z,\n");
            }
        }
    }
}
