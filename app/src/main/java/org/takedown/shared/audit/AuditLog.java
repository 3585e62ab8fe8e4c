package org.takedown.shared.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log every decision goes into. Each entry carries the hash of the previous one, so that a
 * changed, removed or inserted row breaks the chain and {@link #verify()} names it.
 *
 * <p>Appends join the caller's transaction (the entry commits or rolls back with the decision it records) and are
 * serialised across instances with a PostgreSQL advisory lock held until commit. Thread-safe.
 */
@Service
public class AuditLog {

    /** Longest actor, action or subject kept; longer ones are cut (and say so). */
    public static final int MAX_NAME = 200;

    /** Longest text value kept in an entry's details. */
    public static final int MAX_TEXT = 2_000;

    /** Most list items or map fields kept at each level of an entry's details. */
    public static final int MAX_ITEMS = 100;

    /** Arbitrary constant naming the advisory lock that serialises appends. */
    private static final long APPEND_LOCK = 0x7a6b_6175_6469_7401L;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
        this.json = json;
    }

    /**
     * The details as {@link #record} writes them, recorded nowhere: for a warm-up, which must take the same code as the
     * real thing (the JIT compiles for what it has seen) and leave no entry.
     */
    public String render(Map<String, ?> details) {
        return json.writeValueAsString(capped(details));
    }

    /** Records an action by the current actor (the signed-in user, API key or command-line user). */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(String action, String subject, Map<String, ?> details) {
        return record(Actors.current(), action, subject, details);
    }

    /** Records an action by a named actor. */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(String rawActor, String rawAction, String rawSubject, Map<String, ?> details) {
        String actor = cut(rawActor, MAX_NAME);
        String action = cut(rawAction, MAX_NAME);
        String subject = cut(rawSubject, MAX_NAME);
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().singleRow();
        String normalised = jdbc.sql("SELECT CAST(? AS jsonb)::text")
                .param(render(details))
                .query(String.class)
                .single();
        Map<String, Object> last =
                jdbc.sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").query().listOfRows().stream()
                        .findFirst()
                        .orElse(Map.of("id", 0L, "hash", EntryHasher.GENESIS));
        long id = ((Number) last.get("id")).longValue() + 1;
        String prevHash = (String) last.get("hash");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = EntryHasher.hash(id, at, actor, action, subject, normalised, prevHash);
        jdbc.sql("""
                        INSERT INTO audit_log (id, occurred_at, actor, action, subject, details, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")
                .params(id, Timestamp.from(at), actor, action, subject, normalised, prevHash, hash)
                .update();
        return new AuditEntry(id, at, actor, action, subject, normalised, prevHash, hash);
    }

    /**
     * The details as they are kept: texts cut at {@link #MAX_TEXT}, lists and maps at {@link #MAX_ITEMS} (with the
     * number left out), so that no caller, and no text an outsider typed, can make one entry huge.
     */
    static Object capped(@Nullable Object value) {
        if (value instanceof CharSequence text) {
            return cut(text.toString(), MAX_TEXT);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new java.util.LinkedHashMap<>();
            int left = map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (kept.size() == MAX_ITEMS) {
                    kept.put("…", left + " more fields left out");
                    break;
                }
                kept.put(cut(String.valueOf(entry.getKey()), MAX_NAME), capped(entry.getValue()));
                left--;
            }
            return kept;
        }
        if (value instanceof java.util.Collection<?> list) {
            List<Object> kept = new java.util.ArrayList<>();
            for (Object item : list) {
                if (kept.size() == MAX_ITEMS) {
                    kept.add((list.size() - MAX_ITEMS) + " more items left out");
                    break;
                }
                kept.add(capped(item));
            }
            return kept;
        }
        return value;
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "… (" + (text.length() - end) + " more characters left out)";
    }

    /** Recomputes the whole chain, streaming, and reports the first entry that does not match. */
    @Transactional(readOnly = true)
    public AuditVerification verify() {
        Verifier verifier = new Verifier();
        jdbcTemplate.setFetchSize(1000);
        jdbcTemplate.query(
                "SELECT id, occurred_at, actor, action, subject, details::text AS details, prev_hash, hash"
                        + " FROM audit_log ORDER BY id",
                rs -> {
                    verifier.accept(map(rs));
                });
        return verifier.result();
    }

    /** True when some entry carries {@code hash}: checks a hash noted earlier (an anchor) is still in the log. */
    public boolean contains(String hash) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_log WHERE hash = ?)")
                .param(hash.toLowerCase(java.util.Locale.ROOT))
                .query(Boolean.class)
                .single();
    }

    /** The newest entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        return jdbc.sql(SELECT + " ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    /** Entries after {@code afterId} in log order, at most {@code limit}: for paging through the log. */
    public List<AuditEntry> after(long afterId, int limit) {
        return jdbc.sql(SELECT + " WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    /** Entries about {@code subject}, newest first. */
    public List<AuditEntry> about(String subject, int limit) {
        return jdbc.sql(SELECT + " WHERE subject = ? ORDER BY id DESC LIMIT ?")
                .params(subject, limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    private static final String SELECT =
            "SELECT id, occurred_at, actor, action, subject, details::text AS details, prev_hash, hash FROM audit_log";

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("subject"),
                rs.getString("details"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** Walks the chain entry by entry; stops judging at the first break. */
    private static final class Verifier implements Consumer<AuditEntry> {
        private long count;
        private long expectedId = 1;
        private String lastHash = EntryHasher.GENESIS;
        private @Nullable Long brokenId;
        private @Nullable String problem;

        @Override
        public void accept(AuditEntry entry) {
            if (brokenId != null) {
                return;
            }
            count++;
            if (entry.id() != expectedId) {
                fail(entry.id(), "entries " + expectedId + " to " + (entry.id() - 1) + " are missing");
            } else if (!entry.prevHash().equals(lastHash)) {
                fail(entry.id(), "it does not link to the previous entry (prev_hash differs)");
            } else if (!entry.hash()
                    .equals(EntryHasher.hash(
                            entry.id(),
                            entry.occurredAt(),
                            entry.actor(),
                            entry.action(),
                            entry.subject(),
                            entry.details(),
                            entry.prevHash()))) {
                fail(entry.id(), "its content does not match its hash (the entry was changed)");
            } else {
                lastHash = entry.hash();
                expectedId++;
            }
        }

        private void fail(long id, String why) {
            brokenId = id;
            problem = why;
            count--;
        }

        AuditVerification result() {
            return new AuditVerification(count, lastHash, brokenId, problem);
        }
    }
}
