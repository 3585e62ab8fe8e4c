package org.takedown.shared.documents;

import java.io.IOException;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV rows that a spreadsheet cannot mistake for formulas: a text cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe (OWASP's advice against CSV injection),
 * so a company name or file name chosen by an attacker never runs in the reader's spreadsheet. Numbers are written as
 * they are. Stateless, thread-safe.
 */
public final class CsvCells {

    private CsvCells() {}

    /** Prints one row of {@code values} through {@code csv}, each text cell neutralised. */
    public static void print(CSVPrinter csv, Object... values) throws IOException {
        Object[] safe = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            safe[i] = values[i] instanceof CharSequence text ? safe(text.toString()) : values[i];
        }
        csv.printRecord(safe);
    }

    /** {@code text}, with an apostrophe in front when a spreadsheet would read it as a formula. */
    public static String safe(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }
}
