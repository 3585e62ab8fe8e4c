package org.takedown.probing;

import org.jspecify.annotations.Nullable;
import org.takedown.intake.UrlId;

/**
 * A first look at a reported URL's content: a short text summary, or why it could not be looked at, and the hash-list
 * match that proposes it as known material. Published after each look, a retry included.
 *
 * @param summary a page's title and text (never markup), or null
 * @param problem why the content could not be looked at, or null
 * @param willRetry the look failed for a passing reason and is tried again
 * @param proposal the best hash-list match (list, entry, distance), or null when nothing matched
 * @param confirmingList the matched list when it confirms its matches without a person, or null
 */
public record ContentLooked(
        UrlId urlId,
        @Nullable String summary,
        @Nullable String problem,
        boolean willRetry,
        @Nullable String proposal,
        @Nullable String confirmingList) {}
