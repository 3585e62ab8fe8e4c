package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;

/**
 * The hash check's warm-up before readiness, through HTTP against PostgreSQL: readiness waits for it, its requests
 * are neither audited nor counted as anyone's lookups, and its in-memory key is refused once it is over. Here it runs
 * on an empty index ({@code min-entries=0}); by default it runs only from a million entries.
 */
@IntegrationTest
@TestPropertySource(properties = {"takedown.matching.warm-up.min-entries=0", "takedown.matching.warm-up.requests=3000"})
class HashCheckWarmUpIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    HashCheckWarmUp warmUp;

    @Autowired
    ApiKeys keys;

    @Autowired
    UsageRecorder usage;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MatchAuditor auditor;

    @Autowired
    AuditLog audit;

    @Test
    void readinessWaitsUntilEveryWarmUpRequestWasAnswered() {
        ApiClient api = new ApiClient(port);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/actuator/health/readiness", null).statusCode() == 200);
        assertThat(warmUp.running()).isFalse();
        assertThat(warmUp.sent()).isEqualTo(3000);
    }

    @Test
    void keysUsedWithinTheHourAreHeldAndCheckedAgainAtTheirFirstRequest() {
        ApiClient api = new ApiClient(port);
        ApiKeys.IssuedApiKey returning = keys.create("returning", List.of(ApiScope.HASHCHECK), null, 100_000);
        ApiKeys.IssuedApiKey dormant = keys.create("dormant", List.of(ApiScope.HASHCHECK), null, 100_000);
        jdbc.update(
                "UPDATE api_key SET last_used_at = now() - interval '5 minutes' WHERE id = ?",
                returning.key().id());
        jdbc.update(
                "UPDATE api_key SET last_used_at = now() - interval '2 hours' WHERE id = ?",
                dormant.key().id());
        assertThat(keys.holdRecentlyUsed(HashCheckWarmUp.RECENT_KEYS)).isPositive();
        // both revoked behind this instance's back, as on another instance
        jdbc.update(
                "UPDATE api_key SET revoked_at = now(), revoked_by = 'elsewhere' WHERE id IN (?, ?)",
                returning.key().id(),
                dormant.key().id());
        String query = "{\"hashes\":[{\"type\":\"sha256\",\"value\":\"" + "c".repeat(64) + "\"}]}";

        // the key used within the hour is held: its first request is answered without a database check...
        assertThat(api.post("/api/v1/hashcheck", returning.token(), query).statusCode())
                .isEqualTo(200);
        // ...which that request started in the background: refused from then on
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        api.post("/api/v1/hashcheck", returning.token(), query).statusCode() == 401);
        // the key last used two hours ago was not held: its first request was checked in the database
        assertThat(api.post("/api/v1/hashcheck", dormant.token(), query).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theWarmUpsLookupsAreNotCountedAndItsKeyDiesWithIt() {
        ApiClient api = new ApiClient(port);
        String curator =
                keys.create("curator", List.of(ApiScope.BANKS), null, 100_000).token();
        String bank = "warm-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/banks", curator, "{\"name\":\"" + bank + "\",\"source\":\"test\"}")
                        .statusCode())
                .isEqualTo(201);
        String sha256 = "b".repeat(64);
        api.post(
                "/api/v1/banks/" + bank + "/entries?provenance=test",
                curator,
                "text/csv",
                ("type,value,label\nsha256," + sha256 + ",x\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String query = "{\"hashes\":[{\"type\":\"sha256\",\"value\":\"" + sha256 + "\"}]}";

        String own = keys.issueInMemory(HashCheckWarmUp.KEY_ID, "warm-up", Set.of(ApiScope.HASHCHECK));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.post("/api/v1/hashcheck", own, query).body().contains(bank));
        String metrics =
                keys.create("metrics", List.of(ApiScope.METRICS), null, 100_000).token();
        usage.flush();
        auditor.flush();
        assertThat(lookups(bank)).isZero();
        assertThat(audit.latest(100)).noneMatch(entry -> entry.actor().equals(HashCheckWarmUp.ACTOR));
        assertThat(api.get("/actuator/prometheus", metrics).body())
                .doesNotContain("caller=\"" + HashCheckWarmUp.ACTOR + "\"");

        ApiKeys.IssuedApiKey hoster = keys.create("hoster", List.of(ApiScope.HASHCHECK), null, 100_000);
        assertThat(api.post("/api/v1/hashcheck", hoster.token(), query).statusCode())
                .isEqualTo(200);
        usage.flush();
        auditor.flush();
        assertThat(lookups(bank)).isEqualTo(1);
        assertThat(audit.latest(100))
                .anyMatch(entry -> entry.actor().equals("apikey:" + hoster.key().id())
                        && entry.action().equals("hashcheck.matched"));
        assertThat(api.get("/actuator/prometheus", metrics).body())
                .contains("caller=\"apikey:" + hoster.key().id() + "\"");

        keys.forgetInMemory(own);
        HttpResponse<String> refused = api.post("/api/v1/hashcheck", own, query);
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    private long lookups(String bank) {
        Long sum = jdbc.queryForObject(
                "SELECT coalesce(sum(u.lookups), 0) FROM hash_bank_usage u JOIN hash_bank b ON b.id = u.bank_id"
                        + " WHERE b.name = ?",
                Long.class,
                bank);
        return sum == null ? 0 : sum;
    }
}
