package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The batched searches at a time and their pass size follow {@code takedown.matching.batch}. */
class BatchSearchesTests {

    @Test
    void noMoreSearchesRunAtOnceThanConfigured() throws Exception {
        BatchSearches searches = new BatchSearches(new MatchingProperties.Batch(64, 2));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        List<Future<?>> all = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                all.add(threads.submit(() -> searches.run(out -> {
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
    }

    @Test
    void theWarmUpSearchesWithEveryWorkSpaceAndTheConfiguredPass() {
        Random random = new Random(3);
        long[] words = new long[4 * 20_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextLong();
        }
        HammingIndex index = new HammingIndex();
        index.addAll(words, 20_000);
        BatchSearches searches = new BatchSearches(new MatchingProperties.Batch(300, 3));
        assertThat(searches.warmUp(index, 31)).isNotNegative();
        List<Integer> queries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            searches.run(out -> queries.add(out.queries()));
        }
        assertThat(queries).containsExactly(300, 300, 300);
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
}
