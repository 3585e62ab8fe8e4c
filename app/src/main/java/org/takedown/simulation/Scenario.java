package org.takedown.simulation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulation scenario (YAML, kebab-case keys; see {@code scenarios/}): fictional hosting companies with their
 * documentation address ranges and removal behaviour, when reports arrive, and the seed that makes a run repeatable.
 *
 * @param start simulated time at which the run begins
 * @param reportingPeriod reports arrive spread evenly at random over this period
 * @param duration how long the run lasts (checks go on after the last report until then)
 */
public record Scenario(
        String name, long seed, Instant start, Duration reportingPeriod, Duration duration, List<Company> companies) {

    /**
     * A fictional hosting company.
     *
     * @param asn a private-use AS number (64512-65534)
     * @param range its addresses, {@code first-last} within the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
     *     203.0.113.0/24)
     * @param domains how many domains it hosts
     * @param urls how many reported URLs it hosts
     */
    public record Company(
            String name, String country, long asn, String range, int domains, int urls, Removal removal) {}

    /**
     * How a company removes content after a notice: a log-normal delay (median, and the spread as the standard
     * deviation of its logarithm), and the shares that behave otherwise.
     *
     * @param never share never removed
     * @param placeholder share "removed" by a placeholder page (HTTP 200 with other content)
     * @param gone410 share of removals answering 410 instead of 404
     * @param movedAbroad share moved to a company abroad instead of removed
     * @param reupload share re-uploaded at a new URL after removal (reported again)
     * @param timeouts share of requests that time out (flakiness)
     * @param errors share of requests answered 503 (flakiness)
     */
    public record Removal(
            Duration median,
            double spread,
            double never,
            double placeholder,
            double gone410,
            double movedAbroad,
            double reupload,
            double timeouts,
            double errors) {}

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads a scenario file.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Scenario load(Path file) {
        Object tree;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not YAML: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": expected a mapping at the top");
        }
        Scenario scenario;
        try {
            scenario = MAPPER.convertValue(tree, Scenario.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return scenario.validated(file.toString());
    }

    private Scenario validated(String where) {
        if (companies == null || companies.isEmpty()) {
            throw new IllegalArgumentException(where + ": no companies");
        }
        for (Company c : companies) {
            if (c.asn() < 64512 || c.asn() > 65534) {
                throw new IllegalArgumentException(
                        where + ": " + c.name() + ": asn " + c.asn() + " is not a private-use AS number (64512-65534)");
            }
            if (c.domains() < 1 || c.urls() < 0) {
                throw new IllegalArgumentException(where + ": " + c.name() + ": needs at least one domain");
            }
        }
        return this;
    }

    /** The first company abroad, where content that moves abroad goes; null when every company is Dutch. */
    public @Nullable Company abroad() {
        return companies.stream()
                .filter(c -> !c.country().equals("NL"))
                .findFirst()
                .orElse(null);
    }
}
