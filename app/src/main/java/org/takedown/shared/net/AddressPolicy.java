package org.takedown.shared.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses Takedown may connect to (the prober, webhooks): public unicast only. Refused are loopback, private (RFC 1918, unique
 * local), link-local, shared address space (CGNAT), multicast, unspecified, broadcast, documentation, benchmarking
 * and other reserved IPv4 blocks, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4,
 * Teredo), so that a reported URL can never turn the prober against internal networks. Loopback is allowed only when
 * the simulation asks for it. Immutable, thread-safe.
 */
public final class AddressPolicy {

    private final boolean allowLoopback;

    /** @param allowLoopback true only for the simulation and tests, whose simulated web runs on loopback */
    public AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why the address is refused, or null when the prober may connect to it. */
    public @Nullable String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusal4(b);
        }
        if (address instanceof Inet6Address) {
            return refusal6(b);
        }
        return "not an IPv4 or IPv6 address";
    }

    private @Nullable String refusal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return allowLoopback ? null : "loopback";
        }
        if (a0 == 0) {
            return "unspecified (\"this network\")";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "shared address space (CGNAT)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast";
        }
        if (a0 >= 240) {
            return a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255 ? "broadcast" : "reserved";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "reserved (IETF protocol assignments)";
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "reserved (documentation)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "reserved (benchmarking)";
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return "reserved (6to4 relay anycast)";
        }
        return null;
    }

    private @Nullable String refusal6(byte[] b) {
        boolean zeroFirst10 = true;
        for (int i = 0; i < 10; i++) {
            zeroFirst10 &= b[i] == 0;
        }
        if (zeroFirst10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return "IPv4-mapped";
        }
        if (zeroFirst10 && b[10] == 0 && b[11] == 0) {
            boolean zeroRest = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroRest && b[15] == 1) {
                return allowLoopback ? null : "loopback";
            }
            return zeroRest && b[15] == 0 ? "unspecified" : "IPv4-compatible";
        }
        int first = (b[0] & 0xff) << 8 | (b[1] & 0xff);
        int second = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        if (first == 0x0064 && second == 0xff9b) {
            return "NAT64 (embeds an IPv4 address)";
        }
        if (first == 0x2002) {
            return "6to4 (embeds an IPv4 address)";
        }
        if (first == 0x2001 && second == 0x0000) {
            return "Teredo (embeds an IPv4 address)";
        }
        if (first == 0x2001 && second == 0x0db8) {
            return "reserved (documentation)";
        }
        if ((first & 0xfe00) == 0xfc00) {
            return "private (unique local)";
        }
        if ((first & 0xffc0) == 0xfe80) {
            return "link-local";
        }
        if ((first & 0xffc0) == 0xfec0) {
            return "site-local (deprecated)";
        }
        if ((first & 0xff00) == 0xff00) {
            return "multicast";
        }
        if ((first & 0xe000) != 0x2000) {
            return "reserved (not global unicast)";
        }
        return null;
    }
}
