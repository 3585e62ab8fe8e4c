package org.takedown.intake;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings reported URLs to one normal form (RFC 3986 syntax-based normalisation plus the usual web rules), so that the
 * same URL reported twice is recognised: scheme and host in lower case, IDN hosts in punycode, no trailing dot, no
 * default port, no fragment, no user name or password, dot segments resolved, an empty path as {@code /},
 * percent-encoding of unreserved characters decoded and the rest in upper case, characters that may not appear
 * raw (spaces, non-ASCII) percent-encoded as UTF-8. Only http and https are accepted. Stateless and thread-safe.
 */
public final class UrlNormalizer {

    /** Longest URL accepted. */
    public static final int MAX_LENGTH = 8192;

    private static final Pattern URL =
            Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$", Pattern.DOTALL);
    private static final Pattern AUTHORITY = Pattern.compile("^(?:[^@]*@)?(\\[[0-9a-fA-F:.]+\\]|[^:]*)(?::(\\d*))?$");
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    /** Characters kept raw in a path or query besides unreserved ones (sub-delims, ':', '@', '/', '?'). */
    private static final String ALLOWED = "!$&'()*+,;=:@/?";

    private UrlNormalizer() {}

    /**
     * Normalises one reported URL.
     *
     * @throws UrlRejectedException with the reason when it is not an http(s) URL with a host
     */
    public static ReportedUrl normalize(String reported) {
        String original = reported;
        String text = reported.strip();
        if (text.isEmpty()) {
            throw new UrlRejectedException("url.rejected.empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new UrlRejectedException("url.rejected.long", MAX_LENGTH);
        }
        if (!text.contains("://") && text.matches("(?i)^[a-z0-9.-]+\\.[a-z]{2,}(/.*)?$")) {
            text = "http://" + text; // a bare "example.nl/x" as people write it
        }
        Matcher url = URL.matcher(text);
        if (!url.matches()) {
            throw new UrlRejectedException("url.rejected.not-url");
        }
        String scheme = url.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlRejectedException("url.rejected.scheme", scheme);
        }
        Matcher authority = AUTHORITY.matcher(url.group(2));
        if (!authority.matches()) {
            throw new UrlRejectedException("url.rejected.authority", url.group(2));
        }
        String host = host(decode(authority.group(1), false));
        String port = authority.group(2);
        StringBuilder out = new StringBuilder(text.length() + 8);
        out.append(scheme).append("://");
        out.append(host.contains(":") ? "[" + host + "]" : host);
        if (port != null && !port.isEmpty()) {
            int number = Integer.parseInt(port.length() > 5 ? "99999" : port);
            if (number < 1 || number > 65535) {
                throw new UrlRejectedException("url.rejected.port", port);
            }
            if (!(scheme.equals("http") && number == 80) && !(scheme.equals("https") && number == 443)) {
                out.append(':').append(number);
            }
        }
        String path = removeDotSegments(encode(url.group(3)));
        out.append(path.isEmpty() ? "/" : path);
        if (url.group(4) != null) {
            out.append(encode(url.group(4)));
        }
        String unicode = host.contains(":") ? host : IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
        return new ReportedUrl(out.toString(), original, host, unicode);
    }

    private static String host(String raw) {
        String host = raw.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            String v6 = host.substring(1, host.length() - 1).toLowerCase(Locale.ROOT);
            if (!v6.matches("[0-9a-f:.]+") || !v6.contains(":")) {
                throw new UrlRejectedException("url.rejected.ipv6", host);
            }
            return v6;
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new UrlRejectedException("url.rejected.no-host");
        }
        try {
            String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (!ascii.matches("[a-z0-9_.-]+")) {
                throw new UrlRejectedException("url.rejected.host", host);
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            throw new UrlRejectedException("url.rejected.host.why", host, e.getMessage());
        }
    }

    /**
     * Percent-encoding normalised: escapes of unreserved characters decoded, other escapes in upper case, characters
     * that may not appear raw encoded as UTF-8.
     */
    static String encode(String part) {
        byte[] bytes = decodeKeepingReserved(part).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.append('%')
                        .append(Character.toUpperCase((char) bytes[i + 1]))
                        .append(Character.toUpperCase((char) bytes[i + 2]));
                i += 2;
            } else if (b < 0x80 && (UNRESERVED.indexOf(b) >= 0 || ALLOWED.indexOf(b) >= 0)) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        return out.toString();
    }

    /** Decodes escapes of unreserved characters only; other escapes stay (they may carry meaning, like %2F). */
    private static String decodeKeepingReserved(String part) {
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%'
                    && i + 2 < part.length()
                    && hex((byte) part.charAt(i + 1)) >= 0
                    && hex((byte) part.charAt(i + 2)) >= 0) {
                int value = hex((byte) part.charAt(i + 1)) * 16 + hex((byte) part.charAt(i + 2));
                if (UNRESERVED.indexOf(value) >= 0) {
                    out.append((char) value);
                } else {
                    out.append(c).append(part, i + 1, i + 3);
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Fully decodes percent-escapes (for the host, where escapes are not meaningful). */
    private static String decode(String part, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(plusIsSpace && bytes[i] == '+' ? ' ' : bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** RFC 3986 section 5.2.4. */
    static String removeDotSegments(String path) {
        if (path.isEmpty()) {
            return path;
        }
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            String segment = parts[i];
            boolean last = i == parts.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    segments.addLast("");
                }
            } else if (segment.equals("..")) {
                segments.pollLast();
                if (last) {
                    segments.addLast("");
                }
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }
}
