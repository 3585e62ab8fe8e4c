package org.takedown.attribution;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.errors.NotFoundException;

/**
 * The attributions of reported URLs: the history of checks per URL, hosts still unresolved, and checking again.
 * Thread-safe.
 */
@Service
public class UrlAttributions {

    /** One IP of one check of a URL. */
    public record Check(
            Instant checkedAt,
            String ip,
            @Nullable String range,
            @Nullable Long asn,
            @Nullable String asnOrg,
            @Nullable Long hostingCompanyId,
            @Nullable String hostingCompany,
            @Nullable String matchedBy,
            @Nullable String hostedIn) {}

    /** A host that has not resolved yet. */
    public record Unresolved(int attempts, Instant nextAttemptAt, String lastError) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    UrlAttributions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Attributes a URL again as soon as the worker comes by (within seconds): a hosting company or country that
     * changed shows in its history and routes the URL again.
     *
     * @throws NotFoundException when the URL was never queued for attribution
     */
    @Transactional
    public void checkAgain(long urlId) {
        String host = jdbc.sql("""
                        SELECT host FROM url_attribution WHERE url_id = ?
                        UNION ALL SELECT host FROM url_attribution_pending WHERE url_id = ? LIMIT 1""")
                .params(urlId, urlId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("URL " + urlId + " is not known to attribution"));
        jdbc.sql("""
                        INSERT INTO url_attribution_pending (url_id, host, attempts, next_attempt_at, last_error)
                        VALUES (?, ?, 0, ?, '')
                        ON CONFLICT (url_id) DO UPDATE SET next_attempt_at = EXCLUDED.next_attempt_at""").params(urlId, host, Timestamp.from(clock.instant())).update();
    }

    /** Every check of a URL, newest first. */
    public List<Check> history(long urlId) {
        return jdbc.sql("""
                        SELECT checked_at, host(ip) AS ip, ip_range, asn, asn_org, company_id, matched_by, hosted_in
                                                       , (SELECT c.name FROM hosting_company c WHERE c.id = a.company_id) AS company
                        FROM url_attribution a WHERE url_id = ? ORDER BY checked_at DESC, id""")
                .param(urlId)
                .query((rs, n) -> new Check(
                        rs.getTimestamp("checked_at").toInstant(),
                        rs.getString("ip"),
                        rs.getString("ip_range"),
                        (Long) rs.getObject("asn"),
                        rs.getString("asn_org"),
                        (Long) rs.getObject("company_id"),
                        rs.getString("company"),
                        rs.getString("matched_by"),
                        rs.getString("hosted_in")))
                .list();
    }

    /** Whether the URL's host failed to resolve and waits for another try, and how it went so far. */
    public Optional<Unresolved> unresolved(long urlId) {
        return jdbc.sql("SELECT attempts, next_attempt_at, last_error FROM url_attribution_pending"
                        + " WHERE url_id = ? AND attempts > 0")
                .param(urlId)
                .query((rs, n) ->
                        new Unresolved(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .optional();
    }
}
