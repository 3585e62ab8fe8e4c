package org.takedown.triage;

import java.sql.Timestamp;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.UrlAttributed;
import org.takedown.attribution.UrlUnresolved;
import org.takedown.intake.UrlReported;
import org.takedown.probing.ContentLooked;

/**
 * Keeps the workbench's record of each reported URL from the events of the modules that find things out, each in
 * the transaction of its event: a new URL joins the queue ({@link UrlReported}), where it is hosted
 * ({@link UrlAttributed}) or why that is not known yet ({@link UrlUnresolved}), and what a first look at its content
 * found ({@link ContentLooked}) — when the matched hash list confirms its matches itself, the URL is assessed by that
 * rule. Nobody upstream writes here. Thread-safe.
 */
@Component
class CaseFacts {

    /** Longest text summary kept. */
    static final int MAX_SUMMARY = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Triage triage;

    CaseFacts(JdbcClient jdbc, Clock clock, Triage triage) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.triage = triage;
    }

    @EventListener
    void on(UrlReported reported) {
        // the authority's own reports are not the hotline's; a hotline report of the same URL opens the case then
        if (reported.channel() != org.takedown.intake.Channel.AUTHORITY) {
            jdbc.sql("""
                            INSERT INTO triage_case (url_id, first_reported_at)
                            SELECT url_id, first_reported_at FROM intake_reported_url WHERE url_id = ?
                            ON CONFLICT (url_id) DO NOTHING""").param(reported.urlId().value()).update();
        }
    }

    @EventListener
    void on(UrlAttributed attributed) {
        jdbc.sql("""
                        UPDATE triage_case SET hosting_company = ?, hosted_in = ?, hosting_ips = ?,
                            hosting_problem = NULL, attributed_at = ?
                        WHERE url_id = ?""")
                .params(
                        attributed.hostingCompany(),
                        attributed.hostedIn(),
                        String.join(", ", attributed.ips()),
                        now(),
                        attributed.urlId().value())
                .update();
    }

    /** Why a URL could not be attributed (yet); what was found before stays. */
    @EventListener
    void on(UrlUnresolved unresolved) {
        jdbc.sql("UPDATE triage_case SET hosting_problem = ? WHERE url_id = ?")
                .params(
                        "host did not resolve (" + unresolved.attempts() + " attempt(s)); next try "
                                + unresolved.nextAttemptAt(),
                        unresolved.urlId().value())
                .update();
    }

    @EventListener
    void on(ContentLooked looked) {
        String problem =
                looked.problem() == null ? null : looked.problem() + (looked.willRetry() ? " (will try again)" : "");
        jdbc.sql("""
                        UPDATE triage_case SET content_checked_at = ?, content_summary = ?, content_problem = ?,
                            proposed_assessment = ?, proposal = ?
                        WHERE url_id = ?""")
                .params(
                        now(),
                        looked.summary() == null ? null : clip(looked.summary()),
                        problem,
                        looked.proposal() == null ? null : Assessment.BASELINE.name(),
                        looked.proposal(),
                        looked.urlId().value())
                .update();
        if (looked.proposal() != null && looked.confirmingList() != null) {
            triage.assessByRule(
                    looked.urlId().value(),
                    Assessment.BASELINE,
                    looked.proposal(),
                    "rule:hash-list:" + looked.confirmingList());
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String clip(@Nullable String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_SUMMARY ? flat : flat.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
