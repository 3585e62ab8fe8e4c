package org.takedown.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a list's live entries in the formats the import reads: CSV {@code type,value,label}, JSON lines, or a plain
 * list of one type (one hash per line), streamed from the database a few thousand rows at a time, so a list of
 * millions never sits in memory. The caller's transaction keeps the cursor open.
 */
@Component
class HashListExporter {

    /** The formats a list is written in. */
    enum Format {
        CSV,
        JSON_LINES,
        PLAIN,
        /** HMA's signal file: {@code signal_type signal} per line. */
        HMA
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    HashListExporter(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return how many entries were written */
    long write(long bankId, Format format, @Nullable HashType only, Writer out) throws IOException {
        CSVPrinter csv = format == Format.CSV
                ? CSVFormat.DEFAULT
                        .builder()
                        .setHeader("type", "value", "label")
                        .get()
                        .print(out)
                : null;
        long[] written = {0};
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(5_000);
        try {
            streaming.query(
                    "SELECT type, value, label FROM hash_entry WHERE bank_id = ? AND disabled_at IS NULL"
                            + " AND (CAST(? AS text) IS NULL OR type = ?) ORDER BY id",
                    rs -> {
                        String type = rs.getString(1);
                        byte[] stored = rs.getBytes(2);
                        String value = format == Format.HMA
                                ? HashType.parse(type).formatForHma(stored)
                                : HashType.parse(type).format(stored);
                        String label = rs.getString(3);
                        try {
                            line(format, csv, out, type, value, label);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        written[0]++;
                    },
                    bankId,
                    only == null ? null : only.id(),
                    only == null ? null : only.id());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (csv != null) {
            csv.flush();
        }
        out.flush();
        return written[0];
    }

    private void line(Format format, @Nullable CSVPrinter csv, Writer out, String type, String value, String label)
            throws IOException {
        switch (format) {
            case CSV -> csv.printRecord(type, value, label);
            case JSON_LINES -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", type);
                line.put("value", value);
                line.put("label", label);
                out.write(json.writeValueAsString(line));
                out.write('\n');
            }
            case HMA -> {
                out.write(type); // md5 of any file, the name HMA's photo hashing uses
                out.write(' ');
                out.write(value);
                out.write('\n');
            }
            case PLAIN -> {
                out.write(value);
                out.write('\n');
            }
        }
    }
}
