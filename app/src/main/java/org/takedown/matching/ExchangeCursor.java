package org.takedown.matching;

import org.jspecify.annotations.Nullable;

/**
 * Where a subscriber stands in a list's changes: the last entry id and the last disable sequence number it received,
 * written {@code ENTRY-DISABLE} on the wire. Both only grow, so a cursor is all a sync needs to resume.
 */
record ExchangeCursor(long entry, long disabled) {

    /** The start of a list. */
    static final ExchangeCursor START = new ExchangeCursor(0, 0);

    /**
     * Reads {@code ENTRY-DISABLE}; null or blank is the start.
     *
     * @throws IllegalArgumentException naming the format
     */
    static ExchangeCursor parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        String[] parts = text.strip().split("-");
        try {
            if (parts.length == 2) {
                return new ExchangeCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("a cursor is ENTRY-DISABLE as the last page gave it, not '" + text + "'");
    }

    @Override
    public String toString() {
        return entry + "-" + disabled;
    }
}
