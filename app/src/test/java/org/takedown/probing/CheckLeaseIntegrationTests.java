package org.takedown.probing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.takedown.support.IntegrationTest;

/**
 * The leases of URL checks, against a server that keeps a check waiting: a check that takes longer than a lease keeps
 * its URL (the lease is renewed while it runs, so no second check of that URL starts), and the URLs a crashed instance
 * had leased are checked once its short lease has run out. Real PostgreSQL, loopback only.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "takedown.probing.allow-loopback=true",
            "takedown.probing.first-look=false",
            "takedown.probing.total-timeout=12s",
            "takedown.probing.read-timeout=10s",
            "takedown.probing.work-interval=200ms",
            "takedown.probing.lease=3s",
            "takedown.probing.lease-renewal=500ms"
        })
class CheckLeaseIntegrationTests {

    static final Duration LEASE = Duration.ofSeconds(3);

    /** How long the slow page keeps its caller waiting before it answers: more than two leases. */
    static final Duration STALL = Duration.ofSeconds(8);

    /** Far above the ids the other tests' URLs get. */
    static final long FIRST = 8_000_000_000L;

    static HttpServer server;
    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/slow")) {
                try {
                    Thread.sleep(STALL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("page " + path).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM probe_check WHERE url_id >= ?").param(FIRST).update();
        jdbc.sql("DELETE FROM probe_target WHERE url_id >= ?").param(FIRST).update();
    }

    @Test
    void aCheckLongerThanItsLeaseKeepsItsUrlAndIsTheOnlyCheck() {
        Instant now = clock.instant();
        watch(FIRST, "/slow/a", now, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> count("/slow/a") == 1);
        long stalledUntil =
                System.nanoTime() + STALL.toNanos() - Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < stalledUntil) {
            Instant leasedUntil = leasedUntil(FIRST);
            Instant at = clock.instant();
            assertThat(leasedUntil)
                    .as("leased while its check runs")
                    .isNotNull()
                    .isAfter(at);
            assertThat(Duration.between(at, leasedUntil))
                    .as("a short lease, renewed")
                    .isLessThanOrEqualTo(LEASE);
            assertThat(count("/slow/a"))
                    .as("no second check while the first runs")
                    .isEqualTo(1);
            sleep(Duration.ofMillis(200));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> checks(FIRST) == 1);
        assertThat(jdbc.sql("SELECT result FROM probe_check WHERE url_id = ?")
                        .param(FIRST)
                        .query(String.class)
                        .list())
                .containsExactly("ONLINE");
        assertThat(leasedUntil(FIRST))
                .as("the lease ends with the recorded check")
                .isNull();
        assertThat(count("/slow/a")).isEqualTo(1);
    }

    @Test
    void theUrlsOfACrashedInstanceAreCheckedOnceItsLeaseRunsOut() {
        Instant now = clock.instant();
        // leased by an instance that then died: nobody renews it
        watch(FIRST + 1, "/orphan", now, now.plus(LEASE));
        watch(FIRST + 2, "/free", now, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> count("/free") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("/orphan") == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> checks(FIRST + 1) == 1);
        Instant checkedAt = jdbc.sql("SELECT checked_at FROM probe_check WHERE url_id = ?")
                .param(FIRST + 1)
                .query(Timestamp.class)
                .single()
                .toInstant();
        assertThat(checkedAt).as("not before the dead instance's lease ran out").isAfterOrEqualTo(now.plus(LEASE));
    }

    private void watch(long id, String path, Instant due, Instant leasedUntil) {
        jdbc.sql("INSERT INTO probe_target (url_id, url, notified_at, next_check_at, leased_until)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(
                        id,
                        "http://127.0.0.1:" + server.getAddress().getPort() + path,
                        Timestamp.from(due),
                        Timestamp.from(due),
                        leasedUntil == null ? null : Timestamp.from(leasedUntil))
                .update();
    }

    private int checks(long id) {
        return jdbc.sql("SELECT checks FROM probe_target WHERE url_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private Instant leasedUntil(long id) {
        Timestamp until = jdbc.sql("SELECT leased_until FROM probe_target WHERE url_id = ?")
                .param(id)
                .query((rs, n) -> rs.getTimestamp(1))
                .list()
                .getFirst();
        return until == null ? null : until.toInstant();
    }

    private static int count(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
