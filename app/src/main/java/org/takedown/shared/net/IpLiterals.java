package org.takedown.shared.net;

import java.net.InetAddress;

/** IP address literals: parsed without any name look-up, and printed in canonical form. Thread-safe. */
public final class IpLiterals {

    private IpLiterals() {}

    /**
     * An address as text in its canonical form: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, leading zeros
     * dropped, the longest run of two or more zero groups as {@code ::}), as PostgreSQL and other tools print it.
     */
    public static String text(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Parses an IP address literal without any name lookup. */
    public static InetAddress parse(String literal) {
        String text = literal.strip();
        boolean v6 = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '.' || Character.digit(c, v6 ? 16 : 10) >= 0 || (v6 && c == ':');
            if (!allowed) {
                throw new IllegalArgumentException("not an IP address: '" + text + "'");
            }
        }
        if (text.isEmpty() || (!v6 && text.chars().filter(c -> c == '.').count() != 3)) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            // a literal: no name is looked up
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
        }
    }
}
