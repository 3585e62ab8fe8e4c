package org.takedown.matching;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts lookups and matches per hash list in memory and adds them to the daily usage table every 10 seconds, so
 * that a busy lookup API does not write a row per request. Thread-safe.
 */
@Component
class UsageRecorder {

    private final Map<Long, LongAdder[]> counts = new ConcurrentHashMap<>();
    private final BankStore store;

    UsageRecorder(BankStore store) {
        this.store = store;
    }

    /** Notes {@code lookups} hashes checked against a list and {@code matches} found in it. */
    public void add(long bankId, long lookups, long matches) {
        LongAdder[] adders = counts.computeIfAbsent(bankId, id -> new LongAdder[] {new LongAdder(), new LongAdder()});
        adders[0].add(lookups);
        adders[1].add(matches);
    }

    /** Writes what was counted since the last flush. */
    @Scheduled(fixedDelayString = "${takedown.matching.usage-flush-interval:10s}")
    public void flush() {
        for (Map.Entry<Long, LongAdder[]> entry : counts.entrySet()) {
            long lookups = entry.getValue()[0].sumThenReset();
            long matches = entry.getValue()[1].sumThenReset();
            if (lookups > 0 || matches > 0) {
                store.addUsage(entry.getKey(), lookups, matches);
            }
        }
    }
}
