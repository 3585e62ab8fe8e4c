package org.takedown.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.takedown.shared.errors.NotFoundException;

/**
 * Facts about a reported URL that later modules find out and the triage workbench shows next to it: where it is
 * hosted (from attribution) and what a first look at its content found (from the online checks). The modules
 * downstream call this facade, so the workbench shows them without depending on those modules. Thread-safe.
 */
@Service
public class CaseFacts {

    /** Longest text summary kept. */
    public static final int MAX_SUMMARY = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Clock clock;

    CaseFacts(JdbcClient jdbc, JdbcTemplate batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    /**
     * Where a URL is hosted now.
     *
     * @param company the hosting company (or the network's organisation), or null when unknown
     * @param country the hosting country, or null when unknown
     */
    public record Hosting(
            long urlId, @Nullable String company, @Nullable String country, List<String> ips) {}

    /** Records where URLs are hosted now, in one batch. */
    public void recordHosting(List<Hosting> hostings) {
        Timestamp now = Timestamp.from(clock.instant());
        batches.batchUpdate(
                "UPDATE reported_url SET hosting_company = ?, hosted_in = ?, hosting_ips = ?, hosting_problem = NULL,"
                        + " attributed_at = ? WHERE id = ?",
                hostings.stream()
                        .map(h -> new Object[] {h.company(), h.country(), String.join(", ", h.ips()), now, h.urlId()})
                        .toList());
    }

    /** Records why a URL could not be attributed (yet); what was found before stays. */
    public void recordHostingProblem(long urlId, String problem) {
        update("UPDATE reported_url SET hosting_problem = ? WHERE id = ?", urlId, problem);
    }

    /**
     * Records a first look at a URL's content.
     *
     * @param summary a short text summary (a page's title and text), never markup, or null
     * @param problem why the content could not be looked at, or null
     * @param proposal the hash-list match that proposes {@code BASELINE}, or null when nothing matched
     */
    public void recordContent(
            long urlId, @Nullable String summary, @Nullable String problem, @Nullable String proposal) {
        update(
                "UPDATE reported_url SET content_checked_at = ?, content_summary = ?, content_problem = ?,"
                        + " proposed_assessment = ?, proposal = ? WHERE id = ?",
                urlId,
                Timestamp.from(clock.instant()),
                summary == null ? null : clip(summary),
                problem,
                proposal == null ? null : Assessment.BASELINE.name(),
                proposal);
    }

    private void update(String sql, long urlId, @Nullable Object... values) {
        Object[] params = java.util.Arrays.copyOf(values, values.length + 1);
        params[values.length] = urlId;
        if (jdbc.sql(sql).params(params).update() == 0) {
            throw new NotFoundException("no reported URL " + urlId);
        }
    }

    private static String clip(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_SUMMARY ? flat : flat.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
