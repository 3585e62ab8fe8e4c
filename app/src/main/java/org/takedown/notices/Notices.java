package org.takedown.notices;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notices to hosting companies: what the online checks report back about their URLs. Thread-safe.
 */
@Service
public class Notices {

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that a notified URL was removed (by the checks' rule), closing it in its open notices. */
    public void urlRemoved(long urlId, Instant removedAt, @Nullable Instant lastOnlineAt) {
        jdbc.sql("""
                        UPDATE notice_url SET removed_at = ?, last_online_at = ?
                        WHERE url_id = ? AND removed_at IS NULL AND closed_at IS NULL""")
                .params(Timestamp.from(removedAt), lastOnlineAt == null ? null : Timestamp.from(lastOnlineAt), urlId)
                .update();
    }
}
