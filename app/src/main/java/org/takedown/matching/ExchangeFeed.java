package org.takedown.matching;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * The source side of the exchange: a list's changes after a cursor, and the feedback subscribers send about its
 * entries. The cursor ({@link ExchangeCursor}) is the last entry id and the last disable sequence number sent; both
 * only ever grow and become visible in order (every writer holds the entry lock), so nothing is skipped. Thread-safe.
 */
@Component
class ExchangeFeed {

    /** Most entries in one page. */
    static final int MAX_PAGE = 10_000;

    private final JdbcClient jdbc;
    private final BankStore store;
    private final Clock clock;
    private final AuditLog audit;

    ExchangeFeed(JdbcClient jdbc, BankStore store, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    ExchangePage changes(String bankName, @Nullable String cursor, int limit) {
        Bank bank = shared(bankName);
        ExchangeCursor after = cursor(cursor);
        int page = Math.clamp(limit, 1, MAX_PAGE);
        List<ExchangePage.Entry> entries = new ArrayList<>(jdbc.sql("""
                        SELECT id, type, value, label, disabled_at IS NOT NULL FROM hash_entry
                        WHERE bank_id = ? AND id > ? ORDER BY id LIMIT ?""")
                .params(bank.id(), after.entry(), page)
                .query((rs, n) -> new ExchangePage.Entry(
                        rs.getLong(1),
                        rs.getString(2),
                        HashType.parse(rs.getString(2)).format(rs.getBytes(3)),
                        rs.getString(4),
                        rs.getBoolean(5)))
                .list());
        long lastEntry = entries.isEmpty() ? after.entry() : entries.getLast().id();
        if (entries.size() == page) {
            return new ExchangePage(
                    bankName, entries, new ExchangeCursor(lastEntry, after.disabled()).toString(), true);
        }
        record Disabled(ExchangePage.Entry entry, long seq) {}
        List<Disabled> disabled = jdbc.sql("""
                        SELECT id, type, value, label, disabled_seq FROM hash_entry
                        WHERE bank_id = ? AND disabled_seq > ? AND id <= ? ORDER BY disabled_seq LIMIT ?""")
                .params(bank.id(), after.disabled(), lastEntry, page - entries.size())
                .query((rs, n) -> new Disabled(
                        new ExchangePage.Entry(
                                rs.getLong(1),
                                rs.getString(2),
                                HashType.parse(rs.getString(2)).format(rs.getBytes(3)),
                                rs.getString(4),
                                true),
                        rs.getLong(5)))
                .list();
        disabled.forEach(d -> entries.add(d.entry()));
        long lastDisabled =
                disabled.isEmpty() ? after.disabled() : disabled.getLast().seq();
        return new ExchangePage(
                bankName, entries, new ExchangeCursor(lastEntry, lastDisabled).toString(), entries.size() == page);
    }

    /** A list other instances may pull; any other (or none) is not found, so its name is not given away. */
    private Bank shared(String bankName) {
        return store.find(bankName)
                .filter(Bank::shared)
                .orElseThrow(() -> new NotFoundException("no shared hash list named '" + bankName + "'"));
    }

    private static ExchangeCursor cursor(@Nullable String cursor) {
        try {
            return ExchangeCursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** The verdicts a subscriber can give on an entry. */
    enum Verdict {
        CONFIRMED,
        FALSE_POSITIVE,
        SEEN
    }

    void feedback(String bankName, String type, String value, String verdict, @Nullable String note) {
        Bank bank = shared(bankName);
        Verdict v =
                org.takedown.shared.errors.Choices.of(Verdict.class, verdict, "verdict", "feedback needs a verdict");
        HashType parsed;
        byte[] bytes;
        try {
            parsed = HashType.parse(type);
            bytes = parsed.decode(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        Long entry = jdbc.sql(
                        "SELECT id FROM hash_entry WHERE bank_id = ? AND type = ? AND sha256(value) = sha256(?) AND value = ?")
                .params(bank.id(), parsed.id(), bytes, bytes)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        "no " + parsed.id() + " entry " + shorten(value.toLowerCase(Locale.ROOT)) + " in " + bankName));
        String from = Actors.current();
        jdbc.sql("INSERT INTO hash_feedback (entry_id, verdict, from_key, note, received_at) VALUES (?, ?, ?, ?, ?)")
                .params(entry, v.name(), from, note == null || note.isBlank() ? null : note.strip(), now())
                .update();
        audit.record("bank.feedback", "bank:" + bankName, Map.of("entry", entry, "verdict", v.name()));
    }

    /** The feedback on a list's entries, newest first. */
    List<Exchange.Feedback> feedback(String bankName, int limit) {
        return jdbc.sql("""
                        SELECT f.entry_id, e.type, e.value, f.verdict, f.from_key, f.note, f.received_at
                        FROM hash_feedback f JOIN hash_entry e ON e.id = f.entry_id JOIN hash_bank b ON b.id = e.bank_id
                        WHERE b.name = ? ORDER BY f.id DESC LIMIT ?""")
                .params(bankName, limit)
                .query((rs, n) -> new Exchange.Feedback(
                        rs.getLong(1),
                        rs.getString(2),
                        HashType.parse(rs.getString(2)).format(rs.getBytes(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
