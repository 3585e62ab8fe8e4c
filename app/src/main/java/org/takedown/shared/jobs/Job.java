package org.takedown.shared.jobs;

/**
 * A piece of background work that a module does on a schedule in servers (attribution, first looks, notices, checks).
 * The simulation also runs every job itself, step by step on its own clock, until none has anything left to do.
 */
public interface Job {

    /** A short name, for logs. */
    String name();

    /**
     * Does what is due now (by the clock), all of it.
     *
     * @return how many items were worked on (0 when nothing was due)
     */
    int runOnce();

    /**
     * When this job next has something to do, if it knows (the simulation skips the time in between); null when it
     * does not know or has nothing planned.
     */
    default java.time.@org.jspecify.annotations.Nullable Instant nextDue() {
        return null;
    }

    /**
     * Whether the simulation may run this job beside the other jobs due at the same moment (on another thread) rather
     * than before or after them: true only when nothing it does at a moment changes what the simulated world does, so
     * that a scenario's truth stays the same run after run (what Takedown measures may differ by threads' timing, as
     * it does anyway). The checks qualify (they wait on the network; a removal they find closes notices and no more);
     * the jobs that route, collect and send notices do not (a URL routed while its company's notice is being queued
     * would go into the next notice, notified 15 minutes later).
     */
    default boolean runsAlongside() {
        return false;
    }

    /**
     * Whether everything this job does that another module's job could act on is published as an event: it writes
     * only its own module's tables and calls no other module to change anything. After a run of such a job that
     * published no event, the simulation asks only the jobs of its module when they are next due (the others' plans
     * cannot have changed). The checks qualify (a removal is published; everything else stays in probing's tables);
     * the notice job does not (its reminders ask attribution to look at a URL again).
     */
    default boolean handsOnWorkOnlyByEvents() {
        return false;
    }

    /**
     * Runs {@code batch} until it comes back with fewer than {@code size} items (nothing more is due), for jobs that
     * claim their work a batch at a time.
     *
     * @return the items of all batches together
     */
    static int inBatches(java.util.function.IntSupplier batch, int size) {
        int total = 0;
        int done;
        do {
            done = batch.getAsInt();
            total += done;
        } while (done == size);
        return total;
    }
}
