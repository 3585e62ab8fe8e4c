package org.takedown.matching;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link HashIndexes} equal to the hash list tables: at start it loads every entry (PDQ hashes in one bulk
 * build), then every quarter second it applies what changed since, in order: new entries by id, disabled entries by
 * their disable sequence number, and the lists' settings. Works the same with one instance or several. Only servers
 * keep indexes; command-line runs do not.
 */
@Component
@ConditionalOnWebApplication
class IndexFollower {

    private static final Logger log = LoggerFactory.getLogger(IndexFollower.class);
    private static final int PAGE = 50_000;

    private final JdbcTemplate jdbc;
    private final HashIndexes indexes;
    private final EntryLabels labels;
    private long lastEntryId;
    private long lastDisabledSeq;
    /** Entries were added one by one since the last merge of the PDQ index's recent additions. */
    private boolean additionsToMerge;

    IndexFollower(JdbcTemplate jdbc, HashIndexes indexes, EntryLabels labels) {
        this.jdbc = jdbc;
        this.indexes = indexes;
        this.labels = labels;
    }

    @Scheduled(fixedDelayString = "${takedown.matching.follow-interval:250ms}")
    synchronized void follow() {
        boolean initial = !indexes.loaded();
        long started = System.nanoTime();
        log.trace("following hash list changes after entry {} and disable {}", lastEntryId, lastDisabledSeq);
        indexes.setBanks(jdbc.query(
                "SELECT id, name, enabled, pdq_threshold, vpdq_query_percent, vpdq_compared_percent FROM hash_bank",
                (rs, n) -> new HashIndexes.BankState(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getInt(4),
                        rs.getDouble(5),
                        rs.getDouble(6))));
        PdqBatch batch = initial ? new PdqBatch(livePdqEntries()) : null;
        int read;
        int added = 0;
        do {
            read = readNewEntries(batch);
            added += read;
        } while (read == PAGE);
        mergeWhenAdditionsPause(initial, added);
        if (batch != null && batch.count > 0) {
            indexes.addPdq(batch.entryIds, batch.bankIds, batch.words, batch.count);
        }
        jdbc.query(
                "SELECT id, type, value, disabled_seq FROM hash_entry WHERE disabled_seq > ? ORDER BY disabled_seq",
                rs -> {
                    indexes.disable(rs.getLong(1), HashType.parse(rs.getString(2)), rs.getBytes(3));
                    lastDisabledSeq = rs.getLong(4);
                },
                lastDisabledSeq);
        if (initial) {
            long loaded = (System.nanoTime() - started) / 1_000_000;
            long warmUp = indexes.warmUpBatches();
            indexes.markLoaded();
            logLoaded(loaded, warmUp);
        }
    }

    /**
     * Once entries stop arriving (a follow finds none after some did), merges the PDQ index's recent additions: an
     * import of half a million PDQ entries left five segments and a tail, and each costs every look-up its probes.
     */
    private void mergeWhenAdditionsPause(boolean initial, int added) {
        if (added > 0) {
            additionsToMerge = !initial;
            return;
        }
        if (additionsToMerge) {
            additionsToMerge = false;
            long started = System.nanoTime();
            int parts = indexes.mergeRecent();
            if (parts > 0) {
                log.info(
                        "Merged {} recent parts of the PDQ index into one in {} ms",
                        parts,
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** Says what the start-up load took and holds, and warns when a large index is not on huge pages. */
    private void logLoaded(long loaded, long warmUp) {
        String hugePages = HugePages.state();
        log.info(
                "Hash lists loaded: {} PDQ, {} vPDQ, {} MD5, {} SHA-1, {} SHA-256 entries in {} ms;"
                        + " batched search warmed up in {} ms; labels held in memory: {} MB;"
                        + " transparent huge pages {}",
                indexes.size(HashType.PDQ),
                indexes.size(HashType.VPDQ),
                indexes.size(HashType.MD5),
                indexes.size(HashType.SHA1),
                indexes.size(HashType.SHA256),
                loaded,
                warmUp,
                labels.bytesUsed() >> 20,
                hugePages);
        if (!HugePages.on(hugePages) && indexes.size(HashType.PDQ) >= 1_000_000) {
            log.warn("The index is not on transparent huge pages: its look-ups will wait longer for memory");
        }
    }

    /**
     * The number of live PDQ entries, so that the start-up load sizes its arrays once: at 100 M entries, growing them
     * by doubling would need gigabytes more than the index itself.
     */
    private int livePdqEntries() {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM hash_entry WHERE type = 'pdq' AND disabled_at IS NULL", Long.class);
        return (int) Math.min(count == null ? 0 : count, Integer.MAX_VALUE / 4);
    }

    /** Applies one page of new entries (PDQ ones into {@code batch} when given); returns how many rows it read. */
    private int readNewEntries(PdqBatch batch) {
        int[] read = {0};
        jdbc.query(
                "SELECT id, bank_id, type, value, disabled_at IS NOT NULL, label FROM hash_entry WHERE id > ?"
                        + " ORDER BY id"
                        + " LIMIT " + PAGE,
                rs -> {
                    read[0]++;
                    long id = rs.getLong(1);
                    lastEntryId = id;
                    if (rs.getBoolean(5)) {
                        return;
                    }
                    HashType type = HashType.parse(rs.getString(3));
                    // before the index has the entry: a search that finds it finds its label too
                    labels.add(id, rs.getString(6));
                    if (batch != null && type == HashType.PDQ) {
                        batch.add(id, rs.getLong(2), rs.getBytes(4));
                    } else {
                        indexes.add(id, rs.getLong(2), type, rs.getBytes(4));
                    }
                },
                lastEntryId);
        return read[0];
    }

    /** PDQ entries gathered for one bulk build. */
    private static final class PdqBatch {
        long[] entryIds;
        long[] bankIds;
        long[] words;
        int count;

        /** A batch for {@code expected} entries; it grows if more arrive while loading. */
        PdqBatch(int expected) {
            int capacity = Math.max(1024, expected);
            entryIds = new long[capacity];
            bankIds = new long[capacity];
            words = new long[4 * capacity];
        }

        void add(long entryId, long bankId, byte[] value) {
            if (count == entryIds.length) {
                int capacity = count + Math.max(1024, count >> 2);
                entryIds = Arrays.copyOf(entryIds, capacity);
                bankIds = Arrays.copyOf(bankIds, capacity);
                words = Arrays.copyOf(words, 4 * capacity);
            }
            entryIds[count] = entryId;
            bankIds[count] = bankId;
            System.arraycopy(HashIndexes.words(value), 0, words, 4 * count, 4);
            count++;
        }
    }
}
