package org.takedown.probing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.takedown.probing.CheckResult;
import org.takedown.support.IntegrationTest;

/**
 * Two writers recording the same URLs at once, their checks finished in opposite orders (what the demo's warm-up and
 * the server's schedule did when a lease ran out during a check): both land, neither is chosen as a PostgreSQL
 * deadlock victim, and each URL ends with its later check. Real PostgreSQL.
 */
@IntegrationTest
class ProberRecordingIntegrationTests {

    /** Far above the ids the other tests' URLs get. */
    static final long FIRST = 7_000_000_000L;

    static final int URLS = 400;

    @Autowired
    Prober prober;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM probe_check WHERE url_id >= ?").param(FIRST).update();
        jdbc.sql("DELETE FROM probe_target WHERE url_id >= ?").param(FIRST).update();
    }

    @Test
    void twoWritersOfTheSameUrlsInOppositeOrdersBothLand() throws Exception {
        Instant now = clock.instant();
        List<Prober.Target> targets = new ArrayList<>();
        for (long id : LongStream.range(FIRST, FIRST + URLS).toArray()) {
            String url = "http://recorded.example/" + id;
            // due only in a year: the server's own schedule leaves them alone
            jdbc.sql("INSERT INTO probe_target (url_id, url, notified_at, next_check_at, leased_until)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(
                            id,
                            url,
                            Timestamp.from(now),
                            Timestamp.from(now.plus(Duration.ofDays(365))),
                            Timestamp.from(now.plus(Duration.ofMinutes(2))))
                    .update();
            targets.add(new Prober.Target(id, url, null, now, null, RemovalRule.START, null));
        }
        for (int round = 0; round < 5; round++) {
            Instant earlier = now.plusSeconds(round * 2L);
            Instant later = earlier.plusSeconds(1);
            List<Prober.Checked> ascending = new ArrayList<>();
            for (Prober.Target t : targets) {
                ascending.add(new Prober.Checked(t, earlier, verdict("first")));
            }
            List<Prober.Checked> descending = new ArrayList<>();
            for (Prober.Target t : targets.reversed()) {
                descending.add(new Prober.Checked(t, later, verdict("second")));
            }
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> recordAfter(together, ascending));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> recordAfter(together, descending));
            CompletableFuture.allOf(one, two).get();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM probe_check WHERE url_id >= ?")
                        .param(FIRST)
                        .query(Long.class)
                        .single())
                .isEqualTo(5L * 2 * URLS);
        assertThat(jdbc.sql("SELECT DISTINCT checks FROM probe_target WHERE url_id >= ?")
                        .param(FIRST)
                        .query(Integer.class)
                        .list())
                .containsExactly(10);
        // whichever writer came last, a URL's row ends with the later check of the last round: the writers take the
        // rows in one order, so the one that waited writes every row after the other
        assertThat(jdbc.sql("SELECT count(DISTINCT last_checked_at) FROM probe_target WHERE url_id >= ?")
                        .param(FIRST)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    private void recordAfter(CyclicBarrier together, List<Prober.Checked> checked) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        prober.record(checked);
    }

    private static Checker.Verdict verdict(String detail) {
        return new Checker.Verdict(CheckResult.INCONCLUSIVE, 503, detail, null);
    }
}
