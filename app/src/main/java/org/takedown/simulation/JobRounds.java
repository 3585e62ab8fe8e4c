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
 * another except those that may run alongside (the checks), until a round does nothing. After a round with work the
 * jobs are asked again when they are next due: all of them, unless every job of the round hands its work on only by
 * events ({@link Job#handsOnWorkOnlyByEvents}) and none was published, when only the jobs of the modules that ran are
 * asked (jobs of one module share its tables). Keeps the plans for choosing the next moment, and what each job did
 * and the real time it took for the run's summary. Not thread-safe: one simulation at a time, though {@link #heard}
 * may be called from any thread.
 */
final class JobRounds implements AutoCloseable {

    private final List<Job> jobs;
    /** When each job said it is next due (null: nothing planned), as last asked. */
    private final @Nullable Instant[] planned;

    /** Whether the jobs were asked yet. */
    private boolean asked;
    /** Events published in the application so far (see {@link #heard}). */
    private final java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
    /** Runs the jobs that may run beside the others ({@link Job#runsAlongside}). */
    private final ExecutorService beside = Executors.newVirtualThreadPerTaskExecutor();
    /** Per job (and per part of the simulator's own, in brackets): items, nanoseconds, runs. */
    private final Map<String, long[]> totals = new ConcurrentHashMap<>();

    /** Each job's module (jobs of one module share its tables), in the order of {@link #jobs}. */
    private final String[] modules;

    JobRounds(List<Job> jobs) {
        this(jobs, JobRounds::module);
    }

    JobRounds(List<Job> jobs, java.util.function.Function<Job, String> moduleOf) {
        this.jobs = List.copyOf(jobs);
        this.planned = new Instant[jobs.size()];
        this.modules = this.jobs.stream().map(moduleOf).toArray(String[]::new);
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
            long heardBefore = events.get();
            List<Job> due = new ArrayList<>();
            java.util.Set<String> ran = new java.util.HashSet<>();
            for (int i = 0; i < jobs.size(); i++) {
                if (all || planned[i] != null && !planned[i].isAfter(now)) {
                    due.add(jobs.get(i));
                    ran.add(modules[i]);
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
            boolean reachedOthers =
                    all || events.get() != heardBefore || !due.stream().allMatch(Job::handsOnWorkOnlyByEvents);
            plan(reachedOthers ? null : ran);
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

    /**
     * Tells the rounds that an event was published (by any job, on any thread): the work of the round may have reached
     * another module, so every job is asked again after it.
     */
    void heard() {
        events.incrementAndGet();
    }

    /** The soonest moment any job said it is next due (asking them first if nothing was asked yet); null: none. */
    @Nullable
    Instant soonest(Instant now) {
        if (!asked) {
            plan(null);
        }
        Instant soonest = null;
        for (Instant due : planned) {
            soonest = Upcoming.earlier(soonest, due);
        }
        return soonest;
    }

    /** Asks the jobs of the modules {@code asking} (null: every job) when they are next due. */
    private void plan(java.util.@Nullable Set<String> asking) {
        long began = System.nanoTime();
        for (int i = 0; i < jobs.size(); i++) {
            if (asking == null || asking.contains(modules[i])) {
                planned[i] = jobs.get(i).nextDue();
            }
        }
        asked = true;
        count(asking == null ? "(planning)" : "(planning, modules that ran)", 0, began);
    }

    /** A job's module: the package under {@code org.takedown} its class is in (e.g. {@code notices}). */
    static String module(Job job) {
        String[] parts = job.getClass().getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : String.join(".", parts);
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
