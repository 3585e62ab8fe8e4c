package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact-hash table against a HashMap reference, with duplicates across lists and removals. */
class ExactIndexTests {

    @Test
    void agreesWithAMapOfValues() {
        Random random = new Random(17);
        ExactIndex index = new ExactIndex(4);
        Map<List<Long>, List<Integer>> reference = new HashMap<>();
        List<long[]> values = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            long[] value = i % 5 == 0 && !values.isEmpty()
                    ? values.get(random.nextInt(values.size())) // the same hash in another list
                    : new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
            values.add(value);
            int ordinal = index.add(value, 0);
            reference.computeIfAbsent(key(value), k -> new ArrayList<>()).add(ordinal);
        }
        for (int i = 0; i < 5000; i++) {
            int ordinal = random.nextInt(values.size());
            index.remove(ordinal);
            reference.get(key(values.get(ordinal))).remove(Integer.valueOf(ordinal));
        }
        for (long[] value : values.subList(0, 20_000)) {
            List<Integer> found = new ArrayList<>();
            index.lookup(value, 0, found::add);
            assertThat(found).containsExactlyInAnyOrderElementsOf(reference.get(key(value)));
        }
        for (int ordinal = 0; ordinal < values.size(); ordinal += 997) {
            assertThat(index.value(ordinal)).containsExactly(values.get(ordinal));
        }
        List<Integer> none = new ArrayList<>();
        index.lookup(new long[] {1, 2, 3, 4}, 0, none::add);
        assertThat(none).isEmpty();
    }

    static List<Long> key(long[] value) {
        return List.of(value[0], value[1], value[2], value[3]);
    }
}
