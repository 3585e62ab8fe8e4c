package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.takedown.shared.documents.LineFile;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import org.takedown.support.ServerProcess;
import org.takedown.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Takedown instances on one machine exchange a hash list: a {@code takedown serve} process is the source, this
 * test's server the subscriber (they share one PostgreSQL, each list its own). The subscriber pulls the source's list
 * over HTTP with the key the source issued (scope {@code exchange}) in pages of two, by its schedule and on demand;
 * entries carry the source's provenance, a disablement at the source reaches the copy, a wrong key is recorded as
 * the subscription's last error without losing its place, and feedback goes back to the source's curators.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "takedown.matching.exchange.allow-loopback=true",
            "takedown.matching.exchange.page=2",
            "takedown.matching.exchange.check-interval=1h"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExchangeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Banks banks;

    @Autowired
    Exchange exchange;

    @Autowired
    ApiKeys keys;

    @Autowired
    JsonMapper json;

    @Autowired
    Environment environment;

    @Autowired
    org.takedown.shared.security.UserAccounts users;

    /** A video's vPDQ in Meta's text form: two frames. */
    static final String VIDEO = "0,100," + "ab".repeat(32) + ",0.000\n25,90," + "cd".repeat(32) + ",1.000";

    @Test
    void aListIsPulledPageByPageWithItsDisablementsAndFeedbackGoesBack() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String police = "police-" + suffix;
        String copy = "from-police-" + suffix;
        banks.create(police, "police", "the police's list", null);
        banks.create(copy, "exchange", "a copy of the police's list", null);
        String csv = "type,value,label\nmd5," + "a1".repeat(16) + ",one\nmd5," + "a2".repeat(16) + ",two\nsha1,"
                + "a3".repeat(20) + ",three\nmd5," + "a4".repeat(16) + ",four\n";
        banks.importEntries(
                police,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                LineFile.Format.CSV,
                "test",
                n -> {});
        banks.setShared(police, true);
        String exchangeKey =
                keys.create("hotline-b", List.of(ApiScope.EXCHANGE), null, null).token();
        String curator =
                keys.create("curator-b", List.of(ApiScope.BANKS), null, null).token();
        ApiClient api = new ApiClient(port);

        Map<String, String> sourceSettings = Map.of("takedown.matching.exchange.check-interval", "1h");
        try (ServerProcess source =
                ServerProcess.start("exchange-source", TestDatabase.Info.of(environment), sourceSettings)) {
            source.awaitReady(Duration.ofSeconds(150));
            String sourceUrl = "http://127.0.0.1:" + source.port();
            ApiClient sourceApi = new ApiClient(source.port());
            assertThat(sourceApi.get("/api/v1/banks", exchangeKey).statusCode()).isEqualTo(403);
            assertThat(sourceApi
                            .get("/api/v1/exchange/banks/" + police + "/changes", curator)
                            .statusCode())
                    .isEqualTo(403);
            // only a shared list is pulled: another list of the source is not found, its name not confirmed
            HttpResponse<String> unshared = sourceApi.get("/api/v1/exchange/banks/" + copy + "/changes", exchangeKey);
            assertThat(unshared.statusCode()).isEqualTo(404);
            assertThat(unshared.body()).contains("no shared hash list named");

            HttpResponse<String> badSource = api.post(
                    "/api/v1/banks/" + copy + "/subscriptions",
                    curator,
                    "{\"source\":\"http://127.0.0.1:1/a b\",\"sourceBank\":\"x\",\"apiKey\":\"k\"}");
            assertThat(badSource.statusCode()).isEqualTo(400);
            assertThat(badSource.body()).contains("is not an address");

            // a wrong key is the subscription's last error; nothing is lost
            long wrong = subscribe(api, curator, copy, sourceUrl, police, "tdk_wrong_key");
            exchange.syncDue();
            Exchange.Subscription failed = subscription(copy, wrong);
            assertThat(failed.lastError()).contains("HTTP 401");
            assertThat(failed.cursor()).isEqualTo("0-0");

            // by its schedule: the first sync is due at once, in pages of two
            String copyOf = copy + "-2";
            banks.create(copyOf, "exchange", null, null);
            long id = subscribe(api, curator, copyOf, sourceUrl, police, exchangeKey);
            assertThat(exchange.syncDue()).as("pages").isGreaterThanOrEqualTo(2);
            Exchange.Subscription synced = subscription(copyOf, id);
            assertThat(synced.lastError()).isNull();
            assertThat(synced.lastSuccessAt()).isNotNull();
            assertThat(synced.entriesAdded()).isEqualTo(4);
            BankEntry one = banks.search(HashType.MD5, "a1".repeat(16)).stream()
                    .filter(e -> e.bank().equals(copyOf))
                    .findFirst()
                    .orElseThrow();
            assertThat(one.label()).isEqualTo("one");
            assertThat(one.provenance()).startsWith("exchange:" + sourceUrl + " " + police + " #");

            // a disablement and an addition at the source reach the copy on the next sync
            long two = banks.search(HashType.MD5, "a2".repeat(16)).stream()
                    .filter(e -> e.bank().equals(police))
                    .findFirst()
                    .orElseThrow()
                    .id();
            banks.disableEntry(two);
            banks.importEntries(
                    police,
                    new ByteArrayInputStream(("md5," + "a5".repeat(16) + ",five\nvpdq,\"" + VIDEO + "\",a video\n")
                            .getBytes(StandardCharsets.UTF_8)),
                    LineFile.Format.CSV,
                    "test",
                    n -> {});
            HttpResponse<String> now =
                    api.post("/api/v1/banks/" + copyOf + "/subscriptions/" + id + "/sync", curator, "{}");
            assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
            JsonNode status = json.readTree(now.body());
            assertThat(status.get("entriesAdded").asLong()).isEqualTo(6);
            // a video's frames travel whole
            assertThat(banks.search(HashType.VPDQ, VIDEO).stream()
                            .filter(e -> e.bank().equals(copyOf)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.label()).isEqualTo("a video"));
            assertThat(status.get("entriesDisabled").asLong()).isEqualTo(1);
            assertThat(banks.search(HashType.MD5, "a2".repeat(16)).stream()
                            .filter(e -> e.bank().equals(copyOf))
                            .findFirst()
                            .orElseThrow()
                            .disabledAt())
                    .isNotNull();

            // feedback on an entry goes back to the source, whose curators see it
            HttpResponse<String> sent = api.post(
                    "/api/v1/banks/" + copyOf + "/subscriptions/" + id + "/feedback",
                    curator,
                    "{\"type\":\"md5\",\"value\":\"" + "a4".repeat(16) + "\",\"verdict\":\"FALSE_POSITIVE\","
                            + "\"note\":\"a stock photo\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            JsonNode feedback = json.readTree(sourceApi
                    .get("/api/v1/banks/" + police + "/feedback", curator)
                    .body());
            assertThat(feedback.get(0).get("verdict").asString()).isEqualTo("FALSE_POSITIVE");
            assertThat(feedback.get(0).get("note").asString()).isEqualTo("a stock photo");
            assertThat(feedback.get(0).get("from").asString()).startsWith("apikey:");
            HttpResponse<String> unknown = api.post(
                    "/api/v1/banks/" + copyOf + "/subscriptions/" + id + "/feedback",
                    curator,
                    "{\"type\":\"md5\",\"value\":\"" + "ff".repeat(16) + "\",\"verdict\":\"SEEN\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("no md5 entry");

            // the lists' pages show the subscription's status and the feedback received
            users.create(
                    "curator-" + suffix,
                    org.takedown.shared.security.Role.HOTLINE_SUPERVISOR,
                    null,
                    "a long password!");
            org.takedown.support.WebSession page =
                    org.takedown.support.WebSession.signedIn(port, "curator-" + suffix, "a long password!");
            assertThat(org.jsoup.Jsoup.parse(
                                    page.get("/matching/banks/" + copyOf).body())
                            .select("#subscriptions tr[data-subscription]")
                            .text())
                    .contains(sourceUrl, police, "6", "1");
            assertThat(org.jsoup.Jsoup.parse(
                                    page.get("/matching/banks/" + police).body())
                            .select("#feedback")
                            .text())
                    .contains("FALSE_POSITIVE", "a stock photo");
            // a curator stops sharing the list: the source refuses the next pull
            page.get("/matching/banks/" + police);
            assertThat(page.follow(page.post("/matching/banks/" + police + "/shared", Map.of("shared", "false"))))
                    .contains("is no longer shared");
            assertThat(sourceApi
                            .get("/api/v1/exchange/banks/" + police + "/changes", exchangeKey)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    long subscribe(ApiClient api, String curator, String bank, String source, String sourceBank, String key) {
        HttpResponse<String> created = api.post(
                "/api/v1/banks/" + bank + "/subscriptions",
                curator,
                "{\"source\":\"" + source + "\",\"sourceBank\":\"" + sourceBank + "\",\"apiKey\":\"" + key
                        + "\",\"every\":\"PT1H\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    Exchange.Subscription subscription(String bank, long id) {
        return exchange.subscriptions(bank).stream()
                .filter(s -> s.id() == id)
                .findFirst()
                .orElseThrow();
    }
}
