package org.takedown.probing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.shared.net.HostResolver;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.HostileWeb;
import org.takedown.support.IntegrationTest;
import org.takedown.support.LoopbackSite;
import org.takedown.support.Pictures;
import org.takedown.triage.Assessment;
import org.takedown.triage.QueuedUrl;
import org.takedown.triage.Triage;

/**
 * One report mixing ordinary URLs with a web that plays the attacker (slow headers, endless and huge bodies, gzip,
 * PNG and WebP bombs, a redirect loop, huge headers, a TLS handshake that never ends, a name that never resolves):
 * every ordinary URL is attributed and looked at on time, every hostile one ends with a reason on its page, and no
 * fetched or uploaded byte is written to a disk (nothing is even created in {@code java.io.tmpdir}). Loopback only.
 */
@IntegrationTest
@Import(HostileWebIntegrationTests.BlackholeDns.class)
@TestPropertySource(
        properties = {
            "takedown.probing.allow-loopback=true",
            "takedown.probing.total-timeout=4s",
            "takedown.probing.read-timeout=3s",
            "takedown.attribution.dns-timeout=1s",
            "takedown.attribution.static-hosts.hostile.example=127.0.0.1",
            "takedown.attribution.static-hosts.ordinary.example=127.0.0.1",
            "takedown.notices.window=1s",
            "takedown.notices.compose-interval=300ms",
            "takedown.notices.send-interval=300ms",
            "takedown.probing.work-interval=200ms",
            "takedown.probing.schedule.interval=2s",
            "takedown.probing.schedule.retry=1s"
        })
class HostileWebIntegrationTests {

    /** The static table, plus a name whose name server never answers. */
    @TestConfiguration
    static class BlackholeDns {
        @Bean
        @Primary
        HostResolver blackholeResolver(List<HostResolver> resolvers) {
            return HostileWeb.withBlackhole(resolvers.getFirst());
        }
    }

    /** Paths whose answer never completes within the limits: their checks end inconclusive, with the reason. */
    static final java.util.Set<String> UNFETCHABLE =
            java.util.Set.of("/slow-headers", "/endless", "/huge-length", "/redirect-loop", "/big-headers", "/silent");

    static HostileWeb hostile;
    static LoopbackSite ordinary;
    static byte[] photo;

    @BeforeAll
    static void start() throws IOException {
        hostile = HostileWeb.start();
        ordinary = LoopbackSite.start();
        photo = Pictures.photo();
        ordinary.pages.put("/photo.jpg", photo);
    }

    @AfterAll
    static void stop() {
        hostile.close();
        ordinary.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    ApiKeys keys;

    @Autowired
    HostingCompanies companies;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hostileUrlsEndWithAReasonWhileOrdinaryOnesGoThroughAndNothingTouchesTheDisk() throws Exception {
        assertThat(ImageIO.getUseCache())
                .as("ImageIO's disk cache is off for the whole process")
                .isFalse();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            WatchKey key = tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);

            // an upload to the hash check service
            ApiClient api = new ApiClient(port);
            String hoster = keys.create("hostile-test", List.of(ApiScope.HASHCHECK), null, 100_000)
                    .token();
            HttpResponse<String> upload = api.upload("/api/v1/hashcheck/image", hoster, "file", "p.jpg", photo);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            HttpResponse<String> bomb =
                    api.upload("/api/v1/hashcheck/image", hoster, "file", "bomb.png", HostileWeb.png(33_000_000, 1));
            assertThat(bomb.statusCode()).isEqualTo(400);
            assertThat(bomb.body()).contains("sides longer than 30000 are refused");

            // one report: the hostile web and ordinary URLs together, all on one hosting company's addresses
            long company = companies
                    .create("Loopback Hosting", "NL", "abuse@loopback.test", "PORTAL", true, null)
                    .id();
            companies.addRange(company, "127.0.0.0", "127.0.0.255", "the test's hostile and ordinary webs");
            String site = "http://hostile.example:" + hostile.port();
            List<String> urls = new ArrayList<>();
            HostileWeb.PATHS.forEach(path -> urls.add(site + path));
            urls.add("https://hostile.example:" + hostile.port() + "/silent");
            urls.add("http://blackhole.example/never.jpg");
            for (int i = 0; i < 10; i++) {
                urls.add("http://ordinary.example:" + ordinary.port() + "/photo.jpg?n=" + i);
            }
            Map<String, Long> ids = new LinkedHashMap<>();
            reports.submit(Channel.API, "police", null, null, null, urls)
                    .accepted()
                    .forEach(accepted -> ids.put(accepted.normalized(), accepted.urlId()));
            assertThat(ids).hasSize(urls.size());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Map.Entry<String, Long> url : ids.entrySet()) {
                    QueuedUrl queued = triage.get(url.getValue());
                    QueuedUrl.Content content = queued.content();
                    if (url.getKey().contains("ordinary.example")) {
                        assertThat(queued.hosting().ips()).as(url.getKey()).isEqualTo("127.0.0.1");
                        assertThat(content.summary()).as(url.getKey()).startsWith("image (image/jpeg)");
                    } else if (url.getKey().contains("blackhole")) {
                        assertThat(queued.hosting().problem()).as(url.getKey()).contains("did not resolve");
                        assertThat(content.problem()).as(url.getKey()).isNotBlank();
                    } else {
                        assertThat(content.summary() != null || content.problem() != null)
                                .as(url.getKey() + ": " + content)
                                .isTrue();
                    }
                }
            });
            Map<String, String> outcome = new LinkedHashMap<>();
            ids.forEach((url, id) -> {
                QueuedUrl.Content content = triage.get(id).content();
                outcome.put(url.substring(url.lastIndexOf('/')), content.problem() + " | " + content.summary());
            });
            assertThat(outcome.get("/slow-headers")).contains("hard deadline");
            assertThat(outcome.get("/endless")).contains("too large");
            assertThat(outcome.get("/huge-length")).contains("too large");
            assertThat(outcome.get("/redirect-loop")).contains("redirects");
            assertThat(outcome.get("/png-bomb")).contains("image refused").contains("33000000x1");
            assertThat(outcome.get("/png-huge")).contains("image refused").contains("64000000 pixels");
            assertThat(outcome.get("/webp-bomb")).contains("image refused");
            assertThat(outcome.get("/silent")).isNotNull();

            // assessed, every URL is notified; the checks of the ordinary ones go on while the hostile ones answer
            // with their tricks: each ordinary URL is seen online, each hostile one ends its checks with a reason
            ids.forEach((url, id) -> {
                if (!url.contains("blackhole")) {
                    triage.assessByRule(id, Assessment.BASELINE, "hostile web test", "user:test");
                }
            });
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (Map.Entry<String, Long> url : ids.entrySet()) {
                    if (url.getKey().contains("blackhole")) {
                        continue;
                    }
                    List<String> checks = jdbc.sql("SELECT result || ' ' || coalesce(detail, '') FROM probe_check"
                                    + " WHERE url_id = ? ORDER BY checked_at")
                            .param(url.getValue())
                            .query(String.class)
                            .list();
                    String path = url.getKey().substring(url.getKey().lastIndexOf('/'));
                    if (url.getKey().contains("ordinary.example")) {
                        assertThat(checks)
                                .as(url.getKey())
                                .anySatisfy(c -> assertThat(c).startsWith("ONLINE"));
                    } else if (UNFETCHABLE.contains(path)) {
                        assertThat(checks)
                                .as(url.getKey())
                                .isNotEmpty()
                                .allSatisfy(c -> assertThat(c)
                                        .startsWith("INCONCLUSIVE ")
                                        .hasSizeGreaterThan(20));
                    } else {
                        // the bombs are served whole and small: checked by their bytes, never decoded or inflated
                        assertThat(checks).as(url.getKey()).isNotEmpty();
                    }
                }
            });
            assertThat(jdbc.sql("SELECT count(DISTINCT url_id) FROM notice_url")
                            .query(Long.class)
                            .single())
                    .as("every attributed URL notified")
                    .isEqualTo(ids.size() - 1);

            List<String> created = new ArrayList<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                created.add(String.valueOf(event.context()));
            }
            assertThat(created).as("files created in " + tmp).isEmpty();
        }
    }
}
