package org.takedown.intake;

import java.util.List;

/**
 * What became of a report: the URLs taken (new cases, or joined to the open case of the same URL) and the texts
 * refused with their reason.
 */
public record ReportReceipt(long reportId, List<Accepted> accepted, List<Rejected> rejected) {

    /** A URL taken: its case, normal form, and whether an open case for it already existed. */
    public record Accepted(String url, long urlId, String normalized, boolean duplicate) {}

    /** A text refused, with why. */
    public record Rejected(String url, String reason) {}
}
