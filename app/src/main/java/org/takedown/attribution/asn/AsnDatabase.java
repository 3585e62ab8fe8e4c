package org.takedown.attribution.asn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.takedown.attribution.Network;
import org.takedown.shared.net.IpLiterals;

/**
 * The offline IP-to-network data: which AS (number and organisation) announces an address, and in which country
 * the range is registered. Read from the CSV files of the npm packages {@code @ip-location-db/asn} and
 * {@code @ip-location-db/asn-country} (CC BY 4.0: RouteViews, DB-IP, NRO) into {@link IpRanges}. Immutable and
 * thread-safe once loaded.
 */
public final class AsnDatabase {

    /** Attribution text for the data, to show wherever it is used. */
    public static final String ATTRIBUTION = "IP to ASN and country data: ip-location-db (RouteViews, DB-IP, NRO),"
            + " CC BY 4.0, https://github.com/sapics/ip-location-db";

    /** The files read, in the data directory. */
    public static final List<String> FILES =
            List.of("asn-ipv4.csv", "asn-ipv6.csv", "asn-country-ipv4.csv", "asn-country-ipv6.csv");

    private final IpRanges asnRanges;
    private final long[] asns;
    private final String[] orgs;
    private final IpRanges countryRanges;
    private final String[] countries;
    private final Map<Long, Long> ipv4PerAsn;

    private AsnDatabase(
            IpRanges asnRanges,
            long[] asns,
            String[] orgs,
            IpRanges countryRanges,
            String[] countries,
            Map<Long, Long> ipv4PerAsn) {
        this.ipv4PerAsn = ipv4PerAsn;
        this.asnRanges = asnRanges;
        this.asns = asns;
        this.orgs = orgs;
        this.countryRanges = countryRanges;
        this.countries = countries;
    }

    /** Reads the data files from {@code dir}; a missing country file leaves countries unknown. */
    public static AsnDatabase load(Path dir) {
        IpRanges.Builder asnBuilder = IpRanges.builder();
        List<Long> asnList = new ArrayList<>();
        List<String> orgList = new ArrayList<>();
        Map<Long, Long> ipv4PerAsn = new HashMap<>();
        for (String file : List.of("asn-ipv4.csv", "asn-ipv6.csv")) {
            read(dir.resolve(file), record -> {
                InetAddress first = address(record.get(0));
                InetAddress last = address(record.get(1));
                asnBuilder.add(first, last, asnList.size());
                if (first instanceof java.net.Inet4Address && last instanceof java.net.Inet4Address) {
                    long size = (v4(last) - v4(first)) + 1;
                    ipv4PerAsn.merge(Long.parseLong(record.get(2)), size, Long::sum);
                }
                asnList.add(Long.parseLong(record.get(2)));
                orgList.add(record.size() > 3 ? record.get(3).intern() : "");
            });
        }
        IpRanges.Builder countryBuilder = IpRanges.builder();
        Map<String, Integer> codes = new HashMap<>();
        List<String> countryList = new ArrayList<>();
        for (String file : List.of("asn-country-ipv4.csv", "asn-country-ipv6.csv")) {
            if (Files.exists(dir.resolve(file))) {
                read(dir.resolve(file), record -> {
                    int code = codes.computeIfAbsent(record.get(2), c -> {
                        countryList.add(c);
                        return countryList.size() - 1;
                    });
                    countryBuilder.add(address(record.get(0)), address(record.get(1)), code);
                });
            }
        }
        long[] asns = asnList.stream().mapToLong(Long::longValue).toArray();
        return new AsnDatabase(
                asnBuilder.build(),
                asns,
                orgList.toArray(String[]::new),
                countryBuilder.build(),
                countryList.toArray(String[]::new),
                ipv4PerAsn);
    }

    private static long v4(InetAddress address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    /** How many IPv4 addresses the data says {@code asn} announces. */
    public long announcedIpv4(long asn) {
        return ipv4PerAsn.getOrDefault(asn, 0L);
    }

    /** True when every data file is in {@code dir}. */
    public static boolean present(Path dir) {
        return FILES.stream().allMatch(file -> Files.isRegularFile(dir.resolve(file)));
    }

    /** What the data says of {@code address}. */
    public Network lookup(InetAddress address) {
        int range = asnRanges.range(address);
        int country = countryRanges.find(address);
        String ip = text(address);
        if (range < 0) {
            return new Network(ip, null, 0, null, country < 0 ? null : countries[country]);
        }
        int row = asnRanges.value(address, range);
        InetAddress[] bounds = asnRanges.bounds(address, range);
        return new Network(
                ip,
                text(bounds[0]) + "-" + text(bounds[1]),
                asns[row],
                orgs[row].isEmpty() ? null : orgs[row],
                country < 0 ? null : countries[country]);
    }

    /** The AS number of an IPv4 address given as an int, or 0: the allocation-free hot path. */
    public long asnOfV4(int address) {
        int row = asnRanges.findV4(address);
        return row < 0 ? 0 : asns[row];
    }

    /** Number of ranges with an AS and with a country. */
    public int[] sizes() {
        return new int[] {asnRanges.size(), countryRanges.size()};
    }

    private interface RowHandler {
        void accept(CSVRecord record);
    }

    private static void read(Path file, RowHandler handler) {
        try (Reader reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16)) {
            long line = 0;
            for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
                line++;
                try {
                    handler.accept(record);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses an IP address literal without any name lookup (see {@link IpLiterals#parse}). */
    public static InetAddress address(String literal) {
        return IpLiterals.parse(literal);
    }

    /** An address in canonical text form (see {@link IpLiterals#text}). */
    public static String text(InetAddress address) {
        return IpLiterals.text(address);
    }
}
