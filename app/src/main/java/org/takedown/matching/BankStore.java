package org.takedown.matching;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * The hash list tables. Every change to entries first takes {@link #lockEntries()}, so that entry ids and disable
 * sequence numbers become visible in increasing order (see V4__matching_hash_lists.sql). Thread-safe.
 */
@Repository
class BankStore {

    /** Arbitrary constant naming the advisory lock of entry changes. */
    private static final long ENTRY_LOCK = 0x7a6b_6861_7368_6c01L;

    private final JdbcClient jdbc;
    private final Clock clock;

    BankStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Serialises entry changes until the transaction ends. */
    public void lockEntries() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ENTRY_LOCK).query().singleRow();
    }

    public List<Bank> list() {
        return jdbc.sql(SELECT_BANK + " ORDER BY name").query(BankStore::bank).list();
    }

    public Optional<Bank> find(String name) {
        return jdbc.sql(SELECT_BANK + " WHERE name = ?")
                .param(name)
                .query(BankStore::bank)
                .optional();
    }

    public Bank insert(String name, String source, String description, int threshold) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                            INSERT INTO hash_bank (name, source, description, pdq_threshold, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?)""").params(name, source, description, threshold, now, now).update();
        } catch (DuplicateKeyException e) {
            throw new InvalidRequestException("a hash list named '" + name + "' already exists");
        }
        return find(name).orElseThrow();
    }

    public void update(long id, String source, String description, int threshold, boolean enabled) {
        jdbc.sql("""
                        UPDATE hash_bank SET source = ?, description = ?, pdq_threshold = ?, enabled = ?, updated_at = ?
                        WHERE id = ?""")
                .params(source, description, threshold, enabled, Timestamp.from(clock.instant()), id)
                .update();
    }

    public void setVideoThresholds(long id, double queryPercent, double comparedPercent) {
        jdbc.sql("UPDATE hash_bank SET vpdq_query_percent = ?, vpdq_compared_percent = ?, updated_at = ? WHERE id = ?")
                .params(queryPercent, comparedPercent, Timestamp.from(clock.instant()), id)
                .update();
    }

    public void setAutoConfirm(long id, boolean autoConfirm) {
        jdbc.sql("UPDATE hash_bank SET auto_confirm = ?, updated_at = ? WHERE id = ?")
                .params(autoConfirm, Timestamp.from(clock.instant()), id)
                .update();
    }

    public void setShared(long id, boolean shared) {
        jdbc.sql("UPDATE hash_bank SET shared = ?, updated_at = ? WHERE id = ?")
                .params(shared, Timestamp.from(clock.instant()), id)
                .update();
    }

    /** Inserts an entry unless the list has it; returns true when it was new. Caller holds the entry lock. */
    public boolean insertEntry(
            long bankId, HashType type, byte[] value, @Nullable String label, @Nullable String provenance) {
        return jdbc.sql("""
                                INSERT INTO hash_entry (bank_id, type, value, label, provenance, added_at)
                                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bank_id, type, sha256(value)) DO NOTHING""")
                        .params(bankId, type.id(), value, label, provenance, Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }

    /** Disables an entry; returns false when it was already disabled. Caller holds the entry lock. */
    public boolean disableEntry(long entryId) {
        return jdbc.sql("""
                                UPDATE hash_entry SET disabled_at = ?, disabled_seq = nextval('hash_entry_disabled_seq')
                                WHERE id = ? AND disabled_at IS NULL""").params(Timestamp.from(clock.instant()), entryId).update() == 1;
    }

    public Optional<BankEntry> entry(long id) {
        return jdbc.sql(SELECT_ENTRY + " WHERE e.id = ?")
                .param(id)
                .query(BankStore::entry)
                .optional();
    }

    /** Entries with this hash value, of any list. */
    public List<BankEntry> search(HashType type, byte[] value) {
        return jdbc.sql(SELECT_ENTRY
                        + " WHERE e.type = ? AND sha256(e.value) = sha256(?) AND e.value = ? ORDER BY e.id")
                .params(type.id(), value, value)
                .query(BankStore::entry)
                .list();
    }

    /** Labels of entries, by id, for the matches of a lookup. */
    public java.util.Map<Long, String> labels(java.util.Collection<Long> ids) {
        java.util.Map<Long, String> labels = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return labels;
        }
        jdbc.sql("SELECT id, label FROM hash_entry WHERE id = ANY(?)")
                .param(ids.toArray(Long[]::new))
                .query(rs -> {
                    labels.put(rs.getLong("id"), rs.getString("label"));
                });
        return labels;
    }

    /** Adds lookups and matches to a list's usage of today. */
    public void addUsage(long bankId, long lookups, long matches) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO hash_bank_usage (bank_id, day, lookups, matches) VALUES (?, ?, ?, ?)
                        ON CONFLICT (bank_id, day) DO UPDATE
                        SET lookups = hash_bank_usage.lookups + EXCLUDED.lookups,
                            matches = hash_bank_usage.matches + EXCLUDED.matches""").params(bankId, today, lookups, matches).update();
    }

    public List<BankStatistics> statistics() {
        LocalDate since = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(29);
        return jdbc.sql("""
                        SELECT b.name,
                               (SELECT count(*) FROM hash_entry e WHERE e.bank_id = b.id AND e.disabled_at IS NULL),
                               (SELECT count(*) FROM hash_entry e WHERE e.bank_id = b.id AND e.disabled_at IS NOT NULL),
                               COALESCE((SELECT sum(lookups) FROM hash_bank_usage u WHERE u.bank_id = b.id AND day >= ?), 0),
                               COALESCE((SELECT sum(matches) FROM hash_bank_usage u WHERE u.bank_id = b.id AND day >= ?), 0)
                        FROM hash_bank b ORDER BY b.name""")
                .params(since, since)
                .query((rs, n) ->
                        new BankStatistics(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    private static final String SELECT_BANK =
            "SELECT id, name, source, description, enabled, pdq_threshold, auto_confirm, shared, vpdq_query_percent,"
                    + " vpdq_compared_percent, created_at, updated_at FROM hash_bank";

    private static final String SELECT_ENTRY = "SELECT e.id, b.name, e.type, e.value, e.label, e.provenance,"
            + " e.added_at, e.disabled_at FROM hash_entry e JOIN hash_bank b ON b.id = e.bank_id";

    private static Bank bank(ResultSet rs, int row) throws SQLException {
        return new Bank(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("source"),
                rs.getString("description"),
                rs.getBoolean("enabled"),
                rs.getInt("pdq_threshold"),
                rs.getBoolean("auto_confirm"),
                rs.getBoolean("shared"),
                rs.getDouble("vpdq_query_percent"),
                rs.getDouble("vpdq_compared_percent"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static BankEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp disabled = rs.getTimestamp("disabled_at");
        Instant disabledAt = disabled == null ? null : disabled.toInstant();
        return new BankEntry(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("type"),
                HashType.parse(rs.getString("type")).format(rs.getBytes("value")),
                rs.getString("label"),
                rs.getString("provenance"),
                rs.getTimestamp("added_at").toInstant(),
                disabledAt);
    }
}
