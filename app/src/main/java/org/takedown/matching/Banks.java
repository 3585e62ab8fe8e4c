package org.takedown.matching;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.documents.LineFile;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * The hash lists ("banks") and their entries: create, edit, enable or disable a list, import entries, disable an
 * entry, search by hash. Every change is audited and reaches the lookup indexes within a second. Thread-safe.
 */
@Service
public class Banks {

    /** The conventional PDQ match threshold. */
    public static final int DEFAULT_PDQ_THRESHOLD = 31;

    private final BankStore store;
    private final HashListImporter importer;
    private final AuditLog audit;
    private final HashListExporter exporter;

    Banks(BankStore store, HashListImporter importer, AuditLog audit, HashListExporter exporter) {
        this.exporter = exporter;
        this.store = store;
        this.importer = importer;
        this.audit = audit;
    }

    public List<Bank> list() {
        return store.list();
    }

    /** The list named {@code name}, or 404. */
    public Bank get(String name) {
        return store.find(name).orElseThrow(() -> new NotFoundException("no hash list named '" + name + "'"));
    }

    @Transactional
    public Bank create(String name, String source, @Nullable String description, @Nullable Integer pdqThreshold) {
        String cleanName = name.strip();
        if (!cleanName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw InvalidRequestException.because("bank.refused.name");
        }
        int threshold = threshold(pdqThreshold);
        Bank bank = store.insert(
                cleanName, requireSource(source), description == null ? "" : description.strip(), threshold);
        audit.record("bank.created", "bank:" + bank.name(), describe(bank));
        return bank;
    }

    /** Changes a list's source, description, PDQ threshold and enabled flag (null = unchanged). */
    @Transactional
    public Bank update(
            String name,
            @Nullable String source,
            @Nullable String description,
            @Nullable Integer pdqThreshold,
            @Nullable Boolean enabled) {
        return update(name, source, description, pdqThreshold, enabled, null, null);
    }

    /**
     * Changes a list's settings together, all or nothing, and audits the change once (null = unchanged): source,
     * description, PDQ threshold, enabled flag, and when a video matches one of the list's videos — the shares, in per
     * cent, of the checked video's frames and of the listed video's frames that must match.
     */
    @Transactional
    public Bank update(
            String name,
            @Nullable String source,
            @Nullable String description,
            @Nullable Integer pdqThreshold,
            @Nullable Boolean enabled,
            @Nullable Double vpdqQueryPercent,
            @Nullable Double vpdqComparedPercent) {
        Bank bank = get(name);
        store.update(
                bank.id(),
                source == null ? bank.source() : requireSource(source),
                description == null ? bank.description() : description.strip(),
                pdqThreshold == null ? bank.pdqThreshold() : threshold(pdqThreshold),
                enabled == null ? bank.enabled() : enabled);
        if (vpdqQueryPercent != null || vpdqComparedPercent != null) {
            store.setVideoThresholds(
                    bank.id(),
                    vpdqQueryPercent == null ? bank.vpdqQueryPercent() : percent(vpdqQueryPercent, "vpdqQueryPercent"),
                    vpdqComparedPercent == null
                            ? bank.vpdqComparedPercent()
                            : percent(vpdqComparedPercent, "vpdqComparedPercent"));
        }
        Bank updated = get(name);
        String action = enabled != null && enabled != bank.enabled()
                ? (enabled ? "bank.enabled" : "bank.disabled")
                : "bank.updated";
        audit.record(action, "bank:" + name, describe(updated));
        return updated;
    }

    private static double percent(double value, String field) {
        if (!(value >= 0 && value <= 100)) {
            throw InvalidRequestException.because("bank.refused.percent", field, value);
        }
        return value;
    }

    /**
     * Sets whether the list's matches confirm themselves: a reported URL whose content matches it is assessed
     * BASELINE by that rule, without an analyst. Audited.
     */
    @Transactional
    public Bank setAutoConfirm(String name, boolean autoConfirm) {
        Bank bank = get(name);
        store.setAutoConfirm(bank.id(), autoConfirm);
        Bank updated = get(name);
        audit.record("bank.auto-confirm", "bank:" + name, describe(updated));
        return updated;
    }

    /** Shares the list with other Takedown instances (they pull it with a key of scope exchange), or stops sharing it. */
    @Transactional
    public Bank setShared(String name, boolean shared) {
        Bank bank = get(name);
        store.setShared(bank.id(), shared);
        Bank updated = get(name);
        audit.record(shared ? "bank.shared" : "bank.unshared", "bank:" + name, describe(updated));
        return updated;
    }

    private static final String ONE_PER_LINE =
            "a plain list holds one hash per line; a vPDQ hash has a frame per second: use csv or jsonl";

    /**
     * Imports a hash list file into a list, whole or not at all; waits for other imports to finish first.
     *
     * @throws HashListFormatException naming the bad lines
     */
    @Transactional
    public ImportResult importEntries(
            String name, InputStream file, LineFile.Format format, @Nullable String provenance, LongConsumer progress) {
        return importWith(name, provenance, id -> importer.importInto(id, file, format, provenance, progress));
    }

    /**
     * Imports a plain list of one hash type (one hash per line, an optional label after it), whole or not at all, as
     * police and NCMEC lists are often handed over.
     */
    @Transactional
    public ImportResult importPlain(
            String name, InputStream file, HashType type, @Nullable String provenance, LongConsumer progress) {
        if (type == HashType.VPDQ) {
            throw new InvalidRequestException(ONE_PER_LINE);
        }
        return importWith(name, provenance, id -> importer.importPlainInto(id, file, type, provenance, progress));
    }

    /** Imports an HMA signal file ({@code signal_type signal} per line), whole or not at all. */
    @Transactional
    public ImportResult importHma(String name, InputStream file, @Nullable String provenance, LongConsumer progress) {
        return importWith(name, provenance, id -> importer.importHmaInto(id, file, provenance, progress));
    }

    private ImportResult importWith(
            String name, @Nullable String provenance, java.util.function.LongFunction<ImportResult> into) {
        Bank bank = get(name);
        store.lockEntries();
        ImportResult result = into.apply(bank.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lines", result.lines());
        details.put("added", result.added());
        details.put("duplicates", result.duplicates());
        if (provenance != null) {
            details.put("provenance", provenance);
        }
        audit.record("bank.imported", "bank:" + name, details);
        return result;
    }

    /**
     * Writes a list's live entries as {@code csv} or {@code jsonl} (the import's formats, labels kept), or as
     * {@code plain}: one hash of the type {@code only} per line. Streamed; returns how many were written.
     */
    @Transactional(readOnly = true)
    public long export(String name, String format, @Nullable HashType only, java.io.Writer out)
            throws java.io.IOException {
        Bank bank = get(name);
        HashListExporter.Format chosen = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> HashListExporter.Format.CSV;
            case "jsonl", "ndjson" -> HashListExporter.Format.JSON_LINES;
            case "plain", "txt" -> HashListExporter.Format.PLAIN;
            case "hma" -> HashListExporter.Format.HMA;
            default ->
                throw new InvalidRequestException(
                        "a list is exported as csv, jsonl, plain or hma, not '" + format + "'");
        };
        if (chosen == HashListExporter.Format.PLAIN && only == null) {
            throw new InvalidRequestException("a plain list holds one type: name it (md5, sha1, sha256 or pdq)");
        }
        if (chosen == HashListExporter.Format.PLAIN && only == HashType.VPDQ) {
            throw new InvalidRequestException(ONE_PER_LINE);
        }
        return exporter.write(bank.id(), chosen, only, out);
    }

    /** Stops one entry from matching; it stays in the list, marked disabled. */
    @Transactional
    public BankEntry disableEntry(long entryId) {
        store.lockEntries();
        BankEntry entry =
                store.entry(entryId).orElseThrow(() -> new NotFoundException("no hash list entry " + entryId));
        if (!store.disableEntry(entryId)) {
            throw InvalidRequestException.because("bank.refused.disabled", entryId, entry.disabledAt());
        }
        audit.record(
                "bank.entry-disabled",
                "bank-entry:" + entryId,
                Map.of("bank", entry.bank(), "type", entry.type(), "value", entry.value()));
        return store.entry(entryId).orElseThrow();
    }

    /** Entries of any list with this hash (exact value). */
    public List<BankEntry> search(HashType type, String value) {
        byte[] bytes;
        try {
            bytes = type.decode(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return store.search(type, bytes);
    }

    public List<BankStatistics> statistics() {
        return store.statistics();
    }

    private static int threshold(@Nullable Integer threshold) {
        int value = threshold == null ? DEFAULT_PDQ_THRESHOLD : threshold;
        if (value < 0 || value > 63) {
            throw InvalidRequestException.because("bank.refused.threshold", value);
        }
        return value;
    }

    private static String requireSource(String source) {
        if (source == null || source.isBlank()) {
            throw InvalidRequestException.because("bank.refused.source");
        }
        return source.strip();
    }

    private static Map<String, Object> describe(Bank bank) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", bank.source());
        details.put("enabled", bank.enabled());
        details.put("pdqThreshold", bank.pdqThreshold());
        details.put("vpdqQueryPercent", bank.vpdqQueryPercent());
        details.put("vpdqComparedPercent", bank.vpdqComparedPercent());
        details.put("autoConfirm", bank.autoConfirm());
        details.put("shared", bank.shared());
        return details;
    }
}
