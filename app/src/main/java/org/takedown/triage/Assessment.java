package org.takedown.triage;

/** An analyst's verdict on a reported URL. */
public enum Assessment {
    /** Illegal everywhere (the INTERPOL baseline). */
    BASELINE,
    /** Illegal under Dutch law. */
    NATIONAL,
    /** Not illegal; the reason says why (adult, nudism, virtual, not found, ...). */
    NOT_ILLEGAL,
    /** For the police rather than a notice; the reason says why. */
    NEEDS_POLICE;

    /** True for the verdicts that need a reason. */
    public boolean needsReason() {
        return this == NOT_ILLEGAL || this == NEEDS_POLICE;
    }
}
