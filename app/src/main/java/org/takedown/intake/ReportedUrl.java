package org.takedown.intake;

/**
 * A reported URL in its normal form, used to recognise the same URL reported twice, with the text as reported.
 *
 * @param normalized scheme and host in lower case, IDN host in punycode, default port and fragment dropped,
 *     dot segments resolved, percent-encoding normalised
 * @param original the text as it was reported
 * @param host the host in ASCII (punycode for IDNs), without brackets for IPv6
 * @param hostUnicode the host as people read it (differs from {@code host} only for IDNs; show both, as a lookalike
 *     name can hide behind the Unicode form)
 */
public record ReportedUrl(String normalized, String original, String host, String hostUnicode) {

    /** True when the host is an internationalised name, whose Unicode form should be shown next to the punycode. */
    public boolean internationalised() {
        return !host.equals(hostUnicode);
    }
}
