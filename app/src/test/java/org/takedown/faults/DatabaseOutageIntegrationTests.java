package org.takedown.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.shared.persistence.EmbeddedDatabase;
import org.takedown.support.ApiClient;
import org.takedown.support.Cli;
import org.takedown.support.LoopbackSite;
import org.takedown.support.ServerProcess;
import org.takedown.support.TestDatabase;

/**
 * A {@code takedown serve} instance while its PostgreSQL is stopped and started again under load (reports and hash
 * lookups going on): readiness goes DOWN while the database is away and UP again unaided; requests meanwhile get a
 * clear 503 with Retry-After, never an error page; every report acknowledged before, during or after is kept, and the
 * background work picks up again (every reported URL attributed, the jobs' health UP).
 */
class DatabaseOutageIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void anInstanceRidesOutARestartOfItsDatabase() throws Exception {
        int pgPort = ServerProcess.freePort();
        Path data = dir.resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(data, pgPort);
        TestDatabase.Info info = new TestDatabase.Info(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "takedown_app", "", "postgres", "");
        // as an operator would: the first command migrates (as the owner), then a partner's key is issued
        String created = Cli.run(
                info, "apikey", "create", "--name", "police", "--scope", "report,hashcheck", "--source", "police");
        Matcher token = Pattern.compile("tdk_[A-Za-z0-9]{8}_[A-Za-z0-9]{40}").matcher(created);
        assertThat(token.find()).as(created).isTrue();

        LoopbackSite site = LoopbackSite.start();
        ServerProcess server = ServerProcess.start(
                "outage-server",
                info,
                Map.of(
                        "takedown.attribution.resolver", "static",
                        "takedown.attribution.static-hosts.outage.example", "127.0.0.1",
                        "takedown.attribution.work-interval", "200ms",
                        "takedown.probing.allow-loopback", "true",
                        "takedown.probing.first-look", "false",
                        "takedown.db.connect-timeout", "2s"));
        Load load = new Load(new ApiClient(server.port()), token.group(), site.port());
        try {
            server.awaitReady(Duration.ofSeconds(150));
            load.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= 20);

            database.close(); // the database goes away under load
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> server.status("/actuator/health/readiness") == 503);
            await().atMost(Duration.ofSeconds(30))
                    .alias("a request answered 503 while the database is away; other answers: " + load.others)
                    .until(() -> load.unavailable.get() > 0);
            Thread.sleep(3_000);

            database = EmbeddedDatabase.start(data, pgPort); // and comes back
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> server.status("/actuator/health/readiness") == 200);
            int before = load.acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= before + 20);
        } finally {
            load.stop();
        }
        try {
            assertThat(load.others)
                    .as("only 201/200 or 503 with a reason, never an error page")
                    .isEmpty();
            assertThat(load.unavailable.get())
                    .as("requests while the database was away")
                    .isPositive();
            // nothing acknowledged is lost, and the background work picked up again
            List<String> acknowledged = List.copyOf(load.acknowledged);
            // URLs whose attribution was under way when the database went away keep their lease (UrlAttributor.LEASE,
            // 2 minutes) and are taken up again when it ends, as after a crash: wait past it
            await().atMost(Duration.ofSeconds(160)).untilAsserted(() -> {
                try (Connection connection = DriverManager.getConnection(info.url(), "postgres", "")) {
                    assertThat(count(
                                    connection,
                                    "SELECT count(*) FROM reported_url WHERE normalized = ANY (?)",
                                    acknowledged))
                            .as("acknowledged URLs kept")
                            .isEqualTo(acknowledged.size());
                    assertThat(count(
                                    connection,
                                    "SELECT count(DISTINCT a.url_id) FROM url_attribution a JOIN reported_url r ON r.id"
                                            + " = a.url_id WHERE r.normalized = ANY (?)",
                                    acknowledged))
                            .as("acknowledged URLs attributed after the outage")
                            .isEqualTo(acknowledged.size());
                }
            });
            assertThat(server.status("/actuator/health"))
                    .as("every health indicator UP again, the jobs' watchdog among them: no job left stuck")
                    .isEqualTo(200);
            assertThat(server.status("/actuator/health/liveness")).isEqualTo(200);
        } finally {
            server.close();
            site.close();
            database.close();
        }
    }

    private static long count(Connection connection, String sql, List<String> urls) throws Exception {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", urls.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Reports of three URLs and one hash lookup, about ten times a second, noting every answer. */
    static final class Load {
        final ApiClient api;
        final String token;
        final int sitePort;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Map<String, String> others = new ConcurrentHashMap<>();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        Load(ApiClient api, String token, int sitePort) {
            this.api = api;
            this.token = token;
            this.sitePort = sitePort;
        }

        void start() {
            threads.add(Thread.ofVirtual().start(this::run));
        }

        private void run() {
            for (int n = 0; running.get(); n++) {
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    urls.add("http://outage.example:" + sitePort + "/item/" + n + "-" + i + ".jpg");
                }
                StringBuilder json = new StringBuilder("{\"urls\":[");
                for (int i = 0; i < urls.size(); i++) {
                    json.append(i == 0 ? "" : ",")
                            .append('"')
                            .append(urls.get(i))
                            .append('"');
                }
                note(
                        api.post("/api/v1/reports", token, json.append("]}").toString()),
                        201,
                        () -> acknowledged.addAll(urls));
                note(
                        api.post(
                                "/api/v1/hashcheck",
                                token,
                                "{\"hashes\":[{\"type\":\"sha256\",\"value\":\"" + "ab".repeat(32) + "\"}]}"),
                        200,
                        () -> {});
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void note(HttpResponse<String> response, int ok, Runnable onOk) {
            if (response.statusCode() == ok) {
                onOk.run();
            } else if (response.statusCode() == 503
                    && response.headers().firstValue("Retry-After").isPresent()
                    && response.body().contains("database")) {
                unavailable.incrementAndGet();
            } else {
                others.put(response.statusCode() + " " + response.uri(), response.body());
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
