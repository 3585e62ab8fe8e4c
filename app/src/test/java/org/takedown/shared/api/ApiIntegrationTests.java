package org.takedown.shared.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API keys over real HTTP: authentication, scopes, revocation, rate limits and problem-detail errors. */
@IntegrationTest
class ApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    AuditLog audit;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext server;

    ApiClient api() {
        return new ApiClient(port);
    }

    String token(ApiScope... scopes) {
        List<String> sources = List.of(scopes).contains(ApiScope.REPORT) ? List.of("police") : List.of();
        return keys.create("test " + List.of(scopes), List.of(scopes), null, null, sources)
                .token();
    }

    JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    @Test
    void aBurstOfNewConnectionsWaitsInTheListenQueueRatherThanBeingDropped() {
        // with Tomcat's default of 100, clients opening connections in a busy second saw TCP retry after 1, 3, 7 s
        org.apache.catalina.connector.Connector connector = ((org.springframework.boot.tomcat.TomcatWebServer)
                        server.getWebServer())
                .getTomcat()
                .getConnector();
        assertThat(connector.getProperty("acceptCount")).isEqualTo(4096);
    }

    @Test
    void keyWithScopeReadsTheAuditLog() {
        HttpResponse<String> response = api().get("/api/v1/audit/entries?limit=5", token(ApiScope.AUDIT));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).isArray()).isTrue();
        HttpResponse<String> verification = api().get("/api/v1/audit/verification", token(ApiScope.AUDIT));
        assertThat(json.readTree(verification.body()).get("intact").asBoolean()).isTrue();
    }

    @Test
    void requestWithoutKeyGets401WithChallenge() {
        HttpResponse<String> response = api().get("/api/v1/audit/entries", null);
        assertThat(problem(response, 401).get("detail").asString()).contains("Authorization: Bearer");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void unknownOrMalformedKeyGets401() {
        problem(api().get("/api/v1/audit/entries", "tdk_AAAAAAAA_" + "B".repeat(40)), 401);
        problem(api().get("/api/v1/audit/entries", "not-a-token"), 401);
        String real = token(ApiScope.AUDIT);
        String tampered = real.substring(0, real.length() - 1) + (real.endsWith("a") ? "b" : "a");
        problem(api().get("/api/v1/audit/entries", tampered), 401);
    }

    @Test
    void revokedKeyGets401() {
        ApiKeys.IssuedApiKey issued = keys.create("to revoke", List.of(ApiScope.AUDIT), null, null);
        assertThat(api().get("/api/v1/audit/entries", issued.token()).statusCode())
                .isEqualTo(200);
        keys.revoke(issued.key().prefix());
        assertThat(problem(api().get("/api/v1/audit/entries", issued.token()), 401)
                        .get("detail")
                        .asString())
                .contains("unknown or was revoked");
    }

    @Test
    void keyWithoutTheScopeGets403() {
        JsonNode body = problem(api().get("/api/v1/audit/entries", token(ApiScope.REPORT)), 403);
        assertThat(body.get("detail").asString()).contains("scope");
        problem(api().get("/actuator/prometheus", token(ApiScope.REPORT)), 403);
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        String token = keys.create("slow", List.of(ApiScope.AUDIT), null, 3).token();
        for (int i = 0; i < 3; i++) {
            assertThat(api().get("/api/v1/audit/entries?limit=1", token).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = api().get("/api/v1/audit/entries?limit=1", token);
        assertThat(problem(limited, 429).get("detail").asString()).contains("3 requests per minute");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        // another key is not affected
        assertThat(api().get("/api/v1/audit/entries?limit=1", token(ApiScope.AUDIT))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownRouteIsA404Problem() {
        JsonNode body = problem(api().get("/api/v1/no-such-thing", token(ApiScope.AUDIT)), 404);
        assertThat(body.get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
    }

    @Test
    void malformedJsonIsA400WithTheParsePosition() {
        String admin = token(ApiScope.ADMIN);
        JsonNode body =
                problem(api().post("/api/v1/apikeys", admin, "{\"name\": \"x\",\n \"scopes\": [\"audit\" }"), 400);
        assertThat(body.get("detail").asString()).contains("not valid JSON", "line 2, column");
    }

    @Test
    void invalidFieldsAreNamed() {
        String admin = token(ApiScope.ADMIN);
        JsonNode body = problem(api().post("/api/v1/apikeys", admin, "{\"name\": \"\", \"scopes\": []}"), 400);
        assertThat(body.get("detail").asString()).contains("name", "scopes");
        JsonNode scope =
                problem(api().post("/api/v1/apikeys", admin, "{\"name\": \"x\", \"scopes\": [\"root\"]}"), 400);
        assertThat(scope.get("detail").asString()).contains("unknown scope 'root'");
    }

    @Test
    void adminKeyIssuesAndRevokesKeysAndItIsAudited() {
        String admin = token(ApiScope.ADMIN);
        problem(
                api().post("/api/v1/apikeys", admin, "{\"name\": \"Police NL\", \"scopes\": [\"report\", \"audit\"]}"),
                400);
        HttpResponse<String> created = api().post(
                        "/api/v1/apikeys",
                        admin,
                        "{\"name\": \"Police NL\", \"scopes\": [\"report\", \"audit\"], \"reportSources\": [\"police\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode issued = json.readTree(created.body());
        String newToken = issued.get("token").asString();
        long id = issued.get("key").get("id").asLong();
        assertThat(api().get("/api/v1/audit/entries", newToken).statusCode()).isEqualTo(200);
        assertThat(audit.about("apikey:" + id, 5)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("apikey.created");
            assertThat(entry.actor()).startsWith("apikey:");
            assertThat(entry.details()).contains("Police NL").doesNotContain(newToken);
        });

        assertThat(api().delete("/api/v1/apikeys/" + id, admin).statusCode()).isEqualTo(200);
        problem(api().get("/api/v1/audit/entries", newToken), 401);
        problem(api().delete("/api/v1/apikeys/" + id, admin), 400);
        problem(api().delete("/api/v1/apikeys/999999", admin), 404);
    }

    @Test
    void oversizedBodiesGet413() {
        String admin = token(ApiScope.ADMIN);
        // a declared length over the limit is refused before the body is sent (the client asks first, as a
        // well-behaved client does with Expect: 100-continue)
        byte[] large = ("{\"name\": \"" + "x".repeat(30 * 1024 * 1024) + "\"}").getBytes();
        JsonNode declared = problem(api().postExpectingContinue("/api/v1/apikeys", admin, large), 413);
        assertThat(declared.get("detail").asString()).contains("larger than the 26214400 bytes accepted");
        // a body without declared length is cut off once it passes the limit; it is only a little larger here, so
        // the server can read the rest away and the client gets the answer
        byte[] chunked = ("{\"name\": \"" + "x".repeat(25 * 1024 * 1024 + 64 * 1024) + "\"}").getBytes();
        JsonNode cut = problem(api().postChunked("/api/v1/apikeys", admin, chunked), 413);
        assertThat(cut.get("detail").asString()).contains("larger than the 26214400 bytes accepted");
    }

    @Test
    void metricsNeedTheMetricsScope() {
        problem(api().get("/actuator/prometheus", null), 401);
        HttpResponse<String> metrics = api().get("/actuator/prometheus", token(ApiScope.METRICS));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void healthAndApiDocsArePublic() {
        assertThat(api().get("/actuator/health/liveness", null).body()).contains("UP");
        assertThat(api().get("/actuator/health/readiness", null).body()).contains("UP");
        HttpResponse<String> docs = api().get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/apikeys", "/api/v1/audit/entries", "bearer");
        assertThat(api().get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }
}
