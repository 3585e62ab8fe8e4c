package org.takedown.attribution.asn;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Non-overlapping IP address ranges, each carrying an int value, searched by binary search over sorted primitive
 * arrays: one set for IPv4 (addresses as ints) and one for IPv6 (addresses as two longs). Unsigned order is kept by
 * flipping the sign bit before storing. Immutable and thread-safe once built; {@link #findV4} allocates nothing.
 */
public final class IpRanges {

    private final int[] v4Start;
    private final int[] v4End;
    private final int[] v4Value;
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;
    private final int[] v6Value;

    private IpRanges(Builder b) {
        Integer[] v4 = order(b.v4Count, (x, y) -> Integer.compare(b.v4Start[x], b.v4Start[y]));
        v4Start = new int[b.v4Count];
        v4End = new int[b.v4Count];
        v4Value = new int[b.v4Count];
        for (int i = 0; i < v4.length; i++) {
            v4Start[i] = b.v4Start[v4[i]];
            v4End[i] = b.v4End[v4[i]];
            v4Value[i] = b.v4Value[v4[i]];
        }
        Integer[] v6 = order(b.v6Count, (x, y) -> {
            int hi = Long.compare(b.v6StartHi[x], b.v6StartHi[y]);
            return hi != 0 ? hi : Long.compare(b.v6StartLo[x], b.v6StartLo[y]);
        });
        v6StartHi = new long[b.v6Count];
        v6StartLo = new long[b.v6Count];
        v6EndHi = new long[b.v6Count];
        v6EndLo = new long[b.v6Count];
        v6Value = new int[b.v6Count];
        for (int i = 0; i < v6.length; i++) {
            int j = v6[i];
            v6StartHi[i] = b.v6StartHi[j];
            v6StartLo[i] = b.v6StartLo[j];
            v6EndHi[i] = b.v6EndHi[j];
            v6EndLo[i] = b.v6EndLo[j];
            v6Value[i] = b.v6Value[j];
        }
    }

    private static Integer[] order(int count, java.util.Comparator<Integer> comparator) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, comparator);
        return order;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of IPv4 and IPv6 ranges. */
    public int size() {
        return v4Start.length + v6StartHi.length;
    }

    /** The value of the range holding an IPv4 address (as an int, most significant byte first), or -1. */
    public int findV4(int address) {
        int i = rangeV4(address);
        return i < 0 ? -1 : v4Value[i];
    }

    /** The index of the IPv4 range holding an address, or -1. */
    public int rangeV4(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int low = 0;
        int high = v4Start.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (v4Start[mid] <= key) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && key <= v4End[found] ? found : -1;
    }

    /** The index of the IPv6 range holding an address (its 128 bits as two longs), or -1. */
    public int rangeV6(long hi, long lo) {
        long keyHi = hi ^ Long.MIN_VALUE;
        long keyLo = lo ^ Long.MIN_VALUE;
        int low = 0;
        int high = v6StartHi.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (v6StartHi[mid] < keyHi || (v6StartHi[mid] == keyHi && v6StartLo[mid] <= keyLo)) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        boolean inside = keyHi < v6EndHi[found] || (keyHi == v6EndHi[found] && keyLo <= v6EndLo[found]);
        return inside ? found : -1;
    }

    /** The value of the range holding an address, or -1. */
    public int find(InetAddress address) {
        return value(address, range(address));
    }

    /** The value of a range found by {@link #range} for {@code address}, or -1 for no range. */
    public int value(InetAddress address, int range) {
        if (range < 0) {
            return -1;
        }
        return address instanceof Inet4Address ? v4Value[range] : v6Value[range];
    }

    /** The index of the range holding an address (IPv4 or IPv6), or -1. */
    public int range(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return rangeV4(toInt(bytes, 0));
        }
        return rangeV6(toLong(bytes, 0), toLong(bytes, 8));
    }

    /** The first and last address of a range found by {@link #range}. */
    public InetAddress[] bounds(InetAddress address, int range) {
        try {
            if (address instanceof Inet4Address) {
                return new InetAddress[] {
                    InetAddress.getByAddress(fromInt(v4Start[range] ^ Integer.MIN_VALUE)),
                    InetAddress.getByAddress(fromInt(v4End[range] ^ Integer.MIN_VALUE))
                };
            }
            return new InetAddress[] {
                InetAddress.getByAddress(
                        fromLongs(v6StartHi[range] ^ Long.MIN_VALUE, v6StartLo[range] ^ Long.MIN_VALUE)),
                InetAddress.getByAddress(fromLongs(v6EndHi[range] ^ Long.MIN_VALUE, v6EndLo[range] ^ Long.MIN_VALUE))
            };
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    static int toInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static long toLong(byte[] b, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (b[at + i] & 0xff);
        }
        return value;
    }

    private static byte[] fromInt(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] fromLongs(long hi, long lo) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return bytes;
    }

    /** Collects ranges in any order; {@link #build} sorts them. Not thread-safe. */
    public static final class Builder {
        private int[] v4Start = new int[1024];
        private int[] v4End = new int[1024];
        private int[] v4Value = new int[1024];
        private int v4Count;
        private long[] v6StartHi = new long[1024];
        private long[] v6StartLo = new long[1024];
        private long[] v6EndHi = new long[1024];
        private long[] v6EndLo = new long[1024];
        private int[] v6Value = new int[1024];
        private int v6Count;

        /** Adds the inclusive range {@code first..last} (both IPv4 or both IPv6) with its value. */
        public Builder add(InetAddress first, InetAddress last, int value) {
            byte[] a = first.getAddress();
            byte[] z = last.getAddress();
            if (a.length != z.length) {
                throw new IllegalArgumentException("a range has two IPv4 or two IPv6 addresses: " + first + " " + last);
            }
            if (a.length == 4) {
                if (v4Count == v4Start.length) {
                    v4Start = Arrays.copyOf(v4Start, v4Count * 2);
                    v4End = Arrays.copyOf(v4End, v4Count * 2);
                    v4Value = Arrays.copyOf(v4Value, v4Count * 2);
                }
                v4Start[v4Count] = toInt(a, 0) ^ Integer.MIN_VALUE;
                v4End[v4Count] = toInt(z, 0) ^ Integer.MIN_VALUE;
                v4Value[v4Count++] = value;
            } else {
                if (v6Count == v6StartHi.length) {
                    v6StartHi = Arrays.copyOf(v6StartHi, v6Count * 2);
                    v6StartLo = Arrays.copyOf(v6StartLo, v6Count * 2);
                    v6EndHi = Arrays.copyOf(v6EndHi, v6Count * 2);
                    v6EndLo = Arrays.copyOf(v6EndLo, v6Count * 2);
                    v6Value = Arrays.copyOf(v6Value, v6Count * 2);
                }
                v6StartHi[v6Count] = toLong(a, 0) ^ Long.MIN_VALUE;
                v6StartLo[v6Count] = toLong(a, 8) ^ Long.MIN_VALUE;
                v6EndHi[v6Count] = toLong(z, 0) ^ Long.MIN_VALUE;
                v6EndLo[v6Count] = toLong(z, 8) ^ Long.MIN_VALUE;
                v6Value[v6Count++] = value;
            }
            return this;
        }

        public IpRanges build() {
            return new IpRanges(this);
        }
    }
}
