package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.takedown.pdq.BatchMatches;
import org.takedown.pdq.HammingIndex;
import org.takedown.pdq.Matches;

/** The batched searches at a time and their pass size follow {@code takedown.matching.batch}. */
class BatchSearchesTests {

    private final List<BatchSearches> made = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeTheSearchThreads() {
        made.forEach(BatchSearches::close);
    }

    private BatchSearches searches(int queriesPerPass, int searches) {
        BatchSearches created = new BatchSearches(new MatchingProperties.Batch(queriesPerPass, searches));
        made.add(created);
        return created;
    }

    @Test
    void noMoreSearchesRunAtOnceThanConfigured() throws Exception {
        HammingIndex index = randomIndex(2_000);
        BatchSearches searches = searches(64, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        List<Future<?>> all = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                all.add(threads.submit(() -> searches.search(index, new long[4 * 40], 40, 31, (out, first) -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    started.countDown();
                    try {
                        // the first two hold their work spaces until both run, so that a third could join them
                        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                })));
            }
            for (Future<?> search : all) {
                search.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(most).hasValue(2);
        // 40 + 40 queries do not fit a pass of 64: each request had a pass of its own
        assertThat(searches.passesAndRequests()).containsExactly(6, 6);
    }

    @Test
    void requestsThatWaitShareAPassAndEachGetsItsOwnMatches() throws Exception {
        Random random = new Random(5);
        long[] words = randomWords(random, 5_000);
        HammingIndex index = new HammingIndex();
        index.addAll(words, 5_000);
        BatchSearches searches = searches(1_000, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int requests = 5;
        long[][] queries = new long[requests][];
        List<List<String>> found = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            // stored hashes a few bits off and random ones; the last request at another radius
            queries[r] = new long[4 * 100];
            for (int q = 0; q < 100; q++) {
                if (q % 3 == 2) {
                    for (int w = 0; w < 4; w++) {
                        queries[r][4 * q + w] = random.nextLong();
                    }
                } else {
                    System.arraycopy(words, 4 * random.nextInt(5_000), queries[r], 4 * q, 4);
                    queries[r][4 * q + random.nextInt(4)] ^= 1L << random.nextInt(64);
                }
            }
            found.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        List<Future<?>> all = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
            all.add(threads.submit(() -> searches.search(index, queries[0], 100, 31, (out, first) -> {
                holding.countDown();
                waitFor(release);
                collect(out, first, 100, found.get(0));
            })));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            for (int r = 1; r < requests; r++) {
                int request = r;
                int radius = r == requests - 1 ? 20 : 31;
                all.add(threads.submit(() -> searches.search(
                        index,
                        queries[request],
                        100,
                        radius,
                        (out, first) -> collect(out, first, 100, found.get(request)))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting(searches) == requests - 1);
            release.countDown();
            for (Future<?> search : all) {
                search.get(30, TimeUnit.SECONDS);
            }
        }
        // the first alone; the three at radius 31 together; the one at radius 20 alone
        assertThat(searches.passesAndRequests()).containsExactly(3, 5);
        for (int r = 0; r < requests; r++) {
            List<String> expected = new ArrayList<>();
            Matches matches = new Matches(16);
            for (int q = 0; q < 100; q++) {
                long[] v = queries[r];
                index.bruteForce(
                        v[4 * q], v[4 * q + 1], v[4 * q + 2], v[4 * q + 3], r == requests - 1 ? 20 : 31, matches);
                for (int m = 0; m < matches.size(); m++) {
                    expected.add(q + ":" + matches.ordinal(m) + ":" + matches.distance(m));
                }
            }
            assertThat(expected).as("request %d", r).hasSizeGreaterThan(50);
            assertThat(found.get(r)).as("request %d", r).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aRequestInterruptedWhileWaitingLeavesWithoutItsSearch() throws Exception {
        HammingIndex index = randomIndex(1_000);
        BatchSearches searches = searches(1_000, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger searched = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> first = threads.submit(() -> searches.search(index, new long[4], 1, 31, (out, at) -> {
                holding.countDown();
                waitFor(release);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = threads.submit(
                    () -> searches.search(index, new long[4], 1, 31, (out, at) -> searched.incrementAndGet()));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting(searches) == 1);
            second.cancel(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting(searches) == 0);
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
        }
        assertThat(searched).hasValue(0);
        assertThat(searches.passesAndRequests()).containsExactly(1, 1);
    }

    @Test
    void passesRunOnTheSearchThreadsNotTheRequestsAndEndWithClose() throws Exception {
        HammingIndex index = randomIndex(1_000);
        BatchSearches searches = searches(1_000, 2);
        List<String> threads = new ArrayList<>();
        Thread.ofVirtual()
                .start(() -> searches.search(
                        index,
                        new long[4],
                        1,
                        31,
                        (out, first) -> threads.add(Thread.currentThread().getName())))
                .join();
        // a virtual thread is not preempted: a pass on it would hold a carrier for its whole length
        assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("pdq-batch-"));
        searches.close();
        assertThatThrownBy(() -> searches.search(index, new long[4], 1, 31, (out, first) -> {}))
                .hasMessage("the batched searches are closed");
    }

    @Test
    void theWarmUpSearchesWithEveryWorkSpaceAndTheConfiguredPass() {
        HammingIndex index = randomIndex(20_000);
        BatchSearches searches = searches(300, 3);
        assertThat(searches.warmUp(index, 31)).isNotNegative();
        assertThat(searches.lastPasses()).containsExactly(300, 300, 300);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new MatchingProperties.Batch(0, 0))
                .hasMessage("takedown.matching.batch.queries-per-pass must be 1 to 65536, not 0");
        assertThatThrownBy(() -> new MatchingProperties.Batch(BatchMatches.MAX_QUERIES_PER_PASS + 1, 0))
                .hasMessageContaining("not 65537");
        assertThatThrownBy(() -> new MatchingProperties.Batch(8192, -1))
                .hasMessage("takedown.matching.batch.searches must be 0 (one per processor) or more, not -1");
        assertThat(new MatchingProperties.Batch(8192, 0).searchesHere())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private static void collect(BatchMatches out, int first, int count, List<String> into) {
        for (int q = 0; q < count; q++) {
            for (int m = out.from(first + q); m < out.to(first + q); m++) {
                into.add(q + ":" + out.ordinal(m) + ":" + out.distance(m));
            }
        }
    }

    private static int waiting(BatchSearches searches) {
        return searches.waiting();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HammingIndex randomIndex(int size) {
        HammingIndex index = new HammingIndex();
        index.addAll(randomWords(new Random(3), size), size);
        return index;
    }

    private static long[] randomWords(Random random, int size) {
        long[] words = new long[4 * size];
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextLong();
        }
        return words;
    }
}
