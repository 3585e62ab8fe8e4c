package org.takedown.matching.web;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.takedown.matching.Banks;
import org.takedown.matching.ImportResult;
import org.takedown.shared.documents.LineFile;

/**
 * Imports started from the pages, run in the background so the page can show their progress. Jobs are kept in
 * memory until the instance restarts (the import itself is in the database and the audit log). Thread-safe.
 */
@Component
class ImportJobs implements AutoCloseable {

    /** One import: lines read so far, then its result or the reason it was refused. */
    static final class Job {
        final String id;
        final String bank;
        final String filename;
        final AtomicLong lines = new AtomicLong();
        volatile @Nullable ImportResult result;
        volatile @Nullable String error;

        Job(String id, String bank, String filename) {
            this.id = id;
            this.bank = bank;
            this.filename = filename;
        }

        boolean done() {
            return result != null || error != null;
        }

        public String getId() {
            return id;
        }

        public String getBank() {
            return bank;
        }

        public String getFilename() {
            return filename;
        }

        public long getLines() {
            return lines.get();
        }

        public @Nullable ImportResult getResult() {
            return result;
        }

        public @Nullable String getError() {
            return error;
        }

        public boolean isDone() {
            return done();
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Banks banks;

    ImportJobs(Banks banks) {
        this.banks = banks;
    }

    /** Starts importing {@code content} into {@code bank} as the current user; returns the job. */
    Job start(String bank, String filename, byte[] content, @Nullable String provenance) {
        Job job = new Job(UUID.randomUUID().toString(), bank, filename);
        jobs.put(job.id, job);
        LineFile.Format format = LineFile.Format.guess(filename, content);
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        executor.submit(() -> {
            SecurityContextHolder.getContext().setAuthentication(user);
            try {
                job.result = banks.importEntries(
                        bank, new ByteArrayInputStream(content), format, provenance, job.lines::set);
            } catch (RuntimeException e) {
                job.error = e.getMessage();
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
        return job;
    }

    @Nullable
    Job find(String id) {
        return jobs.get(id);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
