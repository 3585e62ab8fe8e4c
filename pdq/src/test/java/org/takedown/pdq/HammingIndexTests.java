package org.takedown.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index against a brute-force reference, on fixed-seed random data and on the shared PDQ hash lists. */
class HammingIndexTests {

    /** Ordinal to distance of every match, sorted, for comparing results. */
    static TreeMap<Integer, Integer> results(Matches matches) {
        TreeMap<Integer, Integer> map = new TreeMap<>();
        for (int i = 0; i < matches.size(); i++) {
            assertThat(map.put(matches.ordinal(i), matches.distance(i)))
                    .as("reported twice")
                    .isNull();
        }
        return map;
    }

    static Hash256 flip(Hash256 hash, int bits, Random random) {
        long[] words = new long[4];
        hash.copyWords(words, 0);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            positions.add(i);
        }
        java.util.Collections.shuffle(positions, random);
        for (int i = 0; i < bits; i++) {
            int p = positions.get(i);
            words[p >>> 6] ^= 1L << (p & 63);
        }
        return Hash256.ofWords(words[0], words[1], words[2], words[3]);
    }

    static void assertSameAsBruteForce(HammingIndex index, Hash256 query, int radius) {
        Matches indexed = new Matches(4);
        Matches reference = new Matches(4);
        index.query(query, radius, indexed);
        index.bruteForce(query.word(0), query.word(1), query.word(2), query.word(3), radius, reference);
        assertThat(results(indexed)).as("query %s radius %d", query, radius).isEqualTo(results(reference));
    }

    /** The words of {@code hashes} random hashes, for a bulk load. */
    static long[] randomWords(Random random, int hashes) {
        long[] words = new long[4 * hashes];
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextLong();
        }
        return words;
    }

    /** An index of random hashes with clusters of near neighbours, added one by one (segments and merges). */
    static HammingIndex randomIndex(Random random, int count, List<Hash256> added) {
        return fill(new HammingIndex(), random, count, added);
    }

    /** Adds {@code count} hashes one by one: a third random, the others up to 47 bits from one added before. */
    static HammingIndex fill(HammingIndex index, Random random, int count, List<Hash256> added) {
        for (int i = 0; i < count; i++) {
            Hash256 hash = i % 3 == 0 || added.isEmpty()
                    ? Hash256Tests.random(random)
                    : flip(added.get(random.nextInt(added.size())), random.nextInt(48), random);
            assertThat(index.add(hash)).isEqualTo(added.size());
            added.add(hash);
        }
        return index;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 11, 12, 23, 24, 31, 36, 47, 48, 64})
    void findsExactlyWhatBruteForceFinds(int radius) {
        Random random = new Random(1000 + radius);
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = randomIndex(random, 3 * HammingIndex.TAIL_LIMIT + 123, added);
        assertThat(index.segmentCount()).isGreaterThanOrEqualTo(1);
        for (int q = 0; q < 200; q++) {
            Hash256 query = q % 2 == 0
                    ? flip(added.get(random.nextInt(added.size())), random.nextInt(40), random)
                    : Hash256Tests.random(random);
            assertSameAsBruteForce(index, query, radius);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"22x8+20x4", "26x6+25x4", "28x9+4", "16x16", "30x8+16"})
    void everyShapeFindsExactlyWhatBruteForceFinds(String shape) {
        Random random = new Random(shape.hashCode());
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = fill(HammingIndex.withChunks(shape), random, 3 * HammingIndex.TAIL_LIMIT + 7, added);
        for (int radius : new int[] {0, 8, 16, 31, 40}) {
            for (int q = 0; q < 60; q++) {
                assertSameAsBruteForce(index, flip(added.get(random.nextInt(added.size())), q % 36, random), radius);
            }
        }
    }

    @Test
    void segmentsOfDifferentShapesAgreeWithBruteForce() {
        // small segments get 12 chunks, merged ones 10
        Chunks ten = Chunks.parse("26x6+25x4");
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = fill(
                new HammingIndex(entries -> entries <= HammingIndex.TAIL_LIMIT ? Chunks.TWELVE : ten),
                new Random(77),
                4 * HammingIndex.TAIL_LIMIT + 99,
                added);
        Random random = new Random(78);
        assertThat(index.segmentCount()).isGreaterThanOrEqualTo(2);
        for (int q = 0; q < 300; q++) {
            Hash256 query = flip(added.get(random.nextInt(added.size())), q % 40, random);
            assertSameAsBruteForce(index, query, new int[] {31, 24, 39, 40, 47}[q % 5]);
        }
    }

    @Test
    void theShapeFollowsTheSizeOfTheSegment() {
        assertThat(Chunks.forEntries(1)).isSameAs(Chunks.TWELVE);
        assertThat(Chunks.forEntries(1_000_000)).isSameAs(Chunks.TWELVE);
        assertThat(Chunks.forEntries(10_000_000)).isSameAs(Chunks.ELEVEN);
        assertThat(Chunks.forEntries(67_108_864)).isSameAs(Chunks.ELEVEN);
        assertThat(Chunks.ELEVEN.count()).isEqualTo(11);
        assertThat(Chunks.ELEVEN.length(0)).isEqualTo(24);
    }

    @Test
    void shapesMustCoverTheHashLongestFirst() {
        assertThatThrownBy(() -> HammingIndex.withChunks("22x8+20x3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bits, not 236");
        assertThatThrownBy(() -> HammingIndex.withChunks("20x4+22x8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longest first");
        assertThatThrownBy(() -> HammingIndex.withChunks("32x8"))
                .as("32 bits do not fit the bucket arithmetic")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsNearCopiesAtTheConventionalThreshold() {
        Random random = new Random(7);
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = randomIndex(random, 20_000, added);
        Matches matches = new Matches(1);
        for (int q = 0; q < 500; q++) {
            int ordinal = random.nextInt(added.size());
            int bits = random.nextInt(32);
            index.query(flip(added.get(ordinal), bits, random), 31, matches);
            assertThat(results(matches)).containsEntry(ordinal, bits);
        }
    }

    @Test
    void removedEntriesAreNotFoundAndRemovalIsIdempotent() {
        Random random = new Random(3);
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = randomIndex(random, 2 * HammingIndex.TAIL_LIMIT + 10, added);
        for (int ordinal : new int[] {0, 5, HammingIndex.TAIL_LIMIT + 1, added.size() - 1}) {
            assertThat(index.remove(ordinal)).isTrue();
            assertThat(index.remove(ordinal)).isFalse();
            assertThat(index.isRemoved(ordinal)).isTrue();
            Matches matches = new Matches(1);
            index.query(added.get(ordinal), 0, matches);
            assertThat(results(matches)).doesNotContainKey(ordinal);
        }
        assertThat(index.size()).isEqualTo(added.size() - 4);
        // merges after removals still agree with the reference
        for (int i = 0; i < 3 * HammingIndex.TAIL_LIMIT; i++) {
            index.add(Hash256Tests.random(random));
        }
        for (int q = 0; q < 100; q++) {
            assertSameAsBruteForce(index, flip(added.get(random.nextInt(added.size())), 20, random), 31);
        }
        assertThatThrownBy(() -> index.remove(index.ordinals())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void recentAdditionsMergeIntoOneSegmentOnceTheyEnd() {
        Random random = new Random(13);
        int loaded = 200_000;
        HammingIndex index = new HammingIndex();
        index.addAll(randomWords(random, loaded), loaded);
        List<Hash256> added = new ArrayList<>();
        for (int i = 0; i < loaded; i++) {
            added.add(index.hash(i));
        }
        // seven tails' worth and a few more, one by one (as an import arrives), some removed on the way
        int more = 7 * HammingIndex.TAIL_LIMIT + 123;
        for (int i = 0; i < more; i++) {
            Hash256 hash =
                    i % 2 == 0 ? Hash256Tests.random(random) : flip(added.get(random.nextInt(loaded)), 9, random);
            assertThat(index.add(hash)).isEqualTo(added.size());
            added.add(hash);
        }
        index.remove(loaded + 7);
        index.remove(3);
        assertThat(index.segmentCount())
                .as("the additions left a run of segments")
                .isGreaterThanOrEqualTo(3);

        assertThat(index.mergeRecent()).isGreaterThanOrEqualTo(3);
        assertThat(index.segmentCount())
                .as("the load, and one segment for the rest")
                .isEqualTo(2);
        assertThat(index.mergeRecent()).as("nothing left to merge").isZero();
        assertThat(index.size()).isEqualTo(added.size() - 2);
        for (int q = 0; q < 300; q++) {
            Hash256 stored = added.get(q % 3 == 0 ? random.nextInt(loaded) : loaded + random.nextInt(more));
            assertSameAsBruteForce(index, flip(stored, random.nextInt(32), random), 31);
        }
        assertSameAsBruteForce(index, added.get(loaded + 7), 0);
        // a few more are not worth a merge of the segment before them: they stay in the tail
        index.add(Hash256Tests.random(random));
        assertThat(index.mergeRecent()).isZero();
        assertSameAsBruteForce(index, index.hash(index.ordinals() - 1), 0);
    }

    @Test
    void bulkLoadAgreesWithSingleAdds() {
        Random random = new Random(9);
        int count = 50_000;
        HammingIndex index = new HammingIndex();
        assertThat(index.addAll(randomWords(random, count), count)).isZero();
        assertThat(index.segmentCount()).isEqualTo(1);
        for (int q = 0; q < 200; q++) {
            Hash256 stored = index.hash(random.nextInt(count));
            assertSameAsBruteForce(index, flip(stored, random.nextInt(32), random), 31);
        }
    }

    @Test
    void sharedHaystackAndNeedles() throws IOException {
        HammingIndex index = new HammingIndex();
        for (String line : Files.readAllLines(PdqConformanceTests.DIR.resolve("haystack.txt"))) {
            if (!line.isBlank()) {
                index.add(Hash256.fromHex(line.strip()));
            }
        }
        int found = 0;
        for (String line : Files.readAllLines(PdqConformanceTests.DIR.resolve("needles.txt"))) {
            if (!line.isBlank()) {
                Hash256 needle = Hash256.fromHex(line.strip());
                assertSameAsBruteForce(index, needle, 31);
                Matches matches = new Matches(8);
                index.query(needle, 31, matches);
                found += matches.size() > 0 ? 1 : 0;
            }
        }
        System.out.println("needles with a match in the haystack at distance <= 31: " + found);
    }

    @Test
    void queriesRunWhileEntriesAreAdded() throws Exception {
        Random random = new Random(21);
        HammingIndex index = new HammingIndex();
        List<Hash256> added = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Hash256 hash = Hash256Tests.random(random);
            index.add(hash);
            added.add(hash);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random r = new Random(22);
            for (int i = 0; i < 30_000; i++) {
                index.add(Hash256Tests.random(r));
            }
        });
        writer.start();
        Matches matches = new Matches(4);
        while (writer.isAlive()) {
            int ordinal = random.nextInt(added.size());
            try {
                index.query(added.get(ordinal), 0, matches);
                assertThat(results(matches)).containsKey(ordinal);
            } catch (Throwable t) {
                failure.set(t);
                break;
            }
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(index.size()).isEqualTo(35_000);
    }

    @Test
    void queriesDoNotAllocateOnceTheBufferIsLargeEnough() {
        Random random = new Random(4);
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = randomIndex(random, 20_000, added);
        Matches matches = new Matches(1024);
        Hash256 query = added.get(10);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2000; i++) { // warm up: let the JIT compile the query path
            index.query(query.word(0), query.word(1), query.word(2), query.word(3), 31, matches);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            index.query(query.word(0), query.word(1), query.word(2), query.word(3), 31, matches);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 1000 queries").isLessThan(1000);
    }
}
