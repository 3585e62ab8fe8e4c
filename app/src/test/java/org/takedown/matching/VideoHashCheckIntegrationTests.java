package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.pdq.Vpdq;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import org.takedown.support.Videos;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Videos through the hash check's real interfaces: a list takes a vPDQ entry (Meta's text in a CSV file), an uploaded
 * video re-encoded, trimmed or with frames dropped matches it with both shares reported, an unrelated one does not; a
 * vPDQ hash checks the same over JSON and over HMA's lookup; the list's thresholds decide; bad files are refused with
 * the reason.
 */
@IntegrationTest
class VideoHashCheckIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JsonMapper json;

    ApiClient api;
    String curator;
    String platform;
    String bank;
    static List<Vpdq.Frame> original;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        curator = keys.create("video-curator", List.of(ApiScope.BANKS), null, 100_000)
                .token();
        platform = keys.create("video-platform", List.of(ApiScope.HASHCHECK), null, 100_000)
                .token();
        bank = "VIDEO_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/banks", curator, "{\"name\":\"" + bank + "\",\"source\":\"police\"}")
                        .statusCode())
                .isEqualTo(201);
        if (original == null) {
            original = Videos.frames("original.mp4");
        }
        // Meta's text form in a quoted CSV cell, as `takedown hash --vpdq` prints it
        String csv = "type,value,label\nvpdq,\"" + Vpdq.toText(original) + "\",listed video\n";
        HttpResponse<String> imported = api.post(
                "/api/v1/banks/" + bank + "/entries", curator, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        // every instance's index knows the new list within its follow interval; until then it is "not found"
        await().atMost(HashCheckIntegrationTests.PROPAGATION)
                .ignoreExceptions()
                .until(() -> !upload("original.mp4").get("matches").isEmpty());
    }

    JsonNode upload(String video) {
        HttpResponse<String> response =
                api.upload("/api/v1/hashcheck/video?banks=" + bank, platform, "file", video, Videos.bytes(video));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void changedCopiesMatchWithBothSharesAndAnUnrelatedVideoDoesNot() {
        JsonNode same = upload("original.mp4");
        assertThat(same.get("frames").asInt()).isEqualTo(10);
        assertThat(same.get("usableFrames").asInt()).isEqualTo(10);
        assertThat(same.get("matches")).hasSize(1);
        JsonNode match = same.get("matches").get(0);
        assertThat(match.get("type").asString()).isEqualTo("vpdq");
        assertThat(match.get("label").asString()).isEqualTo("listed video");
        assertThat(match.get("queryMatchPercent").asDouble()).isEqualTo(100.0);
        assertThat(match.get("comparedMatchPercent").asDouble()).isEqualTo(100.0);
        for (String variant : List.of("reencoded.webm", "dropped.avi")) {
            JsonNode matches = upload(variant).get("matches");
            assertThat(matches).as(variant).hasSize(1);
            assertThat(matches.get(0).get("queryMatchPercent").asDouble()).isGreaterThanOrEqualTo(80);
        }
        JsonNode trimmed = upload("trimmed.mp4").get("matches").get(0);
        assertThat(trimmed.get("queryMatchPercent").asDouble()).isEqualTo(100.0);
        assertThat(trimmed.get("comparedMatchPercent").asDouble()).isEqualTo(60.0);
        JsonNode unrelated = upload("unrelated.mp4");
        assertThat(unrelated.get("matches")).isEmpty();
        assertThat(unrelated.get("vpdq").asString()).startsWith("[\"");
        // the uploaded file's exact hashes are reported (and checked) too
        assertThat(unrelated.get("sha256").asString())
                .isEqualTo(ImageHasher.digest("SHA-256", Videos.bytes("unrelated.mp4")));
    }

    @Test
    void aVpdqHashChecksOverJsonAndHmasLookup() {
        var trimmed = Videos.frames("trimmed.mp4");
        String body = json.writeValueAsString(Map.of(
                "hashes", List.of(Map.of("type", "vpdq", "value", Vpdq.toText(trimmed))), "banks", List.of(bank)));
        HttpResponse<String> checked = api.post("/api/v1/hashcheck", platform, body);
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        JsonNode match = json.readTree(checked.body())
                .get("results")
                .get(0)
                .get("matches")
                .get(0);
        assertThat(match.get("comparedMatchPercent").asDouble()).isEqualTo(60.0);

        HttpResponse<String> hma = api.get(
                "/m/lookup?signal_type=vpdq&signal=" + URLEncoder.encode(Vpdq.toJson(trimmed), StandardCharsets.UTF_8),
                platform);
        assertThat(hma.statusCode()).as(hma.body()).isEqualTo(200);
        assertThat(json.readTree(hma.body()).get(bank).get(0).get("distance").asString())
                .isEqualTo("100%[60%]");
        JsonNode hashed =
                json.readTree(api.upload("/h/hash", platform, "video", "clip.mp4", Videos.bytes("trimmed.mp4"))
                        .body());
        assertThat(Vpdq.parse(hashed.get("vpdq").asString())).isEqualTo(Vpdq.parse(Vpdq.toJson(trimmed)));
        assertThat(hashed.get("video_md5").asString())
                .isEqualTo(ImageHasher.digest("MD5", Videos.bytes("trimmed.mp4")));
        JsonNode looked =
                json.readTree(api.upload("/m/lookup", platform, "video", "clip.mp4", Videos.bytes("reencoded.webm"))
                        .body());
        assertThat(looked.get("vpdq").has(bank)).isTrue();
    }

    @Test
    void theListsThresholdsDecide() {
        HttpResponse<String> changed = api.patch("/api/v1/banks/" + bank, curator, "{\"vpdqComparedPercent\": 90}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("vpdqComparedPercent").asDouble())
                .isEqualTo(90.0);
        // a six-second clip covers 60 % of the listed video: no longer enough
        await().atMost(HashCheckIntegrationTests.PROPAGATION)
                .until(() -> upload("trimmed.mp4").get("matches").isEmpty());
        assertThat(upload("original.mp4").get("matches")).hasSize(1);
        assertThat(api.patch("/api/v1/banks/" + bank, curator, "{\"vpdqQueryPercent\": 120}")
                        .body())
                .contains("vpdqQueryPercent is a percentage from 0 to 100");
    }

    @Test
    void listsKeepVideosInTheirFilesAndBadInputIsRefusedWithTheReason() {
        HttpResponse<String> exported = api.get("/api/v1/banks/" + bank + "/entries?format=jsonl", curator);
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonNode line = json.readTree(exported.body().lines().findFirst().orElseThrow());
        assertThat(line.get("type").asString()).isEqualTo("vpdq");
        assertThat(Vpdq.parse(line.get("value").asString()))
                .extracting(Vpdq.Frame::hash)
                .isEqualTo(original.stream().map(Vpdq.Frame::hash).toList());
        assertThat(api.get("/api/v1/banks/" + bank + "/entries?format=plain&type=vpdq", curator)
                        .body())
                .contains("a plain list holds one hash per line");
        HttpResponse<String> badLine = api.post(
                "/api/v1/banks/" + bank + "/entries",
                curator,
                "text/csv",
                "type,value\nvpdq,\"0,100,abc,0.0\"\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badLine.statusCode()).isEqualTo(400);
        assertThat(badLine.body()).contains("line 2").contains("vPDQ frame 1");

        HttpResponse<String> notVideo = api.upload(
                "/api/v1/hashcheck/video", platform, "file", "x.mp4", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(notVideo.statusCode()).isEqualTo(400);
        assertThat(notVideo.body()).contains("not a video Takedown can read");
        HttpResponse<String> videoAsImage =
                api.upload("/api/v1/hashcheck/image", platform, "file", "a.mp4", Videos.bytes("trimmed.mp4"));
        assertThat(videoAsImage.statusCode()).isEqualTo(400);
        assertThat(videoAsImage.body()).contains("POST it to /api/v1/hashcheck/video");
    }
}
