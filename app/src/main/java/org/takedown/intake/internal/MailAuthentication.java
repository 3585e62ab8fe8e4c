package org.takedown.intake.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether the receiving mail server vouches for a mail's sender, read from its {@code Authentication-Results} header
 * (RFC 8601). Only a header that names our own server ({@code authserv-id}) counts: any other was written by someone
 * on the way, or by the sender. The topmost such header is the one our server added. The sender's domain passes
 * when DMARC passed for it, or when both SPF and DKIM passed for domains aligned with it (the same domain, or one a
 * subdomain of the other). Stateless and thread-safe.
 */
final class MailAuthentication {

    /** Longest header value read; longer ones are refused (a real one is a few hundred characters). */
    static final int MAX_HEADER = 8_192;

    private MailAuthentication() {}

    /** The verdict: passed, or the reason it did not. */
    record Verdict(boolean passed, String reason) {}

    /**
     * @param headers the mail's {@code Authentication-Results} values, topmost first
     * @param authservId our receiving server's id
     * @param fromDomain the domain of the mail's one From address
     */
    static Verdict check(List<String> headers, String authservId, String fromDomain) {
        String ours = authservId.strip().toLowerCase(Locale.ROOT);
        String domain = fromDomain.toLowerCase(Locale.ROOT);
        for (String header : headers) {
            if (header.length() > MAX_HEADER) {
                return new Verdict(false, "Authentication-Results header too long");
            }
            List<String> parts = split(withoutComments(header));
            if (parts.isEmpty() || !firstWord(parts.getFirst()).equals(ours)) {
                continue;
            }
            Map<String, Result> results = new LinkedHashMap<>();
            for (String part : parts.subList(1, parts.size())) {
                Result result = Result.parse(part);
                if (result != null) {
                    results.putIfAbsent(result.method() + ":" + result.value(), result);
                }
            }
            for (Result r : results.values()) {
                if (r.method().equals("dmarc") && r.passed() && domain.equals(r.property("header.from"))) {
                    return new Verdict(true, "DMARC passed for " + domain);
                }
            }
            boolean spf = results.values().stream()
                    .anyMatch(r -> r.method().equals("spf") && r.passed() && aligned(domain, mailFrom(r)));
            boolean dkim = results.values().stream()
                    .anyMatch(r -> r.method().equals("dkim") && r.passed() && aligned(domain, r.property("header.d")));
            if (spf && dkim) {
                return new Verdict(true, "SPF and DKIM passed, aligned with " + domain);
            }
            return new Verdict(
                    false,
                    "our server (" + ours + ") did not vouch for " + domain + ": neither DMARC nor aligned SPF and"
                            + " DKIM passed");
        }
        return new Verdict(false, "no Authentication-Results from our server (" + ours + ")");
    }

    private static @Nullable String mailFrom(Result spf) {
        String from = spf.property("smtp.mailfrom");
        if (from == null) {
            return null;
        }
        int at = from.lastIndexOf('@');
        return at < 0 ? from : from.substring(at + 1);
    }

    /** Relaxed alignment, kept simple: the same domain, or one a subdomain of the other. */
    static boolean aligned(String fromDomain, @Nullable String other) {
        if (other == null || other.isEmpty()) {
            return false;
        }
        return fromDomain.equals(other) || fromDomain.endsWith("." + other) || other.endsWith("." + fromDomain);
    }

    /** One {@code method=result} with its {@code ptype.property=value} pairs. */
    private record Result(String method, String value, Map<String, String> properties) {

        boolean passed() {
            return value.equals("pass");
        }

        @Nullable
        String property(String name) {
            return properties.get(name);
        }

        static @Nullable Result parse(String text) {
            String[] words = text.strip().split("\\s+");
            if (words.length == 0) {
                return null;
            }
            int eq = words[0].indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String method = words[0].substring(0, eq).toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            if (slash > 0) {
                method = method.substring(0, slash); // method version
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int e = words[i].indexOf('=');
                if (e > 0) {
                    properties.putIfAbsent(
                            words[i].substring(0, e).toLowerCase(Locale.ROOT),
                            unquote(words[i].substring(e + 1)).toLowerCase(Locale.ROOT));
                }
            }
            return new Result(method, words[0].substring(eq + 1).toLowerCase(Locale.ROOT), properties);
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private static String firstWord(String text) {
        String stripped = text.strip();
        int space = stripped.indexOf(' ');
        return (space < 0 ? stripped : stripped.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /** The header without its (comments), in one pass; nested comments are handled, quotes respected. */
    static String withoutComments(String header) {
        StringBuilder out = new StringBuilder(header.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
                continue;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                continue;
            }
            if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        for (String part : header.split(";")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
