package org.takedown.intake;

import java.util.Locale;

/** How a report came in. */
public enum Channel {
    FORM,
    API,
    BULK,
    MAILBOX,
    /** The authority's own reports: attributed and checked like any other, never in the hotline's triage. */
    AUTHORITY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
