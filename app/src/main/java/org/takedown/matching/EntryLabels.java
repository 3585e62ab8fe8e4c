package org.takedown.matching;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The labels of the indexed entries, held in memory up to a budget of bytes, so that the labels of a match need no
 * query: read from PostgreSQL, they took four hand-offs between threads and processes per matching request, and were
 * most of its tail at 1 000 requests a second. Entries past the budget are not held; their labels are read from the
 * database as before ({@link LabelReader}).
 *
 * <p>Kept by entry id (ids are given out in order, so they are dense): a slot of 4 bytes per id, in pages of 65 536
 * ids, says whether the entry has no label or where its label's UTF-8 bytes are, in pages of 1 MiB of label bytes. A
 * label seen before (among the first 65 536 distinct ones) is stored once, so category labels cost 4 bytes per entry;
 * labels that differ per entry cost their length and a byte or two more.
 *
 * <p>Entries never change their label, so an entry is added once and never updated. One writer (the index follower)
 * adds an entry before the index publishes it; readers read an entry only after finding it in the index, so they see
 * what was written for it (as for {@link Ordinals}). Thread-safe under that rule.
 */
@Component
class EntryLabels {

    private static final Logger log = LoggerFactory.getLogger(EntryLabels.class);

    private static final int ID_PAGE_BITS = 16;
    private static final int ID_PAGE = 1 << ID_PAGE_BITS;
    private static final int BYTE_PAGE_BITS = 20;
    private static final int BYTE_PAGE = 1 << BYTE_PAGE_BITS;
    /** A slot's value for an entry not held, for one held without a label, and the first offset of a label. */
    private static final int NOT_HELD = 0;

    private static final int NO_LABEL = 1;
    private static final int FIRST_OFFSET = 2;
    /** Labels longer than this in UTF-8 are not held (the importer keeps 500 characters at most). */
    static final int MAX_LABEL_BYTES = 16_383;
    /** Distinct labels remembered for sharing at most. */
    static final int MAX_SHARED = 65_536;

    private final long budget;
    private volatile int[] @Nullable [] slots = new int[16][];
    private volatile byte[] @Nullable [] bytes = new byte[16][];
    private int bytePages;
    private int bytePosition = BYTE_PAGE;
    private long used;
    private boolean full;
    private final Map<String, Integer> shared = new HashMap<>();

    @Autowired
    EntryLabels(MatchingProperties properties, MeterRegistry meters) {
        this(properties.labelMemory().toBytes());
        Gauge.builder("takedown.hashcheck.labels.memory.bytes", this, EntryLabels::bytesUsed)
                .description("memory taken by the labels of indexed entries")
                .baseUnit("bytes")
                .register(meters);
    }

    /** Labels held in at most {@code budget} bytes (0: none held, every label is read from the database). */
    EntryLabels(long budget) {
        this.budget = budget;
    }

    /** Bytes of memory the labels take (slots, label bytes and the tables of pages). */
    long bytesUsed() {
        return used;
    }

    /** Whether the budget was reached: labels of entries added since are read from the database. */
    boolean full() {
        return full;
    }

    /** Holds the label of a new entry (null: it has none), unless the budget is reached. Only one writer. */
    void add(long entryId, @Nullable String label) {
        if (full || entryId < 0) {
            return;
        }
        int[] page = slotPage(entryId);
        if (page == null) {
            return;
        }
        int slot = label == null ? NO_LABEL : store(label);
        if (slot != NOT_HELD) {
            page[(int) (entryId & (ID_PAGE - 1))] = slot;
        }
    }

    /**
     * Puts the labels held for {@code ids} into {@code into} (an entry without a label is left out) and returns the
     * ids not held, whose labels are read from the database; an empty set when every id was held.
     */
    Set<Long> read(Set<Long> ids, Map<Long, String> into) {
        Set<Long> notHeld = Set.of();
        int[][] slotPages = slots;
        byte[][] bytePages = bytes;
        for (Long id : ids) {
            long page = id >> ID_PAGE_BITS;
            int slot = id < 0 || page >= slotPages.length || slotPages[(int) page] == null
                    ? NOT_HELD
                    : slotPages[(int) page][(int) (id & (ID_PAGE - 1))];
            if (slot == NOT_HELD) {
                if (notHeld.isEmpty()) {
                    notHeld = new HashSet<>();
                }
                notHeld.add(id);
            } else if (slot != NO_LABEL) {
                into.put(id, decode(bytePages, slot - FIRST_OFFSET));
            }
        }
        return notHeld;
    }

    private static String decode(byte[][] pages, int offset) {
        byte[] page = pages[offset >>> BYTE_PAGE_BITS];
        int position = offset & (BYTE_PAGE - 1);
        int length = page[position] & 0x7f;
        if ((page[position] & 0x80) != 0) {
            length |= (page[++position] & 0xff) << 7;
        }
        return new String(page, position + 1, length, StandardCharsets.UTF_8);
    }

    /** The slot of a label, stored now or shared with an equal one stored before; NOT_HELD past the budget. */
    private int store(String label) {
        Integer known = shared.get(label);
        if (known != null) {
            return known;
        }
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_LABEL_BYTES) {
            return NOT_HELD;
        }
        int header = utf8.length < 0x80 ? 1 : 2;
        if (bytePosition + header + utf8.length > BYTE_PAGE) {
            if ((long) (bytePages + 1) << BYTE_PAGE_BITS > Integer.MAX_VALUE - FIRST_OFFSET
                    || !reserve(BYTE_PAGE + (bytePages >= bytes.length ? 8L * bytePages : 0))) {
                return NOT_HELD;
            }
            if (bytePages >= bytes.length) {
                bytes = Arrays.copyOf(bytes, bytePages * 2);
            }
            bytes[bytePages++] = new byte[BYTE_PAGE];
            bytePosition = 0;
        }
        byte[] page = bytes[bytePages - 1];
        int offset = ((bytePages - 1) << BYTE_PAGE_BITS) | bytePosition;
        if (header == 1) {
            page[bytePosition] = (byte) utf8.length;
        } else {
            page[bytePosition] = (byte) (0x80 | (utf8.length & 0x7f));
            page[bytePosition + 1] = (byte) (utf8.length >>> 7);
        }
        System.arraycopy(utf8, 0, page, bytePosition + header, utf8.length);
        bytePosition += header + utf8.length;
        int slot = offset + FIRST_OFFSET;
        if (shared.size() < MAX_SHARED) {
            shared.put(label, slot);
        }
        return slot;
    }

    /** The page of slots for an id, made when first needed; null past the budget. */
    private int @Nullable [] slotPage(long entryId) {
        long index = entryId >> ID_PAGE_BITS;
        int[][] pages = slots;
        if (index < pages.length && pages[(int) index] != null) {
            return pages[(int) index];
        }
        long table = index < pages.length ? 0 : 8L * (index + 1);
        if (index >= Integer.MAX_VALUE / 2 || !reserve(4L * ID_PAGE + table)) {
            return null;
        }
        if (index >= pages.length) {
            pages = Arrays.copyOf(pages, (int) Math.max(index + 1, 2L * pages.length));
        }
        int[] page = new int[ID_PAGE];
        pages[(int) index] = page;
        slots = pages;
        return page;
    }

    /** Counts {@code more} bytes against the budget; false (and full from now on) when they do not fit. */
    private boolean reserve(long more) {
        if (used + more > budget) {
            if (!full && budget > 0) {
                log.warn(
                        "The labels held in memory reached takedown.matching.label-memory ({} bytes): labels of"
                                + " entries added from now on are read from the database",
                        budget);
            }
            full = true;
            return false;
        }
        used += more;
        return true;
    }
}
