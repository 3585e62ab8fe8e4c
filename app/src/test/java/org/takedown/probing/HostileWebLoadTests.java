package org.takedown.probing;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.support.HostileWeb;
import org.takedown.support.IntegrationTest;
import org.takedown.support.LoopbackSite;
import org.takedown.support.Pictures;
import org.takedown.triage.Assessment;
import org.takedown.triage.Triage;

/**
 * The hostile-web benchmark of {@code docs/benchmarks.md} (not part of the suite: it measures, it asserts nothing).
 * 200 ordinary URLs are checked every 5 s; after a first phase, 100 hostile URLs (ten of each trick of
 * {@link HostileWeb}) are notified and checked alongside. Per phase it prints how late the ordinary URLs' checks came
 * (the gap between two checks of a URL beyond the interval) and the most heap in use. Run with
 * {@code ./mvnw -pl app -am test -Dtest=HostileWebLoadTests -Dtakedown.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * "-DargLine=-Xmx1g -Djava.io.tmpdir=/tmp"}.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "takedown.bench", matches = "true")
@TestPropertySource(
        properties = {
            "takedown.probing.allow-loopback=true",
            "takedown.probing.total-timeout=4s",
            "takedown.probing.read-timeout=3s",
            "takedown.probing.first-look=false",
            "takedown.attribution.static-hosts.hostile.example=127.0.0.1",
            "takedown.attribution.static-hosts.ordinary.example=127.0.0.1",
            "takedown.notices.window=1s",
            "takedown.notices.compose-interval=300ms",
            "takedown.notices.send-interval=300ms",
            "takedown.probing.work-interval=200ms",
            "takedown.probing.schedule.interval=5s",
            "takedown.probing.schedule.retry=5s"
        })
class HostileWebLoadTests {

    static final int ORDINARY = 200;
    static final int COPIES = 10;
    static final Duration PHASE = Duration.ofSeconds(60);

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    HostingCompanies companies;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ordinaryChecksWithAndWithoutAHostileWeb() throws Exception {
        try (HostileWeb hostile = HostileWeb.start();
                LoopbackSite ordinary = LoopbackSite.start()) {
            byte[] photo = Pictures.photo();
            long company = companies
                    .create("Load Hosting", "NL", "abuse@load.test", "PORTAL", true, null)
                    .id();
            companies.addRange(company, "127.0.0.0", "127.0.0.255", "benchmark");
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < ORDINARY; i++) {
                ordinary.pages.put("/photo-" + i + ".jpg", photo);
                urls.add("http://ordinary.example:" + ordinary.port() + "/photo-" + i + ".jpg");
            }
            List<Long> ordinaryIds = notify(urls);

            Phase without = measure(ordinaryIds);
            List<String> tricks = new ArrayList<>();
            for (int copy = 0; copy < COPIES; copy++) {
                for (String path : HostileWeb.PATHS) {
                    tricks.add("http://hostile.example:" + hostile.port() + path + "?copy=" + copy);
                }
                tricks.add("https://hostile.example:" + hostile.port() + "/silent?copy=" + copy);
            }
            notify(tricks);
            Phase with = measure(ordinaryIds);

            System.out.printf(
                    Locale.ROOT,
                    "%n%-34s %10s %10s %10s %10s %12s %12s%n",
                    "phase",
                    "checks",
                    "late p50",
                    "late p95",
                    "late max",
                    "heap max MB",
                    "live max MB");
            print("ordinary only", without);
            print("ordinary + " + tricks.size() + " hostile", with);
            System.out.printf(
                    Locale.ROOT,
                    "ratio with/without: p95 lateness %.2f, heap %.2f, live heap %.2f%n%n",
                    (double) Math.max(1, with.lateP95) / Math.max(1, without.lateP95),
                    (double) with.heapMax / without.heapMax,
                    (double) with.liveMax / Math.max(1, without.liveMax));
        }
    }

    private List<Long> notify(List<String> urls) {
        List<Long> ids = new ArrayList<>();
        reports.submit(Channel.API, "police", null, null, null, urls)
                .accepted()
                .forEach(accepted -> ids.add(accepted.urlId()));
        for (long id : ids) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> triage.get(id).hosting().country() != null);
            triage.assessByRule(id, Assessment.BASELINE, "benchmark", "user:bench");
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM probe_target WHERE url_id = ANY (?)")
                                .param(ids.toArray(Long[]::new))
                                .query(Long.class)
                                .single()
                        == ids.size());
        return ids;
    }

    /**
     * @param heapMax most heap in use at any sample (garbage included)
     * @param liveMax most heap in use right after a collection (what the work really holds)
     */
    record Phase(long checks, long lateP50, long lateP95, long lateMax, long heapMax, long liveMax) {}

    /** Heap in use after the last collection, over all heap pools. */
    private static long afterCollection() {
        long used = 0;
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** Runs a phase: samples the heap every 50 ms, then reads the ordinary URLs' checks of the phase. */
    private Phase measure(List<Long> ids) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong heapMax = new AtomicLong();
        AtomicLong liveMax = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                heapMax.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                liveMax.accumulateAndGet(afterCollection(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        java.sql.Timestamp from = new java.sql.Timestamp(System.currentTimeMillis());
        Thread.sleep(PHASE.toMillis());
        java.sql.Timestamp to = new java.sql.Timestamp(System.currentTimeMillis());
        running.set(false);
        sampler.join();
        List<Long> late = jdbc.sql("""
                        SELECT greatest(0, extract(epoch FROM gap) * 1000 - ?)::bigint FROM (
                            SELECT checked_at - lag(checked_at) OVER (PARTITION BY url_id ORDER BY checked_at) AS gap,
                                   checked_at
                            FROM probe_check WHERE url_id = ANY (?)) g
                        WHERE gap IS NOT NULL AND checked_at >= ? AND checked_at < ? ORDER BY 1""")
                .params(5_000, ids.toArray(Long[]::new), from, to)
                .query(Long.class)
                .list();
        if (late.isEmpty()) {
            return new Phase(0, 0, 0, 0, heapMax.get(), liveMax.get());
        }
        return new Phase(
                late.size(),
                late.get(late.size() / 2),
                late.get((int) (late.size() * 0.95)),
                late.getLast(),
                heapMax.get(),
                liveMax.get());
    }

    private static void print(String name, Phase phase) {
        System.out.printf(
                Locale.ROOT,
                "%-34s %10d %8d ms %8d ms %8d ms %12d %12d%n",
                name,
                phase.checks(),
                phase.lateP50(),
                phase.lateP95(),
                phase.lateMax(),
                phase.heapMax() / (1024 * 1024),
                phase.liveMax() / (1024 * 1024));
    }
}
