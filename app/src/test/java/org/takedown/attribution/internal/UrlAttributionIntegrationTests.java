package org.takedown.attribution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.UrlAttributions;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.support.IntegrationTest;

/**
 * Reported URLs are attributed on the {@code UrlReported} event: per IP the network, company and country; hosts that
 * do not resolve wait with back-off and stay visible as unresolved. The resolver is the tests' fixed host table.
 */
@IntegrationTest
class UrlAttributionIntegrationTests {

    @Autowired
    Reports reports;

    @Autowired
    HostingCompanies companies;

    @Autowired
    UrlAttributions attributions;

    @Autowired
    UrlAttributor attributor;

    @Autowired
    JdbcClient jdbc;

    long report(String url) {
        return reports.submit(Channel.API, "police", null, null, null, List.of(url))
                .accepted()
                .get(0)
                .urlId();
    }

    @Test
    void newUrlsAreAttributedPerIp() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long company = companies
                .create("Range Hosting " + suffix, "NL", "abuse@range.test", "EMAIL", true, null)
                .id();
        companies.addRange(company, "192.0.2.16", "192.0.2.31", "sub-allocation");

        long nl = report("http://nl-hosted.example/" + suffix + ".jpg");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !attributions.history(nl).isEmpty());
        UrlAttributions.Check check = attributions.history(nl).get(0);
        assertThat(check.ip()).isEqualTo("192.0.2.20");
        assertThat(check.asn()).isEqualTo(64500L);
        assertThat(check.hostingCompanyId()).isEqualTo(company);
        assertThat(check.matchedBy()).isEqualTo("range");
        assertThat(check.hostedIn()).isEqualTo("NL");

        long dual = report("https://dual.example/" + suffix);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> attributions.history(dual).size() == 2);
        assertThat(attributions.history(dual))
                .extracting(UrlAttributions.Check::ip)
                .containsExactlyInAnyOrder("198.51.100.7", "2001:db8::7");
        assertThat(attributions.history(dual))
                .extracting(UrlAttributions.Check::hostedIn)
                .containsOnly("NL");
    }

    @Test
    void unresolvedHostsWaitWithBackOffAndAreRetried() {
        String host = "nowhere-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
        long id = report("http://" + host + "/x");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> attributions.unresolved(id).isPresent());
        UrlAttributions.Unresolved first = attributions.unresolved(id).orElseThrow();
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("not in the static host table");
        assertThat(attributions.history(id)).isEmpty();

        jdbc.sql("UPDATE url_attribution_pending SET next_attempt_at = now() - interval '1 second' WHERE url_id = ?")
                .param(id)
                .update();
        attributor.retry();
        UrlAttributions.Unresolved second = attributions.unresolved(id).orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).isAfter(first.nextAttemptAt());
    }
}
