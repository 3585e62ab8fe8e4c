package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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
 * A request with many PDQ hashes is searched in one batch ({@link HashIndexes#lookupAll}); through the HTTP API it
 * must answer each hash exactly as a request with that hash alone does, which is searched on its own: the same
 * entries, lists and distances, per-list thresholds and rotations included.
 */
@IntegrationTest
class BatchedHashCheckIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JsonMapper json;

    @Test
    void aBatchAnswersEachHashAsItsOwnRequestDoes() throws IOException {
        ApiClient api = new ApiClient(port);
        String curator =
                keys.create("curator", List.of(ApiScope.BANKS), null, 100_000).token();
        String hoster = keys.create("hoster", List.of(ApiScope.HASHCHECK), null, 100_000)
                .token();
        String wide = "wide-" + UUID.randomUUID().toString().substring(0, 8);
        String narrow = "narrow-" + UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(17);
        List<Hash256> stored = new ArrayList<>();
        StringBuilder csv = new StringBuilder("type,value,label\n");
        for (int i = 0; i < 400; i++) {
            Hash256 hash = i % 2 == 0 || stored.isEmpty()
                    ? random(random)
                    : flip(stored.get(random.nextInt(stored.size())), random.nextInt(30), random);
            stored.add(hash);
            csv.append("pdq,").append(hash.toHex()).append(",entry ").append(i).append('\n');
        }
        csv.append("pdq,").append(HashCheckIntegrationTests.bridgeHash()).append(",bridge\n");
        csv.append("sha256,").append("c".repeat(64)).append(",file\n");
        for (String bank : List.of(wide, narrow)) {
            String threshold = bank.equals(narrow) ? ",\"pdqThreshold\":8" : "";
            assertThat(api.post(
                                    "/api/v1/banks",
                                    curator,
                                    "{\"name\":\"" + bank + "\",\"source\":\"hotline-confirmed\"" + threshold + "}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(api.post(
                                    "/api/v1/banks/" + bank + "/entries?provenance=test",
                                    curator,
                                    "text/csv",
                                    csv.toString().getBytes(StandardCharsets.UTF_8))
                            .statusCode())
                    .isEqualTo(200);
        }
        // near copies (0 to 40 bits away: some within 8, most within 31, some beyond), unrelated hashes, a rotated
        // image, a SHA-256 digest, between them
        List<String[]> queries = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Hash256 query = i % 3 == 2
                    ? random(random)
                    : flip(stored.get(random.nextInt(stored.size())), random.nextInt(41), random);
            queries.add(new String[] {"pdq", query.toHex()});
        }
        queries.add(40, new String[] {"sha256", "c".repeat(64)});
        queries.add(new String[] {
            "pdq",
            ImageHasherTests.expected("images/dih/bridge-2-rotate-90.jpg").toHex()
        });
        String banks = "\"banks\":[\"" + wide + "\",\"" + narrow + "\"]";
        await().atMost(HashCheckIntegrationTests.PROPAGATION)
                .untilAsserted(() -> assertThat(check(api, hoster, List.<String[]>of(queries.get(40)), banks, false)
                                .get(0))
                        .hasSize(2));
        for (boolean dihedral : new boolean[] {false, true}) {
            List<JsonNode> batched = check(api, hoster, queries, banks, dihedral);
            int matches = 0;
            for (int i = 0; i < queries.size(); i++) {
                JsonNode alone = check(api, hoster, List.<String[]>of(queries.get(i)), banks, dihedral)
                        .get(0);
                assertThat(sorted(batched.get(i)))
                        .as("hash %d, %s, dihedral %s", i, queries.get(i)[1], dihedral)
                        .isEqualTo(sorted(alone));
                matches += alone.size();
            }
            assertThat(matches)
                    .as("the comparison covers matches of both lists")
                    .isGreaterThan(150);
            // the rotated bridge, found as a rotation only, beyond the narrow list's threshold
            assertThat(sorted(batched.getLast()))
                    .as("the rotated bridge")
                    .hasSize(dihedral ? 1 : 0)
                    .allMatch(match -> match.startsWith(wide + " "));
        }
        concurrentBatchesEachGetTheirOwnAnswers(api, hoster, queries, banks);
    }

    /**
     * Batches sent at once (so that some wait and share a pass of the batched search) each get the answer the same
     * batch gets alone; each sends the queries in another order, so that matches handed to the wrong request or query
     * would show.
     */
    private void concurrentBatchesEachGetTheirOwnAnswers(
            ApiClient api, String hoster, List<String[]> queries, String banks) {
        List<JsonNode> alone = check(api, hoster, queries, banks, false);
        int requests = 8;
        List<java.util.concurrent.Future<List<JsonNode>>> answers = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(requests)) {
            for (int r = 0; r < requests; r++) {
                List<String[]> shifted = new ArrayList<>(queries);
                java.util.Collections.rotate(shifted, r * 17);
                answers.add(threads.submit(() -> check(api, hoster, shifted, banks, false)));
            }
        }
        for (int r = 0; r < requests; r++) {
            List<JsonNode> answer = answers.get(r).resultNow();
            for (int i = 0; i < queries.size(); i++) {
                assertThat(sorted(answer.get(Math.floorMod(i + r * 17, queries.size()))))
                        .as("request %d, hash %d", r, i)
                        .isEqualTo(sorted(alone.get(i)));
            }
        }
        String metrics =
                keys.create("metrics", List.of(ApiScope.METRICS), null, 100_000).token();
        String scraped = api.get("/actuator/prometheus", metrics).body();
        assertThat(counter(scraped, "takedown_hashcheck_batch_requests_total"))
                .isGreaterThanOrEqualTo(counter(scraped, "takedown_hashcheck_batch_passes_total"))
                .isGreaterThanOrEqualTo(requests + 3.0);
        // every request with matches found the labels in memory: none waited for the label thread's queries
        assertThat(counter(scraped, "takedown_hashcheck_labels_memory_requests_total"))
                .isGreaterThanOrEqualTo(requests + 1.0);
        assertThat(counter(scraped, "takedown_hashcheck_labels_requests_total")).isZero();
        assertThat(counter(scraped, "takedown_hashcheck_labels_memory_bytes")).isPositive();
        // where a request's time goes, with buckets for percentiles
        assertThat(counter(scraped, "takedown_hashcheck_search_seconds_count")).isGreaterThanOrEqualTo(requests + 3.0);
        assertThat(counter(scraped, "takedown_hashcheck_labels_seconds_count")).isGreaterThanOrEqualTo(requests + 1.0);
        assertThat(scraped).contains("takedown_hashcheck_search_seconds_bucket{");
    }

    private static double counter(String scraped, String name) {
        return scraped.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private List<JsonNode> check(ApiClient api, String hoster, List<String[]> hashes, String banks, boolean dihedral) {
        StringBuilder request = new StringBuilder("{\"hashes\":[");
        for (int i = 0; i < hashes.size(); i++) {
            request.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"")
                    .append(hashes.get(i)[0])
                    .append("\",\"value\":\"")
                    .append(hashes.get(i)[1])
                    .append("\"}");
        }
        request.append("],")
                .append(banks)
                .append(",\"dihedral\":")
                .append(dihedral)
                .append('}');
        var response = api.post("/api/v1/hashcheck", hoster, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        json.readTree(response.body()).get("results").forEach(result -> results.add(result.get("matches")));
        assertThat(results).hasSize(hashes.size());
        return results;
    }

    /** The matches as "list entry distance" lines, sorted. */
    private static List<String> sorted(JsonNode matches) {
        List<String> lines = new ArrayList<>();
        matches.forEach(m -> lines.add(m.get("bank").asString() + " "
                + m.get("entryId").asLong() + " " + m.get("distance").asInt()));
        lines.sort(null);
        return lines;
    }

    private static Hash256 random(Random random) {
        return Hash256.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private static Hash256 flip(Hash256 hash, int bits, Random random) {
        long[] words = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
        for (int i = 0; i < bits; ) {
            int bit = random.nextInt(256);
            if ((words[bit >>> 6] & (1L << bit)) == (hash.word(bit >>> 6) & (1L << bit))) {
                words[bit >>> 6] ^= 1L << bit;
                i++;
            }
        }
        return Hash256.ofWords(words[0], words[1], words[2], words[3]);
    }
}
