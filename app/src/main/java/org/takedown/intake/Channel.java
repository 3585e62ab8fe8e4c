package org.takedown.intake;

import java.util.Locale;

/** How a report came in. */
public enum Channel {
    FORM,
    API,
    BULK,
    MAILBOX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
