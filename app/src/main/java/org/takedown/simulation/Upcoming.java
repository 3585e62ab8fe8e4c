package org.takedown.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * What the simulated world still has in store, so a step does not walk every URL: the URLs not reported yet, soonest
 * first, and the removed content still to come back at a new URL (two hours after its removal). URLs that appear in
 * the world later (re-uploads) are taken in at every look. Not thread-safe: the simulator's one thread uses it.
 */
final class Upcoming {

    /** How long removed content takes to come back at a new URL. */
    static final Duration REUPLOAD_AFTER = Duration.ofHours(2);

    private final World world;
    private final PriorityQueue<World.SimUrl> unreported =
            new PriorityQueue<>(Comparator.comparing(World.SimUrl::reportAt));
    private final List<World.SimUrl> toReupload = new ArrayList<>();
    private int learned;

    Upcoming(World world) {
        this.world = world;
    }

    /** Takes in the URLs that appeared in the world since the last look. */
    private void learn() {
        List<World.SimUrl> added = world.urlsAfter(learned);
        learned += added.size();
        for (World.SimUrl url : added) {
            unreported.add(url);
            if (url.reupload()) {
                toReupload.add(url);
            }
        }
    }

    /** The URLs whose report time has come by {@code now}, taken off the queue (each once). */
    List<World.SimUrl> reportsDue(Instant now) {
        learn();
        List<World.SimUrl> due = new ArrayList<>();
        while (!unreported.isEmpty() && !unreported.peek().reportAt().isAfter(now)) {
            due.add(unreported.poll());
        }
        return due;
    }

    /** The removed URLs whose content comes back by {@code now} (each once). */
    List<World.SimUrl> reuploadsDue(Instant now) {
        learn();
        List<World.SimUrl> due = new ArrayList<>();
        for (Iterator<World.SimUrl> it = toReupload.iterator(); it.hasNext(); ) {
            World.SimUrl url = it.next();
            Instant removed = url.removedAt();
            if (url.reuploaded()) {
                it.remove();
            } else if (url.fate() == World.Fate.REMOVED
                    && removed != null
                    && !removed.plus(REUPLOAD_AFTER).isAfter(now)) {
                due.add(url);
                it.remove();
            }
        }
        return due;
    }

    /** The next moment a report arrives or content comes back; null when nothing more will. */
    @Nullable
    Instant soonest() {
        learn();
        World.SimUrl first = unreported.peek();
        Instant soonest = first == null ? null : first.reportAt();
        for (World.SimUrl url : toReupload) {
            Instant removed = url.removedAt();
            if (removed != null && !url.reuploaded()) {
                Instant back = removed.plus(REUPLOAD_AFTER);
                soonest = earlier(soonest, back);
            }
        }
        return soonest;
    }

    /** The earlier of two moments, either of which may be null (nothing planned); null when both are. */
    static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }
}
