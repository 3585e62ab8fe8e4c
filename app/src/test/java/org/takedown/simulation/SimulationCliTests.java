package org.takedown.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.support.Cli;

/**
 * {@code takedown simulate} as an operator runs it, on a small scenario: the whole chain on a fresh embedded database,
 * and what Takedown measured checked against what the simulator did.
 */
class SimulationCliTests {

    /** A check every 15 minutes, a retry after 5, one simulated minute per step. */
    static final Duration SLACK = Duration.ofMinutes(15 + 5 + 1);

    @TempDir
    Path out;

    static Map<String, CSVRecord> read(Path file) throws IOException {
        Map<String, CSVRecord> rows = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
                rows.put(row.get("url"), row);
            }
        }
        return rows;
    }

    @Test
    void everyRemovalIsMeasuredNoEarlierThanItHappenedAndWithinACheckInterval() throws IOException {
        String output = Cli.runExactly("simulate", "src/test/resources/scenarios/tiny.yaml", "--out", out.toString());
        assertThat(output).startsWith("0|").contains("Simulated tiny in").contains("Watch list (");
        // where the time went, per job and for the simulator's own planning, in one column
        assertThat(output)
                .containsPattern("\\n  checks +[1-9]\\d* items in +[1-9]\\d* runs, +\\d+\\.\\d s real")
                .containsPattern("\\n  \\(planning\\) +0 items in +[1-9]\\d* runs")
                .containsPattern("\\n  \\(planning, modules that ran\\) +0 items in +[1-9]\\d* runs");
        assertThat(Files.readAllLines(out.resolve("watch-list.csv")).getFirst())
                .isEqualTo("provider,urls,within_24h_share,breaches,longest_online_hours,months_in_a_row,flags");

        Map<String, CSVRecord> truth = read(out.resolve("truth.csv"));
        Map<String, CSVRecord> measured = read(out.resolve("measured.csv"));
        assertThat(truth).hasSizeGreaterThanOrEqualTo(24);
        int removed = 0;
        for (CSVRecord t : truth.values()) {
            CSVRecord m = measured.get(t.get("url"));
            if (t.get("country").equals("DE")) {
                assertThat(m)
                        .as("referred abroad, never notified: " + t.get("url"))
                        .isNull();
                continue;
            }
            assertThat(m).as("notified: " + t.get("url")).isNotNull();
            assertThat(m.get("notified_at")).isEqualTo(t.get("notified_at"));
            if (t.get("removed_at").isEmpty()) {
                assertThat(m.get("status")).as(t.get("url")).isIn("WATCHING", "MOVED", "EXPIRED");
                continue;
            }
            removed++;
            Instant truly = Instant.parse(t.get("removed_at"));
            assertThat(m.get("status")).as(t.get("url")).isEqualTo("REMOVED");
            Instant firstOffline = Instant.parse(m.get("first_offline_at"));
            assertThat(firstOffline).as(t.get("url")).isAfterOrEqualTo(truly).isBeforeOrEqualTo(truly.plus(SLACK));
            if (!m.get("last_online_at").isEmpty()) {
                assertThat(Instant.parse(m.get("last_online_at"))).isBefore(truly);
            }
        }
        assertThat(removed).as("removals in the run").isGreaterThanOrEqualTo(10);
        assertThat(measured.values().stream().map(r -> r.get("status")).toList())
                .as("content that moved abroad left its notice")
                .contains("MOVED");
        assertThat(truth.keySet().stream().filter(u -> u.contains("/media/")).count())
                .as("re-uploads appear as new URLs")
                .isGreaterThan(24);
    }

    @Test
    void aBadScenarioIsRefusedWithTheReason() throws IOException {
        Path bad = out.resolve("bad.yaml");
        Files.writeString(
                bad,
                "name: bad\nseed: 1\nstart: \"2026-01-01T00:00:00Z\"\nreporting-period: P1D\n"
                        + "duration: P1D\ncompanies:\n  - {name: X, country: NL, asn: 13335, range: 192.0.2.1-192.0.2.2,"
                        + " domains: 1, urls: 1, removal: {median: PT1H, spread: 1, never: 0, placeholder: 0, gone410: 0,"
                        + " moved-abroad: 0, reupload: 0, timeouts: 0, errors: 0}}\n");
        assertThat(Cli.runExactly("simulate", bad.toString(), "--out", out.toString()))
                .startsWith("1|")
                .contains("asn 13335 is not a private-use AS number");
        assertThat(Cli.runExactly("simulate", out.resolve("missing.yaml").toString(), "--out", out.toString()))
                .startsWith("1|")
                .contains("cannot read");
        assertThat(List.of(Files.list(out).toArray()))
                .noneMatch(p -> p.toString().endsWith("truth.csv"));
    }
}
