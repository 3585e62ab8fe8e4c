package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.pdq.Dihedral;
import org.takedown.pdq.Hash256;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.HostileWeb;
import org.takedown.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash check service through its HTTP API, as a hosting company and a hotline supervisor use it: lists are
 * created and filled, lookups by hash and by image find what they should, and changes reach the index within a
 * second (the index follows the database every 250 ms; the tests allow 1.5 s).
 */
@IntegrationTest
class HashCheckIntegrationTests {

    static final Path PDQ = ImageHasherTests.PDQ;
    static final Duration PROPAGATION = Duration.ofMillis(1500);

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    AuditLog audit;

    @Autowired
    JsonMapper json;

    ApiClient api;
    String curator;
    String hoster;
    String bank;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        curator = keys.create("curator", List.of(ApiScope.BANKS), null, 100_000).token();
        hoster = keys.create("hoster", List.of(ApiScope.HASHCHECK), null, 100_000)
                .token();
        bank = "list-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created =
                api.post("/api/v1/banks", curator, "{\"name\":\"" + bank + "\",\"source\":\"hotline-confirmed\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aBusyClientKeepsItsConnectionForThousandsOfChecks() throws Exception {
        String query = "{\"hashes\":[{\"type\":\"sha256\",\"value\":\"" + "d".repeat(64) + "\"}]}";
        byte[] request = ("POST /api/v1/hashcheck HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + hoster
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + query.length() + "\r\n\r\n"
                        + query)
                .getBytes(StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            for (int n = 1; n <= 1_000; n++) {
                socket.getOutputStream().write(request);
                String head = readHead(in);
                assertThat(head).as("answer %d", n).startsWith("HTTP/1.1 200");
                // Tomcat's default closed a connection after its 100th request
                assertThat(head.toLowerCase(java.util.Locale.ROOT))
                        .as("answer %d", n)
                        .doesNotContain("connection: close");
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                assertThat(in.readNBytes(length)).hasSize(length);
            }
        }
    }

    /** The status line and headers of one answer, up to the blank line. */
    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the server closed the connection after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    JsonNode importCsv(String csv) {
        return body(
                api.post(
                        "/api/v1/banks/" + bank + "/entries?provenance=test",
                        curator,
                        "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8)),
                200);
    }

    JsonNode check(String type, String value, boolean dihedral) {
        String request = "{\"hashes\":[{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}],\"banks\":[\"" + bank
                + "\"],\"dihedral\":" + dihedral + "}";
        return body(api.post("/api/v1/hashcheck", hoster, request), 200)
                .get("results")
                .get(0)
                .get("matches");
    }

    static String bridgeHash() throws IOException {
        return ImageHasherTests.expected("images/dih/bridge-1-original.jpg").toHex();
    }

    @Test
    void importedHashesAreFoundWithinASecond() throws IOException {
        String sha256 = "a".repeat(64);
        JsonNode result = importCsv("type,value,label\nsha256," + sha256 + ",known file\npdq," + bridgeHash()
                + ",bridge\nsha256," + sha256.toUpperCase() + ",repeated\n");
        assertThat(result.get("added").asLong()).isEqualTo(2);
        assertThat(result.get("duplicates").asLong()).isEqualTo(1);

        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("sha256", sha256, false)).hasSize(1));
        JsonNode match = check("sha256", sha256, false).get(0);
        assertThat(match.get("bank").asString()).isEqualTo(bank);
        assertThat(match.get("label").asString()).isEqualTo("known file");
        assertThat(match.get("distance").asInt()).isZero();

        // a re-encoded copy of the bridge: a few bits away
        String near =
                ImageHasherTests.expected("images/dih/bridge-1-original.jpg").toHex();
        Hash256 flipped = Hash256.fromHex(near);
        String nearby = Hash256.ofWords(flipped.word(0) ^ 0b1011L, flipped.word(1), flipped.word(2), flipped.word(3))
                .toHex();
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("pdq", nearby, false)).hasSize(1));
        assertThat(check("pdq", nearby, false).get(0).get("distance").asInt()).isEqualTo(3);
        assertThat(check("md5", "b".repeat(32), false)).isEmpty();
    }

    @Test
    void rotatedCopiesMatchOnlyWithDihedral() throws IOException {
        importCsv("pdq," + bridgeHash() + ",bridge\n");
        String rotated =
                ImageHasherTests.expected("images/dih/bridge-2-rotate-90.jpg").toHex();
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("pdq", rotated, true)).hasSize(1));
        assertThat(check("pdq", rotated, false)).isEmpty();
    }

    @Test
    void imageUploadIsHashedAndMatched() throws IOException {
        byte[] image = Files.readAllBytes(PDQ.resolve("images/dih/bridge-1-original.jpg"));
        importCsv("sha256," + ImageHasher.digest("SHA-256", image) + ",exact copy\npdq," + bridgeHash() + ",bridge\n");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode result =
                    body(api.upload("/api/v1/hashcheck/image?banks=" + bank, hoster, "file", "x.jpg", image), 200);
            assertThat(result.get("matches")).hasSize(2);
        });
        JsonNode result =
                body(api.upload("/api/v1/hashcheck/image?banks=" + bank, hoster, "file", "x.jpg", image), 200);
        assertThat(result.get("quality").asInt()).isGreaterThanOrEqualTo(80);
        assertThat(result.get("pdqReliable").asBoolean()).isTrue();
        assertThat(result.get("sha256").asString()).isEqualTo(ImageHasher.digest("SHA-256", image));
        assertThat(Hash256.fromHex(result.get("pdq").asString()).distance(Hash256.fromHex(bridgeHash())))
                .isLessThanOrEqualTo(10);

        // the rotated file matches through the variants computed from the image itself
        byte[] rotated = Files.readAllBytes(PDQ.resolve("images/dih/bridge-4-rotate-270.jpg"));
        JsonNode turned = body(
                api.upload("/api/v1/hashcheck/image?dihedral=true&banks=" + bank, hoster, "file", "r.jpg", rotated),
                200);
        assertThat(turned.get("matches")).hasSize(1);
        assertThat(turned.get("matches").get(0).get("label").asString()).isEqualTo("bridge");
    }

    @Test
    void lowQualityImagesAreReportedButNeverMatched() throws IOException {
        byte[] flat = ImageHasherTests.encode(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png");
        ImageHashes hashes = new ImageHasher(1_000_000).hash(flat);
        importCsv("pdq," + hashes.pdq().hash().toHex() + ",flat\n");
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("pdq", hashes.pdq().hash().toHex(), false))
                        .hasSize(1));
        JsonNode result = body(api.upload("/api/v1/hashcheck/image?banks=" + bank, hoster, "file", "f.png", flat), 200);
        assertThat(result.get("quality").asInt()).isLessThan(50);
        assertThat(result.get("pdqReliable").asBoolean()).isFalse();
        assertThat(result.get("matches")).isEmpty();
    }

    @Test
    void disabledEntriesAndListsStopMatching() {
        String md5 = "c".repeat(32);
        importCsv("md5," + md5 + ",to disable\n");
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("md5", md5, false)).hasSize(1));

        body(api.patch("/api/v1/banks/" + bank, curator, "{\"enabled\":false}"), 200);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("md5", md5, false)).isEmpty());
        body(api.patch("/api/v1/banks/" + bank, curator, "{\"enabled\":true}"), 200);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("md5", md5, false)).hasSize(1));

        long id = body(api.get("/api/v1/bank-entries?type=md5&value=" + md5, curator), 200)
                .get(0)
                .get("id")
                .asLong();
        assertThat(body(api.delete("/api/v1/bank-entries/" + id, curator), 200)
                        .get("disabledAt")
                        .isNull())
                .isFalse();
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("md5", md5, false)).isEmpty());
        assertThat(api.delete("/api/v1/bank-entries/" + id, curator).statusCode())
                .isEqualTo(400);
    }

    @Test
    void perListThresholdDecides() throws IOException {
        importCsv("pdq," + bridgeHash() + ",bridge\n");
        Hash256 stored = Hash256.fromHex(bridgeHash());
        String tenAway = Hash256.ofWords(stored.word(0) ^ 0x3FFL, stored.word(1), stored.word(2), stored.word(3))
                .toHex();
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("pdq", tenAway, false)).hasSize(1));
        body(api.patch("/api/v1/banks/" + bank, curator, "{\"pdqThreshold\":8}"), 200);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("pdq", tenAway, false)).isEmpty());
    }

    @Test
    void badLinesAreNamedAndNothingIsImported() {
        HttpResponse<String> refused = api.post(
                "/api/v1/banks/" + bank + "/entries",
                curator,
                "text/csv",
                ("sha256," + "d".repeat(64) + ",fine\nsha512,abc,bad type\nmd5,xyz,short\n").getBytes());
        JsonNode problem = body(refused, 400);
        assertThat(problem.get("detail").asString())
                .contains("nothing was imported", "line 2: unknown type 'sha512'", "line 3: a md5 value has 32");
        assertThat(body(api.get("/api/v1/bank-entries?type=sha256&value=" + "d".repeat(64), curator), 200))
                .isEmpty();

        JsonNode jsonLines = body(
                api.post(
                        "/api/v1/banks/" + bank + "/entries",
                        curator,
                        "application/x-ndjson",
                        ("{\"type\":\"sha1\",\"value\":\"" + "e".repeat(40) + "\",\"label\":\"j\"}\n{not json\n")
                                .getBytes()),
                400);
        assertThat(jsonLines.get("detail").asString()).contains("line 2: not valid JSON");
    }

    @Test
    void jsonLinesImport() {
        JsonNode result = body(
                api.post(
                        "/api/v1/banks/" + bank + "/entries",
                        curator,
                        "application/x-ndjson",
                        ("{\"type\":\"sha1\",\"value\":\"" + "f".repeat(40) + "\",\"label\":\"from json\"}\n\n")
                                .getBytes()),
                200);
        assertThat(result.get("added").asLong()).isEqualTo(1);
        await().atMost(PROPAGATION)
                .untilAsserted(
                        () -> assertThat(check("sha1", "f".repeat(40), false)).hasSize(1));
    }

    @Test
    void concurrentImportsIntoOneListBothComplete() throws Exception {
        List<CompletableFuture<JsonNode>> imports = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                csv.append("sha256,")
                        .append(String.format("%064x", part * 100_000 + i))
                        .append(",n\n");
            }
            csv.append("sha256,").append("9".repeat(64)).append(",shared\n");
            imports.add(CompletableFuture.supplyAsync(() -> importCsv(csv.toString())));
        }
        long added = 0;
        long duplicates = 0;
        for (CompletableFuture<JsonNode> result : imports) {
            added += result.get().get("added").asLong();
            duplicates += result.get().get("duplicates").asLong();
        }
        assertThat(added).isEqualTo(4001);
        assertThat(duplicates).isEqualTo(1);
    }

    @Test
    void badRequestsGetClearErrors() {
        JsonNode wrongLength = body(
                api.post(
                        "/api/v1/hashcheck",
                        hoster,
                        "{\"hashes\":[{\"type\":\"md5\",\"value\":\"" + "a".repeat(32)
                                + "\"},{\"type\":\"pdq\",\"value\":\"abc\"}]}"),
                400);
        assertThat(wrongLength.get("detail").asString()).isEqualTo("hashes[1]: a pdq value has 64 hex digits, not 3");
        JsonNode notHex = body(
                api.post(
                        "/api/v1/hashcheck",
                        hoster,
                        "{\"hashes\":[{\"type\":\"md5\",\"value\":\"" + "g".repeat(32) + "\"}]}"),
                400);
        assertThat(notHex.get("detail").asString()).startsWith("hashes[0]: not a hex digit at position 1");
        assertThat(body(
                                api.post(
                                        "/api/v1/hashcheck",
                                        hoster,
                                        "{\"hashes\":[{\"type\":\"crc32\",\"value\":\"00\"}]}"),
                                400)
                        .get("detail")
                        .asString())
                .contains("hashes[0]: unknown type 'crc32'");
        assertThat(body(
                                api.post(
                                        "/api/v1/hashcheck",
                                        hoster,
                                        "{\"hashes\":[{\"type\":\"md5\",\"value\":\"" + "a".repeat(32)
                                                + "\"}],\"banks\":[\"no-such\"]}"),
                                404)
                        .get("detail")
                        .asString())
                .contains("no hash list named 'no-such'");

        StringBuilder many = new StringBuilder("{\"hashes\":[");
        for (int i = 0; i <= HashCheck.MAX_HASHES; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"md5\",\"value\":\"")
                    .append("a".repeat(32))
                    .append("\"}");
        }
        assertThat(body(api.post("/api/v1/hashcheck", hoster, many.append("]}").toString()), 413)
                        .get("detail")
                        .asString())
                .contains("at most 10000 hashes");
        assertThat(api.post("/api/v1/hashcheck", curator, "{\"hashes\":[]}").statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/banks", hoster, "{\"name\":\"x\",\"source\":\"y\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/banks/no-such-list/entries", curator, "text/csv", "md5,aa,x\n".getBytes())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void badImagesAreRefusedWithTheReason() throws IOException {
        assertThat(body(api.upload("/api/v1/hashcheck/image", hoster, "file", "e.jpg", new byte[0]), 400)
                        .get("detail")
                        .asString())
                .isEqualTo("the file is empty");
        assertThat(body(api.upload("/api/v1/hashcheck/image", hoster, "file", "t.txt", "hello".getBytes()), 400)
                        .get("detail")
                        .asString())
                .contains("not an image");
        assertThat(body(
                                api.upload(
                                        "/api/v1/hashcheck/image",
                                        hoster,
                                        "file",
                                        "b.png",
                                        ImageHasherTests.pngHeader(20_000, 20_000)),
                                400)
                        .get("detail")
                        .asString())
                .contains("more than the 50000000 accepted");
        byte[] scanBomb = HostileWeb.jpegScanBomb(2_000, 1_000);
        assertThat(body(api.upload("/api/v1/hashcheck/image", hoster, "file", "s.jpg", scanBomb), 400)
                        .get("detail")
                        .asString())
                .contains("scans, more than the 100 accepted");
    }

    @Test
    void matchesAreAuditedAndLookupsCounted() {
        String sha256 = "1".repeat(64);
        importCsv("sha256," + sha256 + ",audited\n");
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(check("sha256", sha256, false)).hasSize(1));
        long keyId = keys.list().stream()
                .filter(k -> k.name().equals("hoster"))
                .findFirst()
                .orElseThrow()
                .id();
        // matches are audited in batches, a quarter second apart
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(audit.latest(50)).anySatisfy(entry -> {
                    assertThat(entry.action()).isEqualTo("hashcheck.matched");
                    assertThat(entry.actor()).isEqualTo("apikey:" + keyId);
                    assertThat(entry.details()).contains(sha256, bank, "\"matchCount\"");
                }));
        String metrics = api.get(
                        "/actuator/prometheus",
                        keys.create("m", List.of(ApiScope.METRICS), null, null).token())
                .body();
        assertThat(metrics).contains("takedown_hashcheck_lookups_total").contains("takedown_hashcheck_matches_total");
        assertThat(keyId).isPositive();
    }

    @Test
    void dihedralVariantsFromTheHashAreWithinTheThreshold() throws IOException {
        Hash256 original = Hash256.fromHex(bridgeHash());
        Hash256 rotated = ImageHasherTests.expected("images/dih/bridge-2-rotate-90.jpg");
        assertThat(Dihedral.ROTATE_90.apply(original).distance(rotated)).isLessThanOrEqualTo(31);
    }

    @Test
    void aListIsExportedOverTheApiInEachFormat() {
        importCsv("type,value,label\nmd5," + "7a".repeat(16) + ",one\nsha256," + "7b".repeat(32) + ",two\n");
        HttpResponse<String> csv = api.get("/api/v1/banks/" + bank + "/entries?format=csv", curator);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().toList())
                .containsExactly(
                        "type,value,label", "md5," + "7a".repeat(16) + ",one", "sha256," + "7b".repeat(32) + ",two");
        assertThat(api.get("/api/v1/banks/" + bank + "/entries?format=plain&type=sha256", curator)
                        .body())
                .isEqualTo("7b".repeat(32) + "\n");
        assertThat(api.get("/api/v1/banks/" + bank + "/entries?format=xml", curator)
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/banks/" + bank + "/entries?format=csv", hoster)
                        .statusCode())
                .as("a hash check key cannot read the lists")
                .isEqualTo(403);
    }
}
