package org.takedown.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.documents.LineFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import of reports from a file, streaming: CSV {@code url,source,reference,received_at,note} (header optional)
 * or JSON lines with those fields. Each line is checked on its own; a bad line is skipped and named with its number,
 * the rest is imported. Lines with the same source, reference, time and note form one report. Work is committed every
 * few thousand lines; the whole import is one audit entry. Thread-safe.
 */
@Service
public class ReportImports {

    /** Lines stored per transaction. */
    static final int CHUNK = 5000;

    /** Bad lines described at most. */
    static final int PROBLEMS_SHOWN = 50;

    private final Reports reports;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    /** The fields of a line, in CSV column order; a URL and a source are required. */
    private final LineFile lines;

    ReportImports(Reports reports, TransactionTemplate transactions, AuditLog audit, JsonMapper json) {
        this.reports = reports;
        this.transactions = transactions;
        this.audit = audit;
        this.lines = new LineFile(List.of("url", "source", "reference", "received_at", "note"), 2, json);
    }

    private record Group(
            String source,
            @Nullable String reference,
            @Nullable Instant receivedAt,
            @Nullable String note) {}

    private final class Run {
        final String actor = Actors.current();
        final Set<String> sources = new HashSet<>(reports.sources());
        final Map<Group, List<String>> pending = new LinkedHashMap<>();
        int pendingLines;
        long lines;
        long reportCount;
        long newUrls;
        long joined;
        final LineFile.Problems problems = new LineFile.Problems(PROBLEMS_SHOWN);

        void bad(long line, String problem) {
            problems.add(line, problem);
        }

        void line(
                long line,
                @Nullable String url,
                @Nullable String source,
                @Nullable String reference,
                @Nullable String receivedAt,
                @Nullable String note) {
            lines++;
            if (url == null || url.isBlank()) {
                bad(line, "no URL");
                return;
            }
            String sourceName = source == null ? "" : source.strip();
            if (!sources.contains(sourceName)) {
                bad(line, "unknown source '" + sourceName + "'");
                return;
            }
            Instant at = null;
            if (receivedAt != null && !receivedAt.isBlank()) {
                try {
                    at = OffsetDateTime.parse(receivedAt.strip()).toInstant();
                } catch (DateTimeParseException e) {
                    bad(line, "received_at '" + receivedAt.strip() + "' is not a time like 2026-11-23T10:15:00Z");
                    return;
                }
            }
            try {
                UrlNormalizer.normalize(url);
            } catch (UrlRejectedException e) {
                bad(line, e.getMessage());
                return;
            }
            pending.computeIfAbsent(new Group(sourceName, blank(reference), at, blank(note)), g -> new ArrayList<>())
                    .add(url);
            if (++pendingLines >= CHUNK) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            transactions.executeWithoutResult(status -> {
                for (Map.Entry<Group, List<String>> entry : pending.entrySet()) {
                    Group group = entry.getKey();
                    ReportReceipt receipt = reports.store(
                            Channel.BULK,
                            group.source(),
                            group.reference(),
                            group.note(),
                            group.receivedAt(),
                            entry.getValue(),
                            actor);
                    reportCount++;
                    for (ReportReceipt.Accepted accepted : receipt.accepted()) {
                        if (accepted.duplicate()) {
                            joined++;
                        } else {
                            newUrls++;
                        }
                    }
                    joined += receipt.rejected().size(); // repeats of a URL within the file
                }
            });
            pending.clear();
            pendingLines = 0;
        }
    }

    /**
     * Imports a file of reports.
     *
     * @param progress told the number of lines read, every thousand lines and at the end
     */
    public BulkImportResult importFile(InputStream input, LineFile.Format format, LongConsumer progress) {
        Run run = new Run();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, decoder))) {
            lines.read(
                    reader,
                    format,
                    new LineFile.Handler() {
                        @Override
                        public void record(long line, @Nullable String[] v) {
                            run.line(line, v[0], v[1], v[2], v[3], v[4]);
                        }

                        @Override
                        public void bad(long line, String problem) {
                            run.lines++;
                            run.bad(line, problem);
                        }
                    },
                    progress,
                    1000);
        } catch (CharacterCodingException | UncheckedIOException e) {
            run.bad(run.lines + 1, "the file is not UTF-8 text; the rest of it was not read");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file: " + e.getMessage(), e);
        }
        run.flush();
        progress.accept(run.lines);
        BulkImportResult result = new BulkImportResult(
                run.lines, run.reportCount, run.newUrls, run.joined, run.problems.count(), run.problems.named());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lines", result.lines());
        details.put("reports", result.reports());
        details.put("newUrls", result.newUrls());
        details.put("joinedUrls", result.joinedUrls());
        details.put("badLines", result.badLines());
        details.put("problems", result.problems());
        audit.record(run.actor, "reports.imported", "import", details);
        return result;
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
