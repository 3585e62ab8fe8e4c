package org.takedown.matching;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a hash list's changes for a subscriber: entries added after the cursor (with whether they are disabled
 * already), then entries disabled after it; {@code next} is the cursor to ask with next, {@code more} whether
 * another page waits.
 */
public record ExchangePage(String bank, List<Entry> entries, String next, boolean more) {

    /** An entry as it travels: its id at the source, type, hex value, label, and whether it is disabled. */
    public record Entry(
            long id, String type, String value, @Nullable String label, boolean disabled) {}
}
