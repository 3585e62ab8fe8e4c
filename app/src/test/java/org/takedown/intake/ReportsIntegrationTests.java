package org.takedown.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reports arriving through the partner API and the public form, with normalisation and de-duplication. */
@IntegrationTest
class ReportsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    Reports reports;

    @Autowired
    AuditLog audit;

    @Autowired
    JsonMapper json;

    String partner() {
        return keys.create(
                        "partner",
                        List.of(ApiScope.REPORT),
                        null,
                        null,
                        List.of("police", "foreign-hotline", "trusted-flagger"))
                .token();
    }

    JsonNode post(String token, String body, int status) {
        HttpResponse<String> response = new ApiClient(port).post("/api/v1/reports", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    @Test
    void partnersReportUrlsAndTheSameUrlJoinsItsOpenCase() {
        String token = partner();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        JsonNode first = post(
                token,
                "{\"source\":\"police\",\"reference\":\"case 7\",\"urls\":[\"HTTP://Host-" + unique
                        + ".example/a.jpg\",\"ftp://host.example/x\",\"http://host-" + unique
                        + ".example/a.jpg#frag\"]}",
                201);
        assertThat(first.get("accepted")).hasSize(1);
        JsonNode accepted = first.get("accepted").get(0);
        assertThat(accepted.get("normalized").asString()).isEqualTo("http://host-" + unique + ".example/a.jpg");
        assertThat(accepted.get("duplicate").asBoolean()).isFalse();
        assertThat(first.get("rejected").get(0).get("reason").asString()).contains("only http and https");
        assertThat(first.get("rejected").get(1).get("reason").asString())
                .isEqualTo("repeats an earlier URL of this report");

        JsonNode second = post(
                token,
                "{\"source\":\"foreign-hotline\",\"urls\":[\"http://host-" + unique + ".example:80/./a.jpg\"]}",
                201);
        assertThat(second.get("accepted").get(0).get("duplicate").asBoolean()).isTrue();
        long urlId = accepted.get("urlId").asLong();
        assertThat(second.get("accepted").get(0).get("urlId").asLong()).isEqualTo(urlId);
        assertThat(reports.reportsOf(urlId)).isEqualTo(2);
        assertThat(audit.about("report:" + second.get("reportId").asLong(), 1))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains("\"joined\": 1", "foreign-hotline"));
    }

    @Test
    void tenThousandUrlsInOneRequestMoreAreRefused() {
        String token = partner();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < Reports.MAX_URLS; i++) {
            urls.append(i == 0 ? "" : ",")
                    .append("\"http://bulk-")
                    .append(unique)
                    .append(".example/")
                    .append(i)
                    .append(".jpg\"");
        }
        JsonNode taken = post(token, "{\"source\":\"trusted-flagger\",\"urls\":[" + urls + "]}", 201);
        assertThat(taken.get("accepted")).hasSize(Reports.MAX_URLS);
        JsonNode tooMany = post(token, "{\"source\":\"police\",\"urls\":[" + urls + ",\"http://one.more/\"]}", 413);
        assertThat(tooMany.get("detail").asString()).contains("at most 10000 URLs");
    }

    @Test
    void badReportsAreRefusedWithTheReason() {
        String token = partner();
        String press = keys.create("press", List.of(ApiScope.REPORT), null, null, List.of("the-press"))
                .token();
        assertThat(post(press, "{\"source\":\"the-press\",\"urls\":[\"http://a.example/\"]}", 400)
                        .get("detail")
                        .asString())
                .contains("unknown source 'the-press'", "police", "trusted-flagger");
        assertThat(post(token, "{\"source\":\"police\",\"urls\":[]}", 400)
                        .get("detail")
                        .asString())
                .contains("at least one URL");
        assertThat(post(token, "{\"source\":\"police\"}", 400).get("detail").asString())
                .contains("urls");
        String other =
                keys.create("no scope", List.of(ApiScope.HASHCHECK), null, null).token();
        assertThat(new ApiClient(port).post("/api/v1/reports", other, "{}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aKeyReportsOnlyForTheSourcesItWasIssuedFor() {
        String police = keys.create("police only", List.of(ApiScope.REPORT), null, null, List.of("police"))
                .token();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(
                                police,
                                "{\"source\":\"trusted-flagger\",\"urls\":[\"http://claim-" + unique + ".example/\"]}",
                                403)
                        .get("detail")
                        .asString())
                .isEqualTo("this API key reports for police, not for 'trusted-flagger'");
        JsonNode taken = post(police, "{\"urls\":[\"http://claim-" + unique + ".example/\"]}", 201);
        assertThat(taken.at("/accepted/0/duplicate").asBoolean())
                .as("the refused claim took nothing")
                .isFalse();
        assertThat(audit.about("report:" + taken.get("reportId").asLong(), 1))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains("\"source\": \"police\""));
        assertThat(post(partner(), "{\"urls\":[\"http://b.example/\"]}", 400)
                        .get("detail")
                        .asString())
                .contains("name the source of this report, one of foreign-hotline, police, trusted-flagger");
        // a report key must name its sources, and only a report key has any
        assertThatThrownBy(() -> keys.create("nameless", List.of(ApiScope.REPORT), null, null))
                .hasMessageContaining("must name the sources");
        assertThatThrownBy(() -> keys.create("hash", List.of(ApiScope.HASHCHECK), null, null, List.of("police")))
                .hasMessageContaining("only a key with scope 'report'");
    }

    @Test
    void thePublicReportsWithoutAccountAndMarkupIsEscaped() {
        WebSession visitor = new WebSession(port);
        assertThat(visitor.get("/report").statusCode()).isEqualTo(200);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> sent = visitor.post(
                "/report",
                Map.of(
                        "urls",
                        "http://form-" + unique + ".example/x.jpg\r\nnot a url at all\r\n",
                        "note",
                        "<script>alert('x')</script>"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("id=\"received\"", "not a URL").doesNotContain("<script>alert");

        visitor.get("/report");
        HttpResponse<String> empty = visitor.post("/report", Map.of("urls", " ", "note", "<b>bold</b>"));
        assertThat(empty.body()).contains("a report needs at least one URL", "&lt;b&gt;bold&lt;/b&gt;");

        int status = 200;
        for (int i = 0; i < 12 && status != 429; i++) {
            visitor.get("/report");
            status = visitor.post("/report", Map.of("urls", "http://again-" + i + ".example/"))
                    .statusCode();
        }
        assertThat(status).as("the address is throttled after a few reports").isEqualTo(429);
    }
}
