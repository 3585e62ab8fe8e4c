package org.takedown.matching.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.matching.Bank;
import org.takedown.matching.BankEntry;
import org.takedown.matching.BankStatistics;
import org.takedown.matching.Banks;
import org.takedown.matching.HashType;
import org.takedown.matching.ImportResult;
import org.takedown.shared.documents.LineFile;
import org.takedown.shared.errors.InvalidRequestException;

/** Curation of hash lists over HTTP (API key scope {@code banks}); the same as the pages and the CLI. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Hash lists", description = "Create, edit and fill hash lists; disable entries (scope: banks)")
class BanksApiController {

    private final Banks banks;

    BanksApiController(Banks banks) {
        this.banks = banks;
    }

    @GetMapping("/banks")
    @Operation(summary = "All hash lists with their statistics")
    List<BankView> list() {
        Map<String, BankStatistics> statistics =
                banks.statistics().stream().collect(Collectors.toMap(BankStatistics::bank, s -> s));
        return banks.list().stream()
                .map(bank -> new BankView(bank, statistics.get(bank.name())))
                .toList();
    }

    @PostMapping("/banks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a hash list")
    Bank create(@RequestBody NewBank request) {
        return banks.create(request.name(), request.source(), request.description(), request.pdqThreshold());
    }

    @PatchMapping("/banks/{name}")
    @Operation(
            summary = "Change a list's source, description, PDQ threshold, video thresholds, enabled flag or sharing"
                    + " with others")
    Bank update(@PathVariable String name, @RequestBody BankChange change) {
        Bank updated = banks.update(
                name,
                change.source(),
                change.description(),
                change.pdqThreshold(),
                change.enabled(),
                change.vpdqQueryPercent(),
                change.vpdqComparedPercent());
        return change.shared() == null || change.shared() == updated.shared()
                ? updated
                : banks.setShared(name, change.shared());
    }

    @PostMapping(
            path = "/banks/{name}/entries",
            consumes = {"text/csv", "application/x-ndjson", "text/plain"})
    @Operation(
            summary = "Import a file of entries, whole or not at all",
            description = "CSV lines 'type,value,label' (header optional) with Content-Type text/csv, or JSON lines"
                    + " {\"type\",\"value\",\"label\"} with application/x-ndjson, or with type=md5|sha1|sha256|pdq"
                    + " a plain list of that type (one hash per line, an optional label after it), or with format=hma"
                    + " HMA's signal file ('signal_type signal' per line). Types are md5, sha1, sha256, pdq and vpdq (a"
                    + " video's frames). Bad lines are named with their numbers and nothing is imported; duplicates are"
                    + " skipped and counted.")
    ImportResult importEntries(
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String provenance,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String format,
            HttpServletRequest request)
            throws IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        LineFile.Format lines = contentType.contains("ndjson") ? LineFile.Format.JSON_LINES : LineFile.Format.CSV;
        try (InputStream body = new BufferedInputStream(request.getInputStream())) {
            if ("hma".equalsIgnoreCase(format)) {
                return banks.importHma(name, body, provenance, read -> {});
            }
            if (type != null) {
                return banks.importPlain(name, body, plainType(type), provenance, read -> {});
            }
            return banks.importEntries(name, body, lines, provenance, read -> {});
        }
    }

    private static HashType plainType(String type) {
        try {
            return HashType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new org.takedown.shared.errors.InvalidRequestException("type: " + e.getMessage());
        }
    }

    @GetMapping("/banks/{name}/entries")
    @Operation(
            summary = "Export the list's live entries: csv or jsonl (what the import reads), plain with a type, or hma",
            description = "format=csv|jsonl|plain|hma; type limits the entries to one type (required for plain).")
    void exportEntries(
            @PathVariable String name,
            @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) @Nullable String type,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        HashType only = type == null ? null : plainType(type);
        banks.get(name);
        response.setContentType(
                switch (format) {
                    case "jsonl", "ndjson" -> "application/x-ndjson;charset=UTF-8";
                    case "csv" -> "text/csv;charset=UTF-8";
                    default -> "text/plain;charset=UTF-8";
                });
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
        banks.export(
                name,
                format,
                only,
                new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @GetMapping("/bank-entries")
    @Operation(summary = "Entries of any list with this exact hash")
    List<BankEntry> search(@RequestParam String type, @RequestParam String value) {
        HashType parsed;
        try {
            parsed = HashType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return banks.search(parsed, value);
    }

    @DeleteMapping("/bank-entries/{id}")
    @Operation(summary = "Disable an entry: it stays in its list but no longer matches")
    BankEntry disable(@PathVariable long id) {
        return banks.disableEntry(id);
    }

    /** A list to create. */
    record NewBank(
            String name,
            String source,
            @Nullable String description,
            @Nullable Integer pdqThreshold) {}

    /** Changes to a list; absent fields stay as they are. */
    record BankChange(
            @Nullable String source,
            @Nullable String description,
            @Nullable Integer pdqThreshold,
            @Nullable Boolean enabled,
            @Nullable Boolean shared,
            @Nullable Double vpdqQueryPercent,
            @Nullable Double vpdqComparedPercent) {}

    /** A list with its statistics. */
    record BankView(Bank bank, @Nullable BankStatistics statistics) {}
}
