package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The label reader's sharing of queries, its failures and its end, against a source in memory. */
class LabelReaderTests {

    /** Labels "label-N" for even ids; odd ids have none. Each query's ids are kept. */
    private final List<Set<Long>> queried = new CopyOnWriteArrayList<>();

    private Map<Long, String> evenLabels(Collection<Long> ids) {
        queried.add(Set.copyOf(ids));
        Map<Long, String> labels = new HashMap<>();
        ids.stream().filter(id -> id % 2 == 0).forEach(id -> labels.put(id, "label-" + id));
        return labels;
    }

    @Test
    void requestsThatWaitShareAQueryAndEachGetsOnlyItsOwnLabels() throws Exception {
        CountDownLatch firstQueryRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<Collection<Long>, Map<Long, String>> source = ids -> {
            if (queried.isEmpty()) {
                firstQueryRuns.countDown();
                awaitQuietly(release);
            }
            return evenLabels(ids);
        };
        try (LabelReader reader = new LabelReader(source, new EntryLabels(0));
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Map<Long, String>> first = callers.submit(() -> reader.labels(Set.of(1L, 2L)));
            firstQueryRuns.await();
            // these wait while the first query runs, so they go into one query together
            List<Future<Map<Long, String>>> later = new ArrayList<>();
            for (long r = 0; r < 20; r++) {
                long base = 100 * (r + 1);
                later.add(callers.submit(() -> reader.labels(Set.of(base, base + 1, base + 2))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.waiting() == 20);
            release.countDown();

            assertThat(first.get()).isEqualTo(Map.of(2L, "label-2"));
            for (int r = 0; r < later.size(); r++) {
                long base = 100L * (r + 1);
                assertThat(later.get(r).get())
                        .as("request %d gets the labels of its own ids, no others", r)
                        .isEqualTo(Map.of(base, "label-" + base, base + 2, "label-" + (base + 2)));
            }
            assertThat(queried).hasSize(2);
            assertThat(queried.get(1)).hasSize(60);
            assertThat(reader.queriesAndRequests()).containsExactly(2, 21, 0);
        }
    }

    @Test
    void labelsHeldInMemoryNeedNoQueryAndOnlyTheOthersAreQueried() throws Exception {
        EntryLabels held = new EntryLabels(16 << 20);
        held.add(2, "held-2");
        held.add(3, null);
        try (LabelReader reader = new LabelReader(this::evenLabels, held)) {
            assertThat(reader.labels(Set.of(2L, 3L))).isEqualTo(Map.of(2L, "held-2"));
            assertThat(queried).as("all held: no query").isEmpty();

            assertThat(reader.labels(Set.of(2L, 4L, 5L))).isEqualTo(Map.of(2L, "held-2", 4L, "label-4"));
            assertThat(queried).containsExactly(Set.of(4L, 5L));
            assertThat(reader.queriesAndRequests()).containsExactly(1, 1, 1);
        }
    }

    @Test
    void noIdsNeedNoQuery() throws Exception {
        try (LabelReader reader = new LabelReader(this::evenLabels, new EntryLabels(0))) {
            assertThat(reader.labels(Set.of())).isEmpty();
            assertThat(queried).isEmpty();
        }
    }

    @Test
    void aFailingQueryFailsItsRequestsWithTheDatabasesErrorAndTheReaderGoesOn() throws Exception {
        Function<Collection<Long>, Map<Long, String>> source = ids -> {
            if (ids.contains(13L)) {
                throw new DataAccessResourceFailureException("the database is away");
            }
            if (ids.contains(17L)) {
                throw new OutOfMemoryError("no room for the labels");
            }
            return evenLabels(ids);
        };
        try (LabelReader reader = new LabelReader(source, new EntryLabels(0))) {
            assertThatThrownBy(() -> reader.labels(Set.of(13L)))
                    .isInstanceOf(DataAccessResourceFailureException.class)
                    .hasMessage("the database is away");
            assertThatThrownBy(() -> reader.labels(Set.of(17L))).hasMessageContaining("no room for the labels");

            assertThat(reader.labels(Set.of(4L, 5L))).isEqualTo(Map.of(4L, "label-4"));
        }
    }

    @Test
    void aClosedReaderRefusesWithAClearMessage() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LabelReader reader = new LabelReader(
                ids -> {
                    entered.countDown();
                    awaitQuietly(release);
                    return evenLabels(ids);
                },
                new EntryLabels(0));
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Map<Long, String>> running = callers.submit(() -> reader.labels(Set.of(2L)));
            entered.await(); // its query runs
            Future<Map<Long, String>> waiting = callers.submit(() -> reader.labels(Set.of(4L)));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.waiting() == 1);

            Thread closing = Thread.ofPlatform().start(() -> {
                try {
                    reader.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // the running query ends only once the reader is closing, so the waiting request is not read after it
            await().atMost(Duration.ofSeconds(10)).until(reader::closed);
            release.countDown();
            closing.join();

            assertThat(running.get()).isEqualTo(Map.of(2L, "label-2"));
            assertThatThrownBy(waiting::get).hasMessageContaining("the label reader is closed");
            assertThatThrownBy(() -> reader.labels(Set.of(6L))).hasMessageContaining("the label reader is closed");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
