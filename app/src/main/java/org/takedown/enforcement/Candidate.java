package org.takedown.enforcement;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A hosting company's missed deadline, put before an officer, who accepts it into a case or dismisses it with a reason. */
public record Candidate(
        long id,
        long noticeId,
        @Nullable Long companyId,
        String company,
        Instant sentAt,
        Instant missedAt,
        List<Long> urlIds,
        State state,
        @Nullable String reason,
        @Nullable Long caseId) {

    /** Where a candidate stands. */
    public enum State {
        OPEN,
        ACCEPTED,
        DISMISSED
    }
}
