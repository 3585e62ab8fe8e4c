package org.takedown.matching.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.matching.Banks;
import org.takedown.matching.HashType;
import org.takedown.matching.ImportResult;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.cli.Progress;
import org.takedown.shared.documents.LineFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code takedown bank import NAME FILE}: into the local database, or through a server's API with --server. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Import a file of hashes into a list, whole or not at all: CSV 'type,value,label' (header optional)",
            "or JSON lines {\"type\",\"value\",\"label\"}, or with --type a plain list of one type (one hash per",
            "line, an optional label after it, as police and NCMEC lists come), or with --hma HMA's signal file",
            "('signal_type signal' per line). Types: md5, sha1, sha256, pdq, vpdq (a video's frames). Bad lines are",
            "named with their numbers; duplicates are counted and skipped. With --server and --key (scope banks)",
            "the file goes to that server instead."
        })
final class BankImportCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The hash list")
    String bank;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file (.csv, .jsonl)")
    Path file;

    @Option(names = "--provenance", description = "Where this file came from, kept with each entry")
    String provenance;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "The file is a plain list of hashes of this type: md5, sha1, sha256 or pdq")
    String type;

    @Option(
            names = "--hma",
            description = "The file is HMA's signal file: 'signal_type signal' per line (pdq, vpdq, video_md5, ...)")
    boolean hma;

    @Option(names = "--server", paramLabel = "URL", description = "A Takedown server, e.g. https://takedown.example")
    URI server;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "API key with scope banks (or TAKEDOWN_API_KEY)",
            defaultValue = "${env:TAKEDOWN_API_KEY}")
    String key;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            err().println("error: no such file: " + file);
            return 1;
        }
        if (hma && type != null) {
            err().println("error: --hma files name the type on each line: leave out --type");
            return 2;
        }
        if (type != null) {
            try {
                HashType.parse(type);
            } catch (IllegalArgumentException e) {
                err().println("error: --type: " + e.getMessage());
                return 2;
            }
        }
        if (server == null) {
            return super.call();
        }
        if (key == null || key.isBlank()) {
            err().println("error: --server needs --key (or TAKEDOWN_API_KEY) with scope banks");
            return 2;
        }
        return remote();
    }

    @Override
    protected int run(ConfigurableApplicationContext context) {
        LineFile.Format format = format();
        try (ProgressBar progress = Progress.bytes("Importing", size());
                InputStream in = Progress.counting(new BufferedInputStream(Files.newInputStream(file)), progress)) {
            Banks banks = context.getBean(Banks.class);
            ImportResult result = hma
                    ? banks.importHma(bank, in, provenance, lines -> {})
                    : type != null
                            ? banks.importPlain(bank, in, HashType.parse(type), provenance, lines -> {})
                            : banks.importEntries(bank, in, format, provenance, lines -> {});
            progress.stepTo(progress.getMax());
            out().printf(
                            "Imported into %s: %d lines, %d added, %d duplicates.%n",
                            bank, result.lines(), result.added(), result.duplicates());
            return 0;
        } catch (IOException e) {
            err().println("error: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }

    private int remote() {
        LineFile.Format format = format();
        String contentType = type != null || hma
                ? "text/plain"
                : format == LineFile.Format.JSON_LINES ? "application/x-ndjson" : "text/csv";
        List<String> query = new ArrayList<>();
        if (provenance != null) {
            query.add("provenance=" + URLEncoder.encode(provenance, StandardCharsets.UTF_8));
        }
        if (type != null) {
            query.add("type=" + URLEncoder.encode(type, StandardCharsets.UTF_8));
        }
        if (hma) {
            query.add("format=hma");
        }
        String path = "/api/v1/banks/" + URLEncoder.encode(bank, StandardCharsets.UTF_8) + "/entries"
                + (query.isEmpty() ? "" : "?" + String.join("&", query));
        try (ProgressBar progress = Progress.bytes("Uploading", size())) {
            HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            return Progress.counting(new BufferedInputStream(Files.newInputStream(file)), progress);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }))
                    .build();
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err().println("error: the server answered " + response.statusCode() + ": "
                        + Problems.detail(response.body()));
                return 1;
            }
            out().println("Imported into " + bank + " on " + server + ": " + response.body());
            return 0;
        } catch (IOException e) {
            err().println("error: cannot reach " + server + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private LineFile.Format format() {
        byte[] start = new byte[64];
        int read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            read = Math.max(0, in.read(start));
        } catch (IOException e) {
            // the import itself reports unreadable files
        }
        return LineFile.Format.guess(file.getFileName().toString(), java.util.Arrays.copyOf(start, read));
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
