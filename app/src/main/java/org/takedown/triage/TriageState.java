package org.takedown.triage;

/** Where a reported URL stands on the workbench. */
public enum TriageState {
    /** Waiting for an analyst. */
    QUEUED,
    /** Assessed under four eyes; waits for a second person to confirm. */
    AWAITING_CONFIRMATION,
    /** Final: announced to notices and the monitor. */
    ASSESSED
}
