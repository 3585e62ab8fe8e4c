package org.takedown.intake;

import java.util.List;

/**
 * Outcome of a bulk import of reports: lines read, reports made, URLs opened or joined to open cases, and the bad
 * lines (skipped; the rest was imported), the first of them described with their line numbers.
 */
public record BulkImportResult(
        long lines, long reports, long newUrls, long joinedUrls, long badLines, List<String> problems) {}
