package org.takedown.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.takedown.support.Cli;
import org.takedown.support.IntegrationTest;
import org.takedown.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code takedown attribute} with the registry of a Takedown database: the full chain down to the abuse contact. */
@IntegrationTest
class AttributeRegistryCliIntegrationTests {

    @Autowired
    HostingCompanies companies;

    @Autowired
    Environment environment;

    @TempDir
    Path data;

    @Test
    void printsTheHostingCompanyAndAbuseContactFromTheRegistry() {
        assertThat(Cli.runExactly(
                        "data",
                        "update",
                        "--from",
                        AttributionCliTests.FIXTURE.toString(),
                        "--data-dir",
                        data.toString()))
                .startsWith("0|");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long company = companies
                .create("Registry Hosting " + suffix, "NL", "abuse@registry.test", "EMAIL", true, null)
                .id();
        companies.addRange(company, "192.0.2.200", "192.0.2.210", null);
        long cdn = companies
                .create("Behind The CDN " + suffix, "DE", "abuse@behind.test", "XARF", false, null)
                .id();
        companies.addDomainOverride(cdn, "fronted-" + suffix + ".example", "CDN customer");

        String output = Cli.run(
                TestDatabase.Info.of(environment),
                "attribute",
                "http://192.0.2.201/a.jpg",
                "--data-dir",
                data.toString());
        assertThat(output).startsWith("0|");
        JsonNode ip = JsonMapper.builder()
                .build()
                .readTree(output.substring(2))
                .get("ips")
                .get(0);
        assertThat(ip.get("asn").asLong()).isEqualTo(64500);
        assertThat(ip.get("hostingCompany").asString()).isEqualTo("Registry Hosting " + suffix);
        assertThat(ip.get("abuseContact").asString()).isEqualTo("abuse@registry.test");
        assertThat(ip.get("matchedBy").asString()).isEqualTo("range");
        assertThat(ip.get("hostedIn").asString()).isEqualTo("NL");

        String fronted = Cli.run(
                TestDatabase.Info.of(environment),
                "attribute",
                "https://www.fronted-" + suffix + ".example/x",
                "--resolve",
                "www.fronted-" + suffix + ".example=198.51.100.3",
                "--data-dir",
                data.toString());
        JsonNode viaCdn = JsonMapper.builder()
                .build()
                .readTree(fronted.substring(2))
                .get("ips")
                .get(0);
        assertThat(viaCdn.get("asnOrg").asString()).isEqualTo("Other Hosting Ltd");
        assertThat(viaCdn.get("country").asString()).isEqualTo("NL");
        assertThat(viaCdn.get("hostingCompany").asString()).isEqualTo("Behind The CDN " + suffix);
        assertThat(viaCdn.get("hostedIn").asString()).isEqualTo("DE");
        assertThat(viaCdn.get("matchedBy").asString()).isEqualTo("domain");

        String offline = Cli.runExactly("attribute", "192.0.2.201", "--offline", "--data-dir", data.toString());
        assertThat(offline).contains("\"hostingCompany\" : null").contains("not consulted (--offline)");
    }
}
