package org.takedown.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.takedown.shared.audit.AuditLog;
import org.takedown.support.Cli;
import org.takedown.support.IntegrationTest;
import org.takedown.support.TestDatabase;

/** {@code takedown import reports FILE} as the hotline runs it. */
@IntegrationTest
class ReportImportsIntegrationTests {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @TempDir
    Path dir;

    @Test
    void importsGoodLinesAndNamesTheBadOnes() throws IOException {
        String u = UUID.randomUUID().toString().substring(0, 8);
        Path csv = Files.writeString(
                dir.resolve("reports.csv"),
                String.join(
                        "\n",
                        "url,source,reference,received_at,note",
                        "http://csv-" + u + ".example/1.jpg,police,PV-1,2026-11-01T10:00:00Z,first",
                        "http://csv-" + u + ".example/2.jpg,police,PV-1,2026-11-01T10:00:00Z,first",
                        "ftp://csv-" + u + ".example/3.jpg,police,PV-1,,",
                        "http://csv-" + u + ".example/4.jpg,the-press,,,",
                        "http://csv-" + u + ".example/5.jpg,police,PV-2,yesterday,",
                        "just-one-field",
                        "HTTP://CSV-" + u + ".EXAMPLE/1.jpg,trusted-flagger,TF-9,,\"note, with comma\"",
                        ""));
        String output = Cli.run(TestDatabase.Info.of(environment), "import", "reports", csv.toString());
        assertThat(output)
                .startsWith("1|")
                .contains("Imported 7 lines into 2 reports: 2 new URLs, 1 joined open cases, 4 bad lines.")
                .contains("line 4: only http and https URLs can be taken down, not ftp:")
                .contains("line 5: unknown source 'the-press'")
                .contains("line 6: received_at 'yesterday' is not a time")
                .contains("line 7: expected url,source,reference,received_at,note but found 1 field(s)");
        assertThat(jdbc.sql("SELECT count(*) FROM reported_url WHERE host = ?")
                        .param("csv-" + u + ".example")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE reference = 'PV-1' AND channel = 'bulk'"
                                + " AND received_at = '2026-11-01T10:00:00Z'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
        assertThat(audit.latest(5)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("reports.imported");
            assertThat(entry.actor()).startsWith("cli:");
            assertThat(entry.details()).contains("\"badLines\": 4");
        });
    }

    @Test
    void importsJsonLinesAndRefusesOtherEncodings() throws IOException {
        String u = UUID.randomUUID().toString().substring(0, 8);
        Path jsonl = Files.writeString(
                dir.resolve("reports.jsonl"),
                "{\"url\":\"http://json-" + u + ".example/a\",\"source\":\"foreign-hotline\",\"note\":\"<b>x</b>\"}\n"
                        + "{broken\n");
        assertThat(Cli.run(TestDatabase.Info.of(environment), "import", "reports", jsonl.toString()))
                .contains("Imported 2 lines into 1 reports: 1 new URLs, 0 joined open cases, 1 bad lines.")
                .contains("line 2: not valid JSON");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(
                latin1, ("http://latin-" + u + ".example/caf\u00e9,police\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Cli.run(TestDatabase.Info.of(environment), "import", "reports", latin1.toString()))
                .startsWith("1|")
                .contains("not UTF-8");
        assertThat(Cli.run(
                        TestDatabase.Info.of(environment),
                        "import",
                        "reports",
                        dir.resolve("none.csv").toString()))
                .startsWith("1|")
                .contains("no such file");
    }
}
