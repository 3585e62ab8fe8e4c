package org.takedown.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.support.Cli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code takedown data update} and {@code takedown attribute}, as an operator runs them, on made-up data. */
class AttributionCliTests {

    static final Path FIXTURE = Path.of("src/test/resources/ip-location-db");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    JsonNode attribute(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "attribute";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = data.toString();
        String output = Cli.runExactly(all);
        assertThat(output).startsWith("0|");
        return JSON.readTree(output.substring(2));
    }

    @Test
    void updateFromADirectoryThenAttributeIpv4Ipv6AndHosts() {
        assertThat(Cli.runExactly("data", "update", "--from", FIXTURE.toString(), "--data-dir", data.toString()))
                .startsWith("0|IP-to-ASN data from")
                .contains("CC BY 4.0");
        JsonNode v4 = attribute("https://192.0.2.44/a.jpg");
        assertThat(v4.get("host").asString()).isEqualTo("192.0.2.44");
        JsonNode ip = v4.get("ips").get(0);
        assertThat(ip.get("range").asString()).isEqualTo("192.0.2.0-192.0.2.255");
        assertThat(ip.get("asn").asLong()).isEqualTo(64500);
        assertThat(ip.get("asnOrg").asString()).isEqualTo("Example Hosting, B.V.");
        assertThat(ip.get("country").asString()).isEqualTo("NL");
        assertThat(ip.has("hostingCompany")).isTrue();

        JsonNode v6 = attribute("[2001:db8:1::7]");
        assertThat(v6.get("ips").get(0).get("asn").asLong()).isEqualTo(64503);
        assertThat(v6.get("ips").get(0).get("country").asString()).isEqualTo("DE");

        JsonNode host = attribute("http://Bücher.example/x", "--resolve", "xn--bcher-kva.example=198.51.100.9");
        assertThat(host.get("host").asString()).isEqualTo("xn--bcher-kva.example");
        assertThat(host.get("ips").get(0).get("asnOrg").asString()).isEqualTo("Other Hosting Ltd");
        assertThat(host.get("ips").get(0).get("country").asString()).isEqualTo("NL");

        JsonNode unknown = attribute("198.51.100.200");
        assertThat(unknown.get("ips").get(0).get("asn").isNull()).isTrue(); // in the country data only
        assertThat(unknown.get("ips").get(0).get("country").asString()).isEqualTo("NL");
    }

    @Test
    void updateFromPackageArchives() throws IOException {
        Path archives = Files.createDirectories(data.resolve("downloads"));
        pack(archives.resolve("asn.tgz"), "asn-ipv4.csv", "asn-ipv6.csv");
        pack(archives.resolve("asn-country.tgz"), "asn-country-ipv4.csv", "asn-country-ipv6.csv");
        assertThat(Cli.runExactly("data", "update", "--from", archives.toString(), "--data-dir", data.toString()))
                .startsWith("0|");
        assertThat(attribute("203.0.113.1").get("ips").get(0).get("country").asString())
                .isEqualTo("US");
    }

    @Test
    void aPackageIsCheckedAgainstItsIntegrityBeforeAnythingIsReplaced() throws Exception {
        Path archives = Files.createDirectories(data.resolve("one"));
        Path asn = archives.resolve("asn.tgz");
        pack(asn, "asn-ipv4.csv", "asn-ipv6.csv", "asn-country-ipv4.csv", "asn-country-ipv6.csv");
        String good = "sha512-"
                + java.util.Base64.getEncoder()
                        .encodeToString(java.security.MessageDigest.getInstance("SHA-512")
                                .digest(Files.readAllBytes(asn)));
        String bad = "sha512-" + java.util.Base64.getEncoder().encodeToString(new byte[64]);
        assertThat(Cli.runExactly(
                        "data", "update", "--from", asn.toString(), "--integrity", bad, "--data-dir", data.toString()))
                .startsWith("1|")
                .contains("does not match its integrity")
                .contains("nothing was changed");
        assertThat(Cli.runExactly(
                        "data", "update", "--from", asn.toString(), "--integrity", good, "--data-dir", data.toString()))
                .startsWith("0|");
    }

    @Test
    void badSourcesChangeNothingAndSayWhy() throws IOException {
        assertThat(Cli.runExactly("attribute", "192.0.2.1", "--data-dir", data.toString()))
                .startsWith("1|")
                .contains("run: takedown data update");
        assertThat(Cli.runExactly(
                        "data", "update", "--from", data.resolve("nowhere").toString(), "--data-dir", data.toString()))
                .startsWith("1|")
                .contains("no such file, directory or URL");
        Path partial = Files.createDirectories(data.resolve("partial"));
        Files.copy(FIXTURE.resolve("asn-ipv4.csv"), partial.resolve("asn-ipv4.csv"));
        assertThat(Cli.runExactly("data", "update", "--from", partial.toString(), "--data-dir", data.toString()))
                .startsWith("1|")
                .contains("missing [asn-ipv6.csv");
        Path broken = Files.createDirectories(data.resolve("broken"));
        for (String file : List.of("asn-ipv6.csv", "asn-country-ipv4.csv", "asn-country-ipv6.csv")) {
            Files.copy(FIXTURE.resolve(file), broken.resolve(file));
        }
        Files.writeString(broken.resolve("asn-ipv4.csv"), "192.0.2.0,not-an-ip,1,x\n");
        assertThat(Cli.runExactly("data", "update", "--from", broken.toString(), "--data-dir", data.toString()))
                .startsWith("1|")
                .contains("asn-ipv4.csv line 1", "not an IP address");
        assertThat(Files.exists(data.resolve("ip-location-db/asn-ipv4.csv"))).isFalse();
    }

    private static void pack(Path archive, String... files) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String file : files) {
                byte[] content = Files.readAllBytes(FIXTURE.resolve(file));
                TarArchiveEntry entry = new TarArchiveEntry("package/" + file);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
    }
}
