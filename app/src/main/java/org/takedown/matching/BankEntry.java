package org.takedown.matching;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One hash in a hash list; {@code disabledAt} is set once it no longer matches. */
public record BankEntry(
        long id,
        String bank,
        String type,
        String value,
        @Nullable String label,
        @Nullable String provenance,
        Instant addedAt,
        @Nullable Instant disabledAt) {}
