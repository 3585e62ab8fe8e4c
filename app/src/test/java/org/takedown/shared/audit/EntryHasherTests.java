package org.takedown.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntryHasherTests {

    static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456Z");

    @Test
    void sameFieldsGiveSameHash() {
        assertThat(EntryHasher.hash(1, AT, "a", "b", "c", "{}", EntryHasher.GENESIS))
                .isEqualTo(EntryHasher.hash(1, AT, "a", "b", "c", "{}", EntryHasher.GENESIS))
                .hasSize(64);
    }

    @Test
    void everyFieldCounts() {
        String base = EntryHasher.hash(1, AT, "a", "b", "c", "{}", EntryHasher.GENESIS);
        assertThat(EntryHasher.hash(2, AT, "a", "b", "c", "{}", EntryHasher.GENESIS))
                .isNotEqualTo(base);
        assertThat(EntryHasher.hash(1, AT.plusNanos(1000), "a", "b", "c", "{}", EntryHasher.GENESIS))
                .isNotEqualTo(base);
        assertThat(EntryHasher.hash(1, AT, "x", "b", "c", "{}", EntryHasher.GENESIS))
                .isNotEqualTo(base);
        assertThat(EntryHasher.hash(1, AT, "a", "x", "c", "{}", EntryHasher.GENESIS))
                .isNotEqualTo(base);
        assertThat(EntryHasher.hash(1, AT, "a", "b", "x", "{}", EntryHasher.GENESIS))
                .isNotEqualTo(base);
        assertThat(EntryHasher.hash(1, AT, "a", "b", "c", "{\"k\": 1}", EntryHasher.GENESIS))
                .isNotEqualTo(base);
        assertThat(EntryHasher.hash(1, AT, "a", "b", "c", "{}", "1".repeat(64))).isNotEqualTo(base);
    }

    @Test
    void movingCharactersBetweenFieldsChangesTheHash() {
        assertThat(EntryHasher.hash(1, AT, "ab", "c", "d", "{}", EntryHasher.GENESIS))
                .isNotEqualTo(EntryHasher.hash(1, AT, "a", "bc", "d", "{}", EntryHasher.GENESIS));
    }
}
