package org.takedown.matching;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.shared.audit.AuditLog;

/**
 * Writes the matches of lookups to the audit log in batches: one entry per caller every quarter second, listing
 * the matches (key, hash, list, entry) and their count. A lookup is not a decision, so it does not wait for the
 * audit log's serialised append; at most a quarter second of matches is lost if the process dies. Thread-safe.
 */
@Component
class MatchAuditor {

    /** Matches listed in one audit entry at most; the count is always complete. */
    static final int LISTED = 1000;

    /** Queued matches that make a lookup flush at once rather than wait (bounds memory). */
    static final int QUEUE_LIMIT = 50_000;

    private record Matched(String actor, Map<String, Object> match) {}

    private final ConcurrentLinkedQueue<Matched> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AuditLog audit;

    MatchAuditor(AuditLog audit) {
        this.audit = audit;
    }

    /** Queues one match of {@code actor}'s lookup. */
    public void matched(String actor, String type, String hash, String bank, long entryId, int distance) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("type", type);
        match.put("hash", hash);
        match.put("bank", bank);
        match.put("entryId", entryId);
        match.put("distance", distance);
        queue.add(new Matched(actor, match));
        if (queued.incrementAndGet() > QUEUE_LIMIT) {
            flush();
        }
    }

    /** Writes what is queued: one audit entry per caller. */
    @Scheduled(fixedDelayString = "250ms")
    @PreDestroy
    public synchronized void flush() {
        Map<String, List<Map<String, Object>>> byActor = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Matched m = queue.poll(); m != null; m = queue.poll()) {
            queued.decrementAndGet();
            counts.merge(m.actor(), 1, Integer::sum);
            List<Map<String, Object>> listed = byActor.computeIfAbsent(m.actor(), a -> new ArrayList<>());
            if (listed.size() < LISTED) {
                listed.add(m.match());
            }
        }
        for (Map.Entry<String, List<Map<String, Object>>> entry : byActor.entrySet()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("matchCount", counts.get(entry.getKey()));
            details.put("matches", entry.getValue());
            if (entry.getKey().equals(HashCheckWarmUp.ACTOR)) {
                // the server's own warm-up is no one's lookup, so it is not recorded; but its entry is rendered as a
                // caller's would be: the first real matches' audit otherwise threw away the compiled code of the
                // JSON writer that every response uses (about 40 deoptimisations in the first seconds of real load)
                audit.render(details);
            } else {
                audit.record(entry.getKey(), "hashcheck.matched", entry.getKey(), details);
            }
        }
    }
}
