package org.takedown.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.takedown.shared.documents.LineFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a hash list file (CSV {@code type,value,label} with optional header, or JSON lines with the same fields)
 * into a list: each line is checked as it is read and copied into a temporary table with PostgreSQL's COPY; only if
 * every line is good are the new entries inserted, in file order, duplicates skipped. Runs in the caller's
 * transaction holding the entry lock, so a file is taken whole or not at all and imports are serialised.
 */
@Component
public class HashListImporter {

    /** Bad lines named in the error message at most. */
    static final int PROBLEMS_SHOWN = 20;

    /** Longest label kept. */
    static final int MAX_LABEL = 500;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    /** The fields of an entry, in CSV column order; the type and the value are required. */
    private final LineFile lines;

    private final Clock clock;

    HashListImporter(DataSource dataSource, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.lines = new LineFile(List.of("type", "value", "label"), 2, json);
        this.clock = clock;
    }

    /**
     * Imports {@code input} into the list {@code bankId}; the caller's transaction must hold the entry lock.
     *
     * @param progress told the number of lines read so far, every 10 000 lines and at the end
     * @throws HashListFormatException naming the bad lines; nothing is imported then
     */
    public ImportResult importInto(
            long bankId,
            InputStream input,
            LineFile.Format format,
            @Nullable String provenance,
            LongConsumer progress) {
        return copy(
                bankId,
                input,
                provenance,
                progress,
                (reader, rows, counts) -> lines.read(
                        reader,
                        format,
                        new LineFile.Handler() {
                            @Override
                            public void record(long line, @Nullable String[] v) throws IOException {
                                accept(
                                        line,
                                        Objects.requireNonNullElse(v[0], ""),
                                        Objects.requireNonNullElse(v[1], ""),
                                        v[2],
                                        rows,
                                        counts);
                            }

                            @Override
                            public void bad(long line, String problem) {
                                counts.bad(line, problem);
                            }
                        },
                        progress,
                        10_000));
    }

    /**
     * Imports a plain list of one type, as police and NCMEC lists are often handed over: one hash per line, optionally
     * followed by whitespace and a label; blank lines and lines starting with {@code #} are skipped. Taken whole or not
     * at all, like {@link #importInto}.
     */
    public ImportResult importPlainInto(
            long bankId, InputStream input, HashType type, @Nullable String provenance, LongConsumer progress) {
        return copy(
                bankId,
                input,
                provenance,
                progress,
                (reader, rows, counts) -> textLines(
                        reader,
                        progress,
                        (line, parts) ->
                                accept(line, type.id(), parts[0], parts.length > 1 ? parts[1] : null, rows, counts)));
    }

    /**
     * Imports a signal file as HMA reads one (python-threatexchange's file exchange): per line an HMA signal type
     * ({@code pdq}, {@code vpdq}, {@code video_md5}, also {@code md5}, {@code sha1}, {@code sha256}), a space and the
     * signal; blank lines and lines starting with {@code #} are skipped. Taken whole or not at all.
     */
    public ImportResult importHmaInto(
            long bankId, InputStream input, @Nullable String provenance, LongConsumer progress) {
        return copy(
                bankId,
                input,
                provenance,
                progress,
                (reader, rows, counts) -> textLines(reader, progress, (line, parts) -> {
                    if (parts.length < 2) {
                        counts.lines++;
                        counts.bad(line, "an HMA signal line is 'signal_type signal', this one has no signal");
                        return;
                    }
                    String type;
                    try {
                        type = HashType.fromHma(parts[0]).id();
                    } catch (IllegalArgumentException e) {
                        counts.lines++;
                        counts.bad(line, e.getMessage());
                        return;
                    }
                    accept(line, type, parts[1], null, rows, counts);
                }));
    }

    /** One line of a text list, split at its first whitespace. */
    private interface TextLine {
        void read(long line, String[] parts) throws IOException;
    }

    /** Reads a text list: blank lines and {@code #} comments skipped, the others split in two at whitespace. */
    private static void textLines(BufferedReader reader, LongConsumer progress, TextLine each) throws IOException {
        long line = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            String entry = text.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            each.read(line, entry.split("\\s+", 2));
            if (line % 10_000 == 0) {
                progress.accept(line);
            }
        }
    }

    /** Reads a file's entries into the temporary table. */
    private interface Feed {
        void read(BufferedReader reader, Writer rows, Counts counts) throws IOException;
    }

    private ImportResult copy(
            long bankId, InputStream input, @Nullable String provenance, LongConsumer progress, Feed feed) {
        jdbc.sql("CREATE TEMP TABLE IF NOT EXISTS hash_import (line BIGINT, type TEXT, value BYTEA, label TEXT)"
                        + " ON COMMIT DROP")
                .update();
        jdbc.sql("TRUNCATE hash_import").update();
        Counts counts = new Counts();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Writer rows = new java.io.OutputStreamWriter(
                        new PGCopyOutputStream(connection.unwrap(PGConnection.class), "COPY hash_import FROM STDIN"),
                        StandardCharsets.UTF_8);
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            feed.read(reader, rows, counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hash list: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the hash list into the database: " + e.getMessage(), e);
        }
        progress.accept(counts.lines);
        if (counts.problems.count() > 0) {
            throw new HashListFormatException(counts.problems.named(), counts.problems.count());
        }
        int added = jdbc.sql("""
                        INSERT INTO hash_entry (bank_id, type, value, label, provenance, added_at)
                        SELECT ?, type, value, label, ?, ? FROM (
                            SELECT DISTINCT ON (type, value) line, type, value, label FROM hash_import
                            ORDER BY type, value, line) first
                        ORDER BY line
                        ON CONFLICT (bank_id, type, sha256(value)) DO NOTHING""")
                .params(bankId, provenance, Timestamp.from(clock.instant()))
                .update();
        return new ImportResult(counts.lines, added, counts.lines - added);
    }

    private static void accept(long line, String type, String value, @Nullable String label, Writer rows, Counts counts)
            throws IOException {
        counts.lines++;
        HashType parsed;
        byte[] bytes;
        try {
            parsed = HashType.parse(type);
            bytes = parsed.decode(value);
        } catch (IllegalArgumentException e) {
            counts.bad(line, e.getMessage());
            return;
        }
        if (counts.problems.count() > 0) {
            return; // the file will be refused; stop copying, keep checking
        }
        String kept = label == null || label.isBlank() ? null : label.strip();
        if (kept != null && kept.length() > MAX_LABEL) {
            kept = kept.substring(0, MAX_LABEL);
        }
        rows.write(Long.toString(line));
        rows.write('\t');
        rows.write(parsed.id());
        rows.write("\t\\\\x");
        rows.write(HexFormat.of().formatHex(bytes));
        rows.write('\t');
        rows.write(kept == null ? "\\N" : escape(kept));
        rows.write('\n');
    }

    /** Escapes text for COPY's text format. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Lines read and problems found so far. */
    private static final class Counts {
        long lines;
        final LineFile.Problems problems = new LineFile.Problems(PROBLEMS_SHOWN);

        void bad(long line, String problem) {
            problems.add(line, problem);
        }
    }
}
