package org.takedown.intake.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Finds the http(s) URLs in a mail's text, in one pass over it: time linear in the text's length whatever it holds
 * (no regular expression that can backtrack), so a crafted mail cannot stall the mailbox. HTML is read the same way:
 * tags are dropped, and the {@code href} of each link is kept as text. Stateless and thread-safe.
 */
final class MailLinks {

    /** Longest tag whose attributes are read; the rest of a longer tag is skipped. */
    static final int MAX_TAG = 4_096;

    /** Longest URL kept. */
    static final int MAX_URL = 2_048;

    private MailLinks() {}

    /** Adds the URLs in plain {@code text} to {@code urls}, in order. */
    static void fromText(CharSequence text, Set<String> urls) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = schemeAt(text, i);
            if (start < 0) {
                i++;
                continue;
            }
            int end = start;
            while (end < n && end - start < MAX_URL && urlChar(text.charAt(end))) {
                end++;
            }
            int trimmed = end;
            while (trimmed > start && ".,;:!?".indexOf(text.charAt(trimmed - 1)) >= 0) {
                trimmed--;
            }
            String url = text.subSequence(start, trimmed).toString();
            if (url.indexOf("://") + 3 < url.length()) {
                urls.add(url);
            }
            i = Math.max(end, i + 1);
        }
    }

    /** Adds the URLs in {@code html} to {@code urls}: its text without tags, and each link's target. */
    static void fromHtml(String html, Set<String> urls) {
        StringBuilder text = new StringBuilder(Math.min(html.length(), 1 << 20));
        StringBuilder tag = new StringBuilder();
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (!inTag) {
                if (c == '<') {
                    inTag = true;
                    tag.setLength(0);
                } else {
                    text.append(c);
                }
            } else if (c == '>') {
                inTag = false;
                String href = href(tag);
                text.append(' ');
                if (href != null) {
                    text.append(href).append(' ');
                }
            } else if (tag.length() < MAX_TAG) {
                tag.append(c);
            }
        }
        fromText(text.toString().replace("&amp;", "&"), urls);
    }

    /** The {@code href} of an {@code <a ...>} tag's text, or null. */
    private static String href(CharSequence tag) {
        String lower = tag.toString().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("a ") && !lower.startsWith("a\n") && !lower.startsWith("a\t")) {
            return null;
        }
        int at = lower.indexOf("href");
        while (at >= 0) {
            int i = at + 4;
            while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
                i++;
            }
            if (i < lower.length() && lower.charAt(i) == '=') {
                i++;
                while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
                    i++;
                }
                if (i < lower.length() && (lower.charAt(i) == '"' || lower.charAt(i) == '\'')) {
                    char quote = lower.charAt(i);
                    int close = lower.indexOf(quote, i + 1);
                    return close < 0 ? null : tag.subSequence(i + 1, close).toString();
                }
                int end = i;
                while (end < lower.length() && !Character.isWhitespace(lower.charAt(end))) {
                    end++;
                }
                return tag.subSequence(i, end).toString();
            }
            at = lower.indexOf("href", at + 4);
        }
        return null;
    }

    /** Where a URL starting at {@code i} begins ({@code http://} or {@code https://}, any case), or -1. */
    private static int schemeAt(CharSequence text, int i) {
        if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            return -1;
        }
        if (startsWith(text, i, "http://") || startsWith(text, i, "https://")) {
            return i;
        }
        return -1;
    }

    private static boolean startsWith(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase(text.charAt(at + k)) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean urlChar(char c) {
        return !Character.isWhitespace(c) && "<>\"'()[]{}".indexOf(c) < 0;
    }
}
