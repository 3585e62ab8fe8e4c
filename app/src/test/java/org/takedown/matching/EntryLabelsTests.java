package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The labels held in memory: what is held reads back as added, and what is not held is said to be missing. */
class EntryLabelsTests {

    private static Map<Long, String> read(EntryLabels labels, Set<Long> ids, Set<Long> notHeld) {
        Map<Long, String> into = new HashMap<>();
        notHeld.addAll(labels.read(ids, into));
        return into;
    }

    @Test
    void labelsReadBackAsAddedAndEntriesWithoutOneAreLeftOut() {
        EntryLabels labels = new EntryLabels(64 << 20);
        String longLabel = "l".repeat(300); // a two-byte length
        labels.add(1, "CSAM-A1");
        labels.add(2, null);
        labels.add(3, "über ☃ 😀");
        labels.add(70_000, longLabel); // another page of ids
        labels.add(5, "");
        Set<Long> notHeld = new HashSet<>();

        assertThat(read(labels, Set.of(1L, 2L, 3L, 5L, 70_000L), notHeld))
                .isEqualTo(Map.of(1L, "CSAM-A1", 3L, "über ☃ 😀", 5L, "", 70_000L, longLabel));
        assertThat(notHeld).isEmpty();
        // never added, beyond any page, or negative: not held, so read from the database
        assertThat(read(labels, Set.of(4L, 9_000_000_000L, -1L), notHeld)).isEmpty();
        assertThat(notHeld).containsExactlyInAnyOrder(4L, 9_000_000_000L, -1L);
    }

    @Test
    void equalLabelsAreStoredOnceAndDistinctOnesFillPagesOfBytes() {
        EntryLabels shared = new EntryLabels(64 << 20);
        for (long id = 1; id <= 200_000; id++) {
            shared.add(id, "category-" + id % 5);
        }
        // a page of slots per 65 536 ids (4 bytes each) and one page of bytes for the five labels
        assertThat(shared.bytesUsed()).isEqualTo(4 * 4L * 65_536 + (1 << 20));

        EntryLabels distinct = new EntryLabels(64 << 20);
        for (long id = 1; id <= 200_000; id++) {
            distinct.add(id, "entry-label-" + id);
        }
        Set<Long> all = new HashSet<>();
        for (long id = 1; id <= 200_000; id++) {
            all.add(id);
        }
        Set<Long> notHeld = new HashSet<>();
        Map<Long, String> read = read(distinct, all, notHeld);
        assertThat(notHeld).isEmpty();
        assertThat(read).hasSize(200_000);
        for (long id = 1; id <= 200_000; id++) {
            assertThat(read.get(id)).isEqualTo("entry-label-" + id);
        }
        assertThat(read(shared, Set.of(7L, 199_999L), notHeld))
                .isEqualTo(Map.of(7L, "category-2", 199_999L, "category-4"));
    }

    @Test
    void pastTheBudgetLabelsAreNotHeldAndReadFromTheDatabase() {
        // room for the first page of slots and one page of bytes, not for a second page of bytes
        EntryLabels labels = new EntryLabels(4L * 65_536 + 8 * 16 + (1 << 20) + 100);
        String big = "x".repeat(10_000);
        long id = 1;
        while (!labels.full()) {
            labels.add(id++, big + id);
        }
        long firstNotHeld = id - 1;
        labels.add(id, "short");
        labels.add(id + 1, null);
        assertThat(labels.bytesUsed()).isLessThanOrEqualTo(4L * 65_536 + 8 * 16 + (1 << 20) + 100);

        Set<Long> notHeld = new HashSet<>();
        assertThat(read(labels, Set.of(1L, firstNotHeld - 1), notHeld)).hasSize(2);
        assertThat(notHeld).isEmpty();
        read(labels, Set.of(firstNotHeld, id, id + 1), notHeld);
        assertThat(notHeld).containsExactlyInAnyOrder(firstNotHeld, id, id + 1);
    }

    @Test
    void aLabelTooLongIsNotHeldAndNoBudgetHoldsNothing() {
        EntryLabels labels = new EntryLabels(64 << 20);
        labels.add(1, "y".repeat(EntryLabels.MAX_LABEL_BYTES + 1));
        labels.add(2, "y".repeat(EntryLabels.MAX_LABEL_BYTES));
        Set<Long> notHeld = new HashSet<>();
        assertThat(read(labels, Set.of(1L, 2L), notHeld)).containsOnlyKeys(2L);
        assertThat(notHeld).containsExactly(1L);

        EntryLabels none = new EntryLabels(0);
        none.add(1, "a");
        none.add(2, null);
        notHeld.clear();
        assertThat(read(none, Set.of(1L, 2L), notHeld)).isEmpty();
        assertThat(notHeld).containsExactlyInAnyOrder(1L, 2L);
        assertThat(none.bytesUsed()).isZero();
    }
}
