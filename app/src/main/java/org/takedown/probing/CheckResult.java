package org.takedown.probing;

/** What one online check of a notified URL found. */
public enum CheckResult {
    /** The content is there, as it was at notice time (same bytes, or for images the same picture). */
    ONLINE,
    /** The URL answers with other content (a placeholder page, another image). */
    REPLACED,
    /** Gone: 404, 410, 451 (or 401/403: access blocked), the host no longer resolves, or the connection is refused. */
    OFFLINE,
    /** No verdict: a timeout, a server error (5xx), 429, too large, a redirect loop. */
    INCONCLUSIVE;

    /** True for the results that can prove a removal. */
    public boolean conclusive() {
        return this == OFFLINE || this == REPLACED;
    }
}
