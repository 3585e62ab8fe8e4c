package org.takedown.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load on the hash check API of a running Takedown, from a second process on loopback, over persistent connections
 * of its own, so that on a shared machine most of the cores go to the server: batches over {@link KeepAliveConnection}
 * (less than half the JDK HttpClient's CPU per request), the open loop of single hashes over {@link OpenLoopClient}
 * (one sending thread and one selector for all answers: a third of the CPU per request of a virtual thread and a
 * blocking read per request).
 *
 * <pre>
 * generate FILE COUNT          write COUNT pdq + COUNT sha256 entries as CSV (fixed seed) for 'takedown bank import'
 * batch URL KEY COUNT SECONDS CLIENTS BATCH   closed loop: CLIENTS clients send batches of BATCH hashes; hashes/s
 * single URL KEY COUNT SECONDS RATE [WARMUP]  open loop: one-hash requests at RATE/s; latency percentiles, overall
 *                                             and per 10 s; first WARMUP seconds of the same load on an echo server
 *                                             in this process, to warm this client (not the server) up
 * </pre>
 *
 * Queries are stored hashes (PDQ with 0-20 bits flipped; share {@code -Dtakedown.hits}, default 0.5) and unrelated
 * hashes, from the same seed as the data set. Latency is measured from each request's scheduled start, so a slow
 * server cannot hide its queueing. {@code -Dtakedown.trace=FILE} writes every measured single-hash request's
 * scheduled offset, latency and status to FILE, to be lined up with the server's GC and JIT logs.
 */
public final class HttpLookupLoad {

    private static final long SEED = 20261123L;

    /** Share of queries that are stored hashes (system property takedown.hits, default 0.5). */
    static final double HIT_SHARE = Double.parseDouble(System.getProperty("takedown.hits", "0.5"));

    /**
     * File for a trace of the measured open loop (system property takedown.trace, none by default): the wall-clock
     * start, then one line per request with its scheduled offset in ms, its latency in µs and its status, to be lined
     * up with the server's GC and JIT logs.
     */
    static final String TRACE = System.getProperty("takedown.trace");

    private HttpLookupLoad() {}

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]));
            case "batch" ->
                batch(
                        URI.create(args[1]),
                        args[2],
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]));
            case "single" ->
                single(
                        URI.create(args[1]),
                        args[2],
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        args.length > 6 ? Integer.parseInt(args[6]) : 0);
            default ->
                System.err.println("usage: generate FILE COUNT | batch URL KEY COUNT SECONDS CLIENTS BATCH"
                        + " | single URL KEY COUNT SECONDS RATE [WARMUP_SECONDS]");
        }
    }

    /** Stored hash {@code i} of a type: 32 random bytes from the fixed seed. */
    static byte[] stored(String type, long i) {
        SplittableRandom random = new SplittableRandom(SEED ^ (type.hashCode() * 0x9E3779B97F4A7C15L) ^ i * 31);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    static void generate(Path file, int count) throws IOException {
        HexFormat hex = HexFormat.of();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("type,value,label\n");
            for (int i = 0; i < count; i++) {
                out.write("pdq," + hex.formatHex(stored("pdq", i)) + ",p" + i + "\n");
                out.write("sha256," + hex.formatHex(stored("sha256", i)) + ",s" + i + "\n");
            }
        }
        System.out.println("wrote " + 2L * count + " entries to " + file);
    }

    /** A query: stored hashes (PDQ slightly changed) or unrelated ones, alternately PDQ and SHA-256. */
    static String query(SplittableRandom random, int count) {
        boolean pdq = random.nextBoolean();
        byte[] value;
        if (random.nextDouble() < HIT_SHARE) {
            value = stored(pdq ? "pdq" : "sha256", random.nextInt(count));
            if (pdq) {
                for (int flips = random.nextInt(21); flips > 0; flips--) {
                    int bit = random.nextInt(256);
                    value[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
            }
        } else {
            value = new byte[32];
            random.nextBytes(value);
        }
        return "{\"type\":\"" + (pdq ? "pdq" : "sha256") + "\",\"value\":\""
                + HexFormat.of().formatHex(value) + "\"}";
    }

    static void batch(URI server, String key, int count, int seconds, int clients, int batch) throws Exception {
        AtomicLong hashes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Histogram latency = new ConcurrentHistogram(3);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(SEED + c);
                pool.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(server)) {
                        while (System.nanoTime() < end) {
                            StringBuilder body = new StringBuilder("{\"hashes\":[");
                            for (int i = 0; i < batch; i++) {
                                body.append(i == 0 ? "" : ",").append(query(random, count));
                            }
                            body.append("]}");
                            long start = System.nanoTime();
                            int status = connection.post(
                                    "/api/v1/hashcheck", key, body.toString().getBytes(StandardCharsets.UTF_8));
                            latency.recordValue((System.nanoTime() - start) / 1000);
                            if (status == 200) {
                                hashes.addAndGet(batch);
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
        }
        System.out.printf(
                "batched: %d clients x %d hashes, %d s: %.0f hashes/s, %d failed requests;"
                        + " request latency p50 %.1f ms, p99 %.1f ms%n",
                clients,
                batch,
                seconds,
                hashes.get() / (double) seconds,
                failures.get(),
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0);
    }

    /**
     * Open loop at {@code rate}/s for {@code seconds}, after warming this process's own HTTP client for
     * {@code warmUp} seconds against a throw-away echo server inside this process (so the client's cold start does not
     * count against the server, and the server under test gets no warm-up). Prints the percentiles of the whole run
     * and of every 10-second window.
     */
    static void single(URI server, String key, int count, int seconds, int rate, int warmUp) throws Exception {
        if (warmUp > 0) {
            com.sun.net.httpserver.HttpServer echo = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 1024);
            byte[] none = "{\"matches\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            echo.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, none.length);
                    exchange.getResponseBody().write(none);
                }
            });
            echo.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            echo.start();
            try {
                URI local = URI.create("http://127.0.0.1:" + echo.getAddress().getPort());
                openLoop(local, key, count, warmUp, rate, false);
            } finally {
                echo.stop(0);
            }
        }
        openLoop(server, key, count, seconds, rate, true);
    }

    private static void openLoop(URI server, String key, int count, int seconds, int rate, boolean print)
            throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        Histogram[] windows = new Histogram[(seconds + 9) / 10];
        for (int w = 0; w < windows.length; w++) {
            windows[w] = new ConcurrentHistogram(3);
        }
        AtomicLong failures = new AtomicLong();
        SplittableRandom random = new SplittableRandom(SEED);
        long total = (long) rate * seconds;
        long[] traced = new long[print && TRACE != null ? (int) total : 0];
        long startedAt = System.currentTimeMillis();
        OpenLoopClient client = new OpenLoopClient(server, "/api/v1/hashcheck", key);
        client.run(
                total,
                TimeUnit.SECONDS.toNanos(1) / rate,
                n -> ("{\"hashes\":[" + query(random, count) + "]}").getBytes(StandardCharsets.UTF_8),
                (n, scheduled, answered, status) -> {
                    long micros = (answered - scheduled) / 1000;
                    latency.recordValue(micros);
                    windows[(int) (n / rate / 10)].recordValue(micros);
                    if (traced.length > 0) {
                        traced[(int) n] = micros * 1000 + Math.max(0, Math.min(999, status));
                    }
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                },
                TimeUnit.SECONDS.toNanos(120));
        if (!print) {
            return;
        }
        System.out.printf(
                "single: %d requests at %d/s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms," + " %d failed%n",
                total,
                rate,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(90) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0,
                failures.get());
        System.out.printf("  (%d connections opened)%n", client.opened());
        for (int w = 0; w < windows.length; w++) {
            System.out.printf(
                    "  %3d-%3d s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    w * 10,
                    Math.min(seconds, w * 10 + 10),
                    windows[w].getValueAtPercentile(50) / 1000.0,
                    windows[w].getValueAtPercentile(99) / 1000.0,
                    windows[w].getMaxValue() / 1000.0);
        }
        if (traced.length > 0) {
            writeTrace(Path.of(TRACE), startedAt, traced, rate);
        }
    }

    private static void writeTrace(Path file, long startedAt, long[] traced, int rate) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("# started " + java.time.Instant.ofEpochMilli(startedAt) + "; offset_ms latency_us status\n");
            for (int n = 0; n < traced.length; n++) {
                out.write(String.format("%.1f %d %d%n", n * 1000.0 / rate, traced[n] / 1000, traced[n] % 1000));
            }
        }
        System.out.println("  trace of every request in " + file);
    }
}
