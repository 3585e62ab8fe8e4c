package org.takedown.attribution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The attributions of reported URLs: the latest check per URL, its history, and hosts still unresolved. */
@Service
public class UrlAttributions {

    /** One IP of one check of a URL. */
    public record Check(
            Instant checkedAt,
            String ip,
            @Nullable Long asn,
            @Nullable String asnOrg,
            @Nullable Long hostingCompanyId,
            @Nullable String matchedBy,
            @Nullable String hostedIn) {}

    /** A host that has not resolved yet. */
    public record Unresolved(int attempts, Instant nextAttemptAt, String lastError) {}

    private final JdbcClient jdbc;

    UrlAttributions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every check of a URL, newest first. */
    public List<Check> history(long urlId) {
        return jdbc.sql("""
                        SELECT checked_at, host(ip) AS ip, asn, asn_org, company_id, matched_by, hosted_in
                        FROM url_attribution WHERE url_id = ? ORDER BY checked_at DESC, id""")
                .param(urlId)
                .query((rs, n) -> new Check(
                        rs.getTimestamp("checked_at").toInstant(),
                        rs.getString("ip"),
                        (Long) rs.getObject("asn"),
                        rs.getString("asn_org"),
                        (Long) rs.getObject("company_id"),
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
