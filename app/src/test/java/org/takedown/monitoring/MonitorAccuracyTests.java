package org.takedown.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.support.Cli;

/**
 * The monitor's report of a simulated period against the simulator's ground truth: every share within one percentage
 * point, the median removal time within one check interval, the top 5 in the same order, per company too. The
 * scenario has a company that replaces content with placeholder pages and one whose content moves abroad.
 */
class MonitorAccuracyTests {

    static final double POINT = 0.01;
    static final double CHECK_INTERVAL_HOURS = 0.25;

    @TempDir
    Path out;

    /** What the simulator did to one notified URL. */
    record Truth(String company, double hours) {
        boolean removed() {
            return !Double.isNaN(hours);
        }
    }

    @Test
    void theReportMatchesWhatTheSimulatorDid() throws IOException {
        String output = Cli.runExactly(
                "simulate", "src/test/resources/scenarios/monitor-accuracy.yaml", "--out", out.toString());
        assertThat(output).startsWith("0|").contains("report.json");

        List<Truth> truth = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(out.resolve("truth.csv"))) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
                if (row.get("notified_at").isEmpty()) {
                    continue; // hosted abroad: referred, never notified
                }
                Instant notified = Instant.parse(row.get("notified_at"));
                double hours = row.get("removed_at").isEmpty()
                        ? Double.NaN
                        : Duration.between(notified, Instant.parse(row.get("removed_at")))
                                        .toSeconds()
                                / 3600.0;
                truth.add(new Truth(row.get("hosting_company"), hours));
            }
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        int n = truth.size();
        assertThat(n).as("URLs notified in the run").isGreaterThan(350);
        assertThat(report.at("/counts/urlsNotified").asLong()).isEqualTo(n);

        // removal buckets
        assertThat(report.at("/removal/within24h/share").asDouble())
                .isCloseTo(share(truth, t -> t.removed() && t.hours() < 24), within(POINT));
        assertThat(report.at("/removal/between24And48h/share").asDouble())
                .isCloseTo(share(truth, t -> t.removed() && t.hours() >= 24 && t.hours() < 48), within(POINT));
        assertThat(report.at("/removal/over48h/share").asDouble())
                .isCloseTo(share(truth, t -> t.removed() && t.hours() >= 48), within(POINT));
        assertThat(report.at("/removal/stillOnline/share").asDouble())
                .isCloseTo(share(truth, t -> !t.removed()), within(POINT));
        assertThat(report.at("/medianRemovalHours").asDouble()).isCloseTo(median(truth), within(CHECK_INTERVAL_HOURS));

        // concentration: the same top 5 in the same order, the same top-4 share
        Map<String, List<Truth>> perCompany = new HashMap<>();
        truth.forEach(t ->
                perCompany.computeIfAbsent(t.company(), c -> new ArrayList<>()).add(t));
        List<String> ranking = perCompany.entrySet().stream()
                .sorted(Comparator.comparing(
                        (Map.Entry<String, List<Truth>> e) -> -e.getValue().size()))
                .map(Map.Entry::getKey)
                .toList();
        List<String> top5 = new ArrayList<>();
        report.get("top5").forEach(s -> top5.add(s.get("company").asText()));
        assertThat(top5).containsExactlyElementsOf(ranking.subList(0, 5));
        double top4 = ranking.subList(0, 4).stream()
                        .mapToInt(c -> perCompany.get(c).size())
                        .sum()
                / (double) n;
        assertThat(report.get("top4Share").asDouble()).isCloseTo(top4, within(POINT));

        // per company: URLs exactly, compliance with the 24-hour norm within a point, median within an interval
        for (JsonNode company : report.get("companies")) {
            List<Truth> own = perCompany.get(company.get("name").asText());
            assertThat(own).as(company.get("name").asText()).isNotNull();
            assertThat(company.get("urls").asLong()).isEqualTo(own.size());
            assertThat(company.get("country").asText()).isEqualTo("NL");
            assertThat(company.get("within24hShare").asDouble())
                    .as(company.get("name").asText())
                    .isCloseTo(share(own, t -> t.removed() && t.hours() < 24), within(POINT));
            if (own.stream().anyMatch(Truth::removed)) {
                assertThat(company.get("medianRemovalHours").asDouble())
                        .as(company.get("name").asText())
                        .isCloseTo(median(own), within(CHECK_INTERVAL_HOURS));
            }
        }

        // content that moved abroad after the notice is counted, and still online where it went
        long moved = 0;
        try (Reader in = Files.newBufferedReader(out.resolve("measured.csv"))) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
                moved += row.get("status").equals("MOVED") ? 1 : 0;
            }
        }
        assertThat(moved).isPositive();
        assertThat(report.at("/counts/movedAbroadAfterNotice").asLong()).isEqualTo(moved);
        assertThat(report.at("/counts/illegalAbroad").asLong())
                .as("the company abroad")
                .isGreaterThanOrEqualTo(10);
        assertThat(report.at("/resolutionMinutes").asLong()).isEqualTo(15);
        assertThat(report.get("monthly")).hasSize(1);
        assertThat(report.at("/monthly/0/urls").asLong()).isEqualTo(n);
    }

    static double share(List<Truth> truth, java.util.function.Predicate<Truth> which) {
        return truth.stream().filter(which).count() / (double) truth.size();
    }

    /** The median as PostgreSQL's percentile_cont computes it (interpolated). */
    static double median(List<Truth> truth) {
        double[] hours = truth.stream()
                .filter(Truth::removed)
                .mapToDouble(Truth::hours)
                .sorted()
                .toArray();
        double position = (hours.length - 1) * 0.5;
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return hours[low] + (hours[high] - hours[low]) * (position - low);
    }
}
