package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.pdq.Hash256;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HMA-compatible endpoints called the way HMA's own clients call them: {@code GET /m/lookup?signal=…&signal_type=…}
 * answers the matching banks with each entry's {@code bank_content_id} and distance, {@code GET /m/raw_lookup} the
 * entry ids (with distances when {@code include_distance=true}), {@code POST /m/lookup} and {@code POST /h/hash} take
 * an uploaded photo in the field {@code photo}, {@code GET /m/index/status} the index per signal type. Request and
 * response shapes follow HMA's published matching and hashing endpoints. A URL is never fetched.
 */
@IntegrationTest
class HmaApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JsonMapper json;

    ApiClient api;
    String platform;
    String bank;
    long pdqEntry;
    long md5Entry;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        String curator = keys.create("hma-curator", List.of(ApiScope.BANKS), null, 100_000)
                .token();
        platform = keys.create("hma-platform", List.of(ApiScope.HASHCHECK), null, 100_000)
                .token();
        bank = "HMA_BANK_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/banks", curator, "{\"name\":\"" + bank + "\",\"source\":\"hotline-confirmed\"}")
                        .statusCode())
                .isEqualTo(201);
        String csv = "type,value,label\npdq," + HashCheckIntegrationTests.bridgeHash() + ",bridge\nmd5," + md5OfBridge()
                + ",bridge file\n";
        HttpResponse<String> imported = api.post(
                "/api/v1/banks/" + bank + "/entries?provenance=test",
                curator,
                "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        await().atMost(HashCheckIntegrationTests.PROPAGATION)
                .until(() ->
                        lookup(HashCheckIntegrationTests.bridgeHash(), "pdq").has(bank));
        pdqEntry = lookup(HashCheckIntegrationTests.bridgeHash(), "pdq")
                .get(bank)
                .get(0)
                .get("bank_content_id")
                .asLong();
        md5Entry = lookup(md5OfBridge(), "md5")
                .get(bank)
                .get(0)
                .get("bank_content_id")
                .asLong();
    }

    static byte[] bridge() throws Exception {
        return Files.readAllBytes(HashCheckIntegrationTests.PDQ.resolve("images/dih/bridge-1-original.jpg"));
    }

    static String md5OfBridge() throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("MD5").digest(bridge()));
    }

    JsonNode lookup(String signal, String signalType) {
        HttpResponse<String> response = api.get(
                "/m/lookup?signal=" + URLEncoder.encode(signal, StandardCharsets.UTF_8) + "&signal_type=" + signalType,
                platform);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void lookupAnswersTheMatchingBanksWithContentIdsAndDistances() throws Exception {
        Hash256 stored = Hash256.fromHex(HashCheckIntegrationTests.bridgeHash());
        String near = Hash256.ofWords(stored.word(0) ^ 0b111L, stored.word(1), stored.word(2), stored.word(3))
                .toHex();
        JsonNode banks = lookup(near, "pdq");
        assertThat(banks.get(bank)).hasSize(1);
        assertThat(banks.get(bank).get(0).get("bank_content_id").asLong()).isEqualTo(pdqEntry);
        assertThat(banks.get(bank).get(0).get("distance").asString()).isEqualTo("3");
        assertThat(lookup(md5OfBridge(), "video_md5")
                        .get(bank)
                        .get(0)
                        .get("bank_content_id")
                        .asLong())
                .isEqualTo(md5Entry);
        String far = Hash256.ofWords(~stored.word(0), ~stored.word(1), stored.word(2), stored.word(3))
                .toHex();
        assertThat(lookup(far, "pdq").has(bank)).isFalse();

        // raw lookup: the ids, with distances when asked
        JsonNode raw =
                json.readTree(api.get("/m/raw_lookup?signal=" + near + "&signal_type=pdq&banks=" + bank, platform)
                        .body());
        assertThat(raw.get("matches")).hasSize(1);
        assertThat(raw.get("matches").get(0).asLong()).isEqualTo(pdqEntry);
        JsonNode withDistance = json.readTree(api.get(
                        "/m/raw_lookup?signal=" + near + "&signal_type=pdq&include_distance=true&banks=" + bank,
                        platform)
                .body());
        assertThat(withDistance.get("matches").get(0).get("bank_content_id").asLong())
                .isEqualTo(pdqEntry);
        assertThat(withDistance.get("matches").get(0).get("distance").asString())
                .isEqualTo("3");
        // an unknown bank is named as such (HMA would answer nothing)
        HttpResponse<String> unknown =
                api.get("/m/lookup?signal=" + near + "&signal_type=pdq&banks=SOME_OTHER_BANK", platform);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no hash list named 'SOME_OTHER_BANK'");
    }

    @Test
    void anUploadedPhotoIsHashedInMemoryAndLookedUp() throws Exception {
        JsonNode hashes = json.readTree(
                api.upload("/h/hash", platform, "photo", "bridge.jpg", bridge()).body());
        assertThat(hashes.get("md5").asString()).isEqualTo(md5OfBridge());
        assertThat(Hash256.fromHex(hashes.get("pdq").asString())
                        .distance(Hash256.fromHex(HashCheckIntegrationTests.bridgeHash())))
                .isLessThanOrEqualTo(10);
        HttpResponse<String> looked = api.upload("/m/lookup", platform, "photo", "bridge.jpg", bridge());
        assertThat(looked.statusCode()).as(looked.body()).isEqualTo(200);
        JsonNode bySignalType = json.readTree(looked.body());
        assertThat(bySignalType
                        .get("pdq")
                        .get(bank)
                        .get(0)
                        .get("bank_content_id")
                        .asLong())
                .isEqualTo(pdqEntry);
        assertThat(bySignalType
                        .get("md5")
                        .get(bank)
                        .get(0)
                        .get("bank_content_id")
                        .asLong())
                .isEqualTo(md5Entry);
        assertThat(api.upload("/h/hash", platform, "video", "clip.mp4", bridge())
                        .body())
                .contains("not a video Takedown can read");
        assertThat(api.upload("/h/hash", platform, "audio", "clip.mp3", bridge())
                        .body())
                .contains("no such content_type: 'audio'");
    }

    @Test
    void urlsAreNeverFetchedAndBadRequestsSayWhy() {
        HttpResponse<String> url = api.get("/m/lookup?url=http://127.0.0.1:1/x.jpg", platform);
        assertThat(url.statusCode()).isEqualTo(400);
        assertThat(url.body()).contains("never fetches a URL");
        assertThat(api.get("/h/hash?url=http://127.0.0.1:1/x.jpg", platform).statusCode())
                .isEqualTo(400);
        assertThat(api.get("/m/lookup?signal=abc&signal_type=vpdq", platform).body())
                .contains("vPDQ frame 1");
        assertThat(api.get("/m/lookup?signal=abc&signal_type=tmk", platform).body())
                .contains("No such SignalType 'tmk'");
        assertThat(api.get("/m/lookup?signal_type=pdq", platform).body()).contains("signal is missing");
        assertThat(api.get("/m/lookup?signal=zz&signal_type=pdq", platform).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theSameKeysScopesAndStatusAsTheHashCheck() {
        assertThat(api.get("/m/lookup?signal=" + "0".repeat(64) + "&signal_type=pdq", "")
                        .statusCode())
                .isEqualTo(401);
        String curatorOnly = keys.create("hma-wrong-scope", List.of(ApiScope.BANKS), null, null)
                .token();
        assertThat(api.get("/m/lookup?signal=" + "0".repeat(64) + "&signal_type=pdq", curatorOnly)
                        .statusCode())
                .isEqualTo(403);
        JsonNode status = json.readTree(api.get("/m/index/status", platform).body());
        assertThat(status.get("pdq").get("present").asBoolean()).isTrue();
        assertThat(status.get("pdq").get("size").asLong()).isPositive();
        assertThat(status.get("md5").get("built_to").asLong()).isPositive();
        assertThat(json.readTree(api.get("/m/index/status?signal_type=pdq", platform)
                                .body())
                        .has("md5"))
                .isFalse();
    }
}
