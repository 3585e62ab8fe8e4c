package org.takedown.enforcement;

import java.time.Instant;

/** The authority's case against one hosting company. */
public record EnforcementCase(
        long id, long companyId, String company, String reason, Instant openedAt, String openedBy, State state) {

    /** Whether a case takes new decisions. */
    public enum State {
        OPEN,
        CLOSED
    }
}
