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
