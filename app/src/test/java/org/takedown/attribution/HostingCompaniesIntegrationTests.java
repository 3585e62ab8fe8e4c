package org.takedown.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/**
 * The hosting company registry through its pages, and attribution of addresses by domain override, IP range and AS
 * (on the made-up data in src/test/resources/ip-location-db).
 */
@IntegrationTest
class HostingCompaniesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    HostingCompanies companies;

    @Autowired
    AuditLog audit;

    WebSession signIn(Role role) {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, role, null, "registry password");
        return WebSession.signedIn(port, name, "registry password");
    }

    @Test
    void supervisorRegistersCompaniesAndAddressesAreAttributed() {
        WebSession supervisor = signIn(Role.HOTLINE_SUPERVISOR);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        supervisor.get("/attribution");
        HttpResponse<String> created = supervisor.post(
                "/attribution/companies",
                Map.of(
                        "name",
                        "Example Hosting " + suffix,
                        "country",
                        "nl",
                        "abuseEmail",
                        "abuse@example-hosting.test",
                        "noticeChannel",
                        "XARF",
                        "ntdSignatory",
                        "true"));
        String page = supervisor.follow(created);
        assertThat(page).contains("Hosting company 'Example Hosting " + suffix + "' registered.");
        String companyPath = WebSession.location(created);
        long nl = Long.parseLong(companyPath.substring(companyPath.lastIndexOf('/') + 1));

        assertThat(supervisor.follow(supervisor.post(companyPath + "/asns", Map.of("asn", "AS64500"))))
                .contains("AS64500 added.");
        assertThat(supervisor.follow(supervisor.post(companyPath + "/asns", Map.of("asn", "64500"))))
                .contains("AS64500 already belongs to Example Hosting " + suffix);
        assertThat(supervisor.follow(supervisor.post(
                        companyPath + "/domains",
                        Map.of("domain", "cdn-fronted-" + suffix + ".example", "note", "behind a CDN"))))
                .contains("now maps to this company");

        long us = companies
                .create("Far Away " + suffix, "US", "abuse@far.test", "EMAIL", false, null)
                .id();
        supervisor.get("/attribution/companies/" + us);
        assertThat(supervisor.follow(supervisor.post(
                        "/attribution/companies/" + us + "/ranges",
                        Map.of("first", "203.0.113.127", "last", "203.0.113.0"))))
                .contains("the range starts after it ends");
        supervisor.follow(supervisor.post(
                "/attribution/companies/" + us + "/ranges", Map.of("first", "203.0.113.0", "last", "203.0.113.127")));

        Attribution byAsn = companies.attribute("www.example.test", address("192.0.2.10"));
        assertThat(byAsn.hostingCompanyId()).isEqualTo(nl);
        assertThat(byAsn.matchedBy()).isEqualTo("asn");
        assertThat(byAsn.abuseContact()).isEqualTo("abuse@example-hosting.test");
        assertThat(byAsn.inNetherlands()).isTrue();

        Attribution byRange = companies.attribute("203.0.113.5", address("203.0.113.5"));
        assertThat(byRange.hostingCompany()).isEqualTo("Far Away " + suffix);
        assertThat(byRange.matchedBy()).isEqualTo("range");
        assertThat(byRange.hostedIn()).isEqualTo("US");

        Attribution byDomain = companies.attribute("img.cdn-fronted-" + suffix + ".example", address("203.0.113.5"));
        assertThat(byDomain.hostingCompanyId()).isEqualTo(nl);
        assertThat(byDomain.matchedBy()).isEqualTo("domain");

        Attribution unknown = companies.attribute("v6.example", address("2001:db8:1::5"));
        assertThat(unknown.hostingCompany()).isNull();
        assertThat(unknown.network().asn()).isEqualTo(64503);
        assertThat(unknown.hostedIn()).isEqualTo("DE");

        assertThat(WebSession.text(supervisor
                        .get("/attribution?host=www.cdn-fronted-" + suffix + ".example&ip=203.0.113.5")
                        .body()))
                .contains("id=\"company\">Example Hosting " + suffix + "<", "id=\"hosted-in\">NL<");
        assertThat(audit.about("company:" + nl, 10))
                .extracting(e -> e.action())
                .contains("company.created", "company.asn-added", "company.domain-override");
    }

    @Test
    void badInputIsRefusedAndTheFormKept() {
        WebSession supervisor = signIn(Role.HOTLINE_SUPERVISOR);
        supervisor.get("/attribution");
        HttpResponse<String> refused = supervisor.post(
                "/attribution/companies",
                Map.of(
                        "name",
                        "Badly Typed",
                        "country",
                        "Netherlands",
                        "abuseEmail",
                        "abuse@badly.test",
                        "noticeChannel",
                        "EMAIL"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(WebSession.text(refused.body()))
                .contains("a country is a two-letter ISO code like NL, not 'Netherlands'", "value=\"Badly Typed\"");
        assertThat(WebSession.text(supervisor.get("/attribution?ip=not-an-ip").body()))
                .contains("not an IP address");
    }

    @Test
    void analystsSeeTheRegistryButDoNotChangeIt() {
        WebSession analyst = signIn(Role.ANALYST);
        assertThat(analyst.get("/attribution").body())
                .contains("Hosting companies")
                .doesNotContain("Register a");
        HttpResponse<String> refused = analyst.post(
                "/attribution/companies",
                Map.of(
                        "name",
                        "Analyst Hosting",
                        "country",
                        "NL",
                        "abuseEmail",
                        "abuse@analyst.test",
                        "noticeChannel",
                        "EMAIL"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(companies.list()).noneMatch(c -> c.name().equals("Analyst Hosting"));
    }

    static java.net.InetAddress address(String ip) {
        return org.takedown.attribution.asn.AsnDatabase.address(ip);
    }
}
