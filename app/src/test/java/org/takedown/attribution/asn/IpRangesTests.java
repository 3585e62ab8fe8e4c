package org.takedown.attribution.asn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Range look-ups against a TreeMap reference, on fixed-seed random ranges over the whole address space. */
class IpRangesTests {

    static InetAddress v4(long value) throws UnknownHostException {
        return InetAddress.getByAddress(
                new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static InetAddress v6(BigInteger value) throws UnknownHostException {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        return InetAddress.getByAddress(bytes);
    }

    @Test
    void ipv4AgreesWithAFloorLookup() throws UnknownHostException {
        Random random = new Random(4);
        IpRanges.Builder builder = IpRanges.builder();
        TreeMap<Long, long[]> reference = new TreeMap<>();
        long next = 0;
        int value = 0;
        while (next < 0xFFFF_FFFFL) {
            long start = next + random.nextInt(1 << 22);
            long end = Math.min(0xFFFF_FFFFL, start + random.nextInt(1 << 22));
            if (start > 0xFFFF_FFFFL) {
                break;
            }
            builder.add(v4(start), v4(end), value);
            reference.put(start, new long[] {end, value});
            value++;
            next = end + 1;
        }
        // the very first and last addresses, where a signed comparison would go wrong
        IpRanges ranges = builder.add(v4(0xFFFF_FFFFL), v4(0xFFFF_FFFFL), -7).build();
        reference.put(0xFFFF_FFFFL, new long[] {0xFFFF_FFFFL, -7});
        for (int i = 0; i < 200_000; i++) {
            long address = i < 4
                    ? new long[] {0, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL}[i]
                    : random.nextLong() & 0xFFFF_FFFFL;
            Map.Entry<Long, long[]> floor = reference.floorEntry(address);
            int expected = floor != null && address <= floor.getValue()[0] ? (int) floor.getValue()[1] : -1;
            assertThat(ranges.findV4((int) address)).as("address %d", address).isEqualTo(expected);
            assertThat(ranges.find(v4(address))).isEqualTo(expected);
        }
    }

    @Test
    void ipv6AgreesWithAFloorLookup() throws UnknownHostException {
        Random random = new Random(6);
        IpRanges.Builder builder = IpRanges.builder();
        TreeMap<BigInteger, BigInteger[]> reference = new TreeMap<>();
        BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        BigInteger next = BigInteger.ZERO;
        for (int value = 0; value < 5000; value++) {
            BigInteger start = next.add(new BigInteger(110, random));
            BigInteger end = start.add(new BigInteger(110, random)).min(max);
            if (start.compareTo(max) > 0) {
                break;
            }
            builder.add(v6(start), v6(end), value);
            reference.put(start, new BigInteger[] {end, BigInteger.valueOf(value)});
            next = end.add(BigInteger.ONE);
        }
        IpRanges ranges = builder.build();
        for (int i = 0; i < 50_000; i++) {
            BigInteger address = i == 0 ? BigInteger.ZERO : i == 1 ? max : new BigInteger(128, random);
            Map.Entry<BigInteger, BigInteger[]> floor = reference.floorEntry(address);
            int expected =
                    floor != null && address.compareTo(floor.getValue()[0]) <= 0 ? floor.getValue()[1].intValue() : -1;
            assertThat(ranges.find(v6(address))).as("address %s", address).isEqualTo(expected);
        }
    }
}
