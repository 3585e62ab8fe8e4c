package org.takedown.shared.documents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file of records with named fields, as CSV (fields in a fixed order, an optional header row) or as JSON lines
 * (one object per line), handing each record to a {@link Handler} with its line number and each bad one with why. The
 * one reader of the bulk imports (reports, hash lists): what a record means is theirs.
 *
 * @param fields the field names, in CSV column order
 * @param required how many leading fields a CSV record must have
 */
public record LineFile(List<String> fields, int required, JsonMapper json) {

    /** How the records are written. */
    public enum Format {
        CSV,
        JSON_LINES;

        /** The format of a file, from its name, or else from its first character. */
        public static Format guess(@Nullable String filename, byte[] start) {
            if (filename != null) {
                String name = filename.toLowerCase(java.util.Locale.ROOT);
                if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
                    return JSON_LINES;
                }
                if (name.endsWith(".csv")) {
                    return CSV;
                }
            }
            for (byte b : start) {
                if (!Character.isWhitespace(b)) {
                    return b == '{' ? JSON_LINES : CSV;
                }
            }
            return CSV;
        }
    }

    /** The bad lines of a file: how many, and the first few named with their line numbers. Not thread-safe. */
    public static final class Problems {
        private final int shown;
        private final List<String> named = new java.util.ArrayList<>();
        private long count;

        /** Names at most {@code shown} problems; counts them all. */
        public Problems(int shown) {
            this.shown = shown;
        }

        public void add(long line, String problem) {
            count++;
            if (named.size() < shown) {
                named.add("line " + line + ": " + problem);
            }
        }

        public long count() {
            return count;
        }

        /** The problems named, in file order. */
        public List<String> named() {
            return List.copyOf(named);
        }
    }

    /** What the caller does with the records. */
    public interface Handler {

        /** A record; {@code values} follow {@link #fields()}, null where a field is missing or null. */
        void record(long line, @Nullable String[] values) throws IOException;

        /** A line that is not a record, and why. */
        void bad(long line, String problem);
    }

    /**
     * Reads every record; tells {@code progress} the records seen, every {@code every} records. A CSV that cannot be
     * decoded in the reader's charset fails with the {@link CharacterCodingException} (wrapped); other broken CSV
     * ends the reading with one bad line.
     */
    public void read(BufferedReader reader, Format format, Handler handler, LongConsumer progress, int every)
            throws IOException {
        if (format == Format.CSV) {
            readCsv(reader, handler, progress, every);
        } else {
            readJsonLines(reader, handler, progress, every);
        }
    }

    private void readCsv(BufferedReader reader, Handler handler, LongConsumer progress, int every) throws IOException {
        CSVFormat csv = CSVFormat.DEFAULT
                .builder()
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        long seen = 0;
        long line = 0;
        try (CSVParser parser = csv.parse(reader)) {
            for (CSVRecord record : parser) {
                line = parser.getCurrentLineNumber();
                if (seen++ == 0 && record.size() > 0 && record.get(0).equalsIgnoreCase(fields.getFirst())) {
                    continue;
                }
                if (record.size() < required || record.size() > fields.size()) {
                    handler.bad(
                            line, "expected " + String.join(",", fields) + " but found " + record.size() + " field(s)");
                } else {
                    String[] values = new String[fields.size()];
                    for (int i = 0; i < record.size(); i++) {
                        values[i] = record.get(i);
                    }
                    handler.record(line, values);
                }
                if (seen % every == 0) {
                    progress.accept(seen);
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw e;
            }
            handler.bad(line + 1, "not valid CSV: " + e.getMessage());
        }
    }

    private void readJsonLines(BufferedReader reader, Handler handler, LongConsumer progress, int every)
            throws IOException {
        long line = 0;
        long seen = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(text);
                if (node.isObject()) {
                    String[] values = new String[fields.size()];
                    for (int i = 0; i < values.length; i++) {
                        JsonNode value = node.get(fields.get(i));
                        values[i] = value == null || value.isNull() ? null : value.asString();
                    }
                    handler.record(line, values);
                } else {
                    handler.bad(line, "expected a JSON object with " + String.join(", ", fields));
                }
            } catch (JacksonException e) {
                handler.bad(line, "not valid JSON: " + e.getOriginalMessage());
            }
            if (++seen % every == 0) {
                progress.accept(seen);
            }
        }
    }
}
