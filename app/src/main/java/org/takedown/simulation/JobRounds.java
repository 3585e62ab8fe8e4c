package org.takedown.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.takedown.shared.jobs.Job;

/**
 * The simulation's way of running every module's job at one moment of the simulated clock: in rounds, each round
 * running only the jobs due by their own {@link Job#nextDue} (which includes work other jobs left them), one after
 * another except those that may run alongside (the checks), every job asked again after any work, until a round does
 * nothing. Keeps the plans for choosing the next moment, and what each job did and the real time it took for the
 * run's summary. Not thread-safe: one simulation at a time.
 */
final class JobRounds implements AutoCloseable {

    private final List<Job> jobs;
    /** When each job said it is next due (null: nothing planned), as last asked. */
    private final @Nullable Instant[] planned;

    /** Whether the jobs were asked yet. */
    private boolean asked;
    /** Runs the jobs that may run beside the others ({@link Job#runsAlongside}). */
    private final ExecutorService beside = Executors.newVirtualThreadPerTaskExecutor();
    /** Per job (and per part of the simulator's own, in brackets): items, nanoseconds, runs. */
    private final Map<String, long[]> totals = new ConcurrentHashMap<>();

    JobRounds(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
        this.planned = new Instant[jobs.size()];
    }

    /**
     * Runs the jobs until none has anything left to do at {@code now}. Only when something came from outside
     * ({@code news}: reports arrived, content re-uploaded) or nothing was asked yet does the first round run them all.
     * The plans after the last round are the next moment's.
     */
    void drain(Instant now, boolean news) {
        boolean all = news || !asked;
        for (int round = 0; round < 100; round++) {
            int work = 0;
            List<Job> due = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                if (all || planned[i] != null && !planned[i].isAfter(now)) {
                    due.add(jobs.get(i));
                }
            }
            // first those that run alongside (the checks wait on the network meanwhile), then the rest in order
            List<Future<Integer>> alongside = new ArrayList<>();
            for (Job job : due) {
                if (job.runsAlongside()) {
                    alongside.add(beside.submit(() -> run(job)));
                }
            }
            for (Job job : due) {
                if (!job.runsAlongside()) {
                    work += run(job);
                }
            }
            for (Future<Integer> job : alongside) {
                work += outcome(job);
            }
            if (work == 0 && !all) {
                return; // nothing changed: the plans hold
            }
            plan();
            if (work == 0) {
                return;
            }
            all = false;
        }
    }

    private int run(Job job) {
        long began = System.nanoTime();
        int done = job.runOnce();
        count(job.name(), done, began);
        return done;
    }

    private static int outcome(Future<Integer> job) {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the jobs ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The soonest moment any job said it is next due (asking them first if nothing was asked yet); null: none. */
    @Nullable
    Instant soonest(Instant now) {
        if (!asked) {
            plan();
        }
        Instant soonest = null;
        for (Instant due : planned) {
            soonest = due != null && (soonest == null || due.isBefore(soonest)) ? due : soonest;
        }
        return soonest;
    }

    /** Asks every job when it is next due. */
    private void plan() {
        long began = System.nanoTime();
        for (int i = 0; i < jobs.size(); i++) {
            planned[i] = jobs.get(i).nextDue();
        }
        asked = true;
        count("(planning)", 0, began);
    }

    /** Counts {@code items} of work under {@code name}, begun at {@code began} (of {@link System#nanoTime()}). */
    void count(String name, long items, long began) {
        long[] total = totals.computeIfAbsent(name, k -> new long[3]);
        synchronized (total) {
            total[0] += items;
            total[1] += System.nanoTime() - began;
            total[2]++;
        }
    }

    /** What each job did so far, and the real time it took. */
    List<Simulator.JobTotals> totals() {
        return totals.entrySet().stream()
                .map(e -> new Simulator.JobTotals(
                        e.getKey(), e.getValue()[0], e.getValue()[2], Duration.ofNanos(e.getValue()[1])))
                .sorted(Comparator.comparing(Simulator.JobTotals::job))
                .toList();
    }

    @Override
    public void close() {
        beside.shutdownNow();
    }
}
