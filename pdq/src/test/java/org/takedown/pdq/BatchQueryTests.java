package org.takedown.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batched search against brute force, query by query, on the same indexes as the single search's tests. */
class BatchQueryTests {

    /** Four words per query: half near a stored hash (up to 40 bits away), half random. */
    private static long[] queries(List<Hash256> added, int count, Random random) {
        long[] words = new long[4 * count];
        for (int q = 0; q < count; q++) {
            Hash256 query = q % 2 == 0
                    ? HammingIndexTests.flip(added.get(random.nextInt(added.size())), random.nextInt(41), random)
                    : Hash256Tests.random(random);
            query.copyWords(words, 4 * q);
        }
        return words;
    }

    /** Checks every query of the batch against brute force; returns the number of matches. */
    private static int assertSameAsBruteForce(HammingIndex index, long[] queries, int radius, BatchMatches out) {
        int count = queries.length / 4;
        index.queryAll(queries, count, radius, out);
        assertThat(out.queries()).isEqualTo(count);
        Matches reference = new Matches(4);
        for (int q = 0; q < count; q++) {
            TreeMap<Integer, Integer> batched = new TreeMap<>();
            for (int i = out.from(q); i < out.to(q); i++) {
                assertThat(batched.put(out.ordinal(i), out.distance(i)))
                        .as("reported twice")
                        .isNull();
            }
            index.bruteForce(
                    queries[4 * q], queries[4 * q + 1], queries[4 * q + 2], queries[4 * q + 3], radius, reference);
            assertThat(batched).as("query %d at radius %d", q, radius).isEqualTo(HammingIndexTests.results(reference));
        }
        return out.size();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 11, 12, 23, 31, 36, 43, 44, 47, 48, 64})
    void findsExactlyWhatBruteForceFindsForEachQuery(int radius) {
        Random random = new Random(2000 + radius);
        List<Hash256> added = new ArrayList<>();
        // added one by one: several segments of both shapes, a tail, removed entries
        HammingIndex index = HammingIndexTests.randomIndex(random, 4 * HammingIndex.TAIL_LIMIT + 321, added);
        for (int ordinal = 0; ordinal < added.size(); ordinal += 97) {
            index.remove(ordinal);
        }
        assertThat(index.segmentCount()).isGreaterThanOrEqualTo(1);
        long[] queries = queries(added, 700, random);
        int matches = assertSameAsBruteForce(index, queries, radius, new BatchMatches());
        // passes of a few queries each give the same
        assertThat(assertSameAsBruteForce(index, queries, radius, new BatchMatches(64)))
                .isEqualTo(matches);
        if (radius >= 31) {
            assertThat(matches).as("the test finds something").isGreaterThan(300);
        }
    }

    @Test
    void aLargeSegmentIsSearchedRegionByRegionAndBlockByBlock() {
        Random random = new Random(11);
        int count = 300_000;
        long[] words = new long[4 * count];
        List<Hash256> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Hash256 hash = i % 2 == 0 || i == 1
                    ? Hash256Tests.random(random)
                    : HammingIndexTests.flip(added.get(random.nextInt(added.size())), random.nextInt(30), random);
            hash.copyWords(words, 4 * i);
            added.add(hash);
        }
        HammingIndex index = new HammingIndex();
        index.addAll(words, count);
        // 19 bucket bits: 128 regions of the directory; 37 blocks of entries
        assertThat(index.segmentCount()).isEqualTo(1);
        long[] queries = queries(added, 3000, random);
        assertThat(assertSameAsBruteForce(index, queries, 31, new BatchMatches()))
                .isGreaterThan(1500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"26x6+25x4", "28x9+4", "16x16", "30x8+16"})
    void everyShapeFindsExactlyWhatBruteForceFinds(String shape) {
        Random random = new Random(shape.hashCode());
        List<Hash256> added = new ArrayList<>();
        HammingIndex index =
                HammingIndexTests.fill(HammingIndex.withChunks(shape), random, 3 * HammingIndex.TAIL_LIMIT + 7, added);
        long[] queries = queries(added, 300, random);
        for (int radius : new int[] {0, 8, 16, 31, 40}) {
            assertSameAsBruteForce(index, queries, radius, new BatchMatches(100));
        }
    }

    @Test
    void anEmptyBatchOrANegativeRadiusFindsNothing() {
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = HammingIndexTests.randomIndex(new Random(5), 5000, added);
        BatchMatches out = new BatchMatches();
        index.queryAll(new long[0], 0, 31, out);
        assertThat(out.queries()).isZero();
        assertThat(out.size()).isZero();
        long[] queries = new long[8];
        added.get(0).copyWords(queries, 0);
        index.queryAll(queries, 2, -1, out);
        assertThat(out.queries()).isEqualTo(2);
        assertThat(out.from(1)).isZero();
        assertThat(out.to(1)).isZero();
        index.queryAll(queries, 2, 0, out);
        assertThat(out.to(0) - out.from(0)).isEqualTo(1);
    }

    @Test
    void refusesTooFewWordsAndImpossiblePassSizes() {
        HammingIndex index = new HammingIndex();
        assertThatThrownBy(() -> index.queryAll(new long[7], 2, 31, new BatchMatches()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 queries need 8 words");
        assertThatThrownBy(() -> new BatchMatches(0)).hasMessageContaining("1 to 65536 queries per pass, not 0");
        assertThatThrownBy(() -> new BatchMatches(65537)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masksHaveAtMostTheReachInBitsEachOnceByWeight() {
        for (int bits = 0; bits <= 14; bits++) {
            for (int reach = 0; reach <= 3; reach++) {
                int[] masks = BatchQuery.masks(bits, reach);
                int[] limits = BatchQuery.weightLimits(bits, reach);
                Set<Integer> distinct = new HashSet<>();
                int expected = 0;
                for (int value = 0; value < 1 << bits; value++) {
                    expected += Integer.bitCount(value) <= reach ? 1 : 0;
                }
                assertThat(masks).hasSize(expected).hasSize(limits[reach]);
                for (int i = 0; i < masks.length; i++) {
                    assertThat(distinct.add(masks[i])).isTrue();
                    assertThat(masks[i] >>> bits).isZero();
                    int weight = Integer.bitCount(masks[i]);
                    assertThat(i).as("sorted by weight").isLessThan(limits[weight]);
                    assertThat(weight == 0 || i >= limits[weight - 1]).isTrue();
                }
            }
        }
    }

    @Test
    void batchesDoNotAllocateOnceTheWorkSpaceHasGrown() {
        Random random = new Random(8);
        List<Hash256> added = new ArrayList<>();
        HammingIndex index = HammingIndexTests.randomIndex(random, 20_000, added);
        long[] queries = queries(added, 500, random);
        BatchMatches out = new BatchMatches(200);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) { // warm up: grow the work space, let the JIT compile the search
            index.queryAll(queries, 500, 31, out);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10; i++) {
            index.queryAll(queries, 500, 31, out);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 10 batches of 500").isLessThan(1000);
    }
}
