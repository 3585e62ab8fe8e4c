package org.takedown.enforcement;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A provider flagged by the watch list, put before an officer, who accepts it into a case or dismisses it with a
 * reason.
 *
 * @param noticeId the notice whose missed deadline made the candidate, for candidates from before the watch list
 * @param flags the reasons of the flag, each with the threshold it crossed
 * @param urlIds the URLs that breached the norm in the window
 */
public record Candidate(
        long id,
        @Nullable Long noticeId,
        @Nullable Long companyId,
        String company,
        Instant flaggedAt,
        List<String> flags,
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
