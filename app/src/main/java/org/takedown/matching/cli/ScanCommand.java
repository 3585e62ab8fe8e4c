package org.takedown.matching.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;
import org.takedown.matching.HashCheck;
import org.takedown.matching.ImageHasher;
import org.takedown.matching.ImageHashes;
import org.takedown.matching.ImageRejectedException;
import org.takedown.shared.cli.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code takedown scan DIR}: hashes every image under a directory on this machine, in parallel, and checks the
 * hashes in batches against a Takedown server. Only hashes are sent, never a file.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Hash every image under DIR locally (in parallel) and check the hashes against a Takedown server in",
            "batches. Only hashes leave this machine. Prints each match and a summary; exit 1 when a batch",
            "could not be checked."
        })
public final class ScanCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(paramLabel = "DIR", description = "Directory to scan (recursively)")
    Path directory;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The Takedown server")
    URI server;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            defaultValue = "${env:TAKEDOWN_API_KEY}",
            description = "API key with scope hashcheck (default: TAKEDOWN_API_KEY); prefer the variable or"
                    + " --key-file, which other users of the machine cannot see in the process list")
    String key;

    @Option(names = "--key-file", paramLabel = "FILE", description = "Read the API key from this file (its first line)")
    java.nio.file.Path keyFile;

    @Option(names = "--batch", defaultValue = "1000", description = "Hashes per request (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", description = "Images hashed at once (default: number of cores)")
    Integer threads;

    @Option(names = "--bank", paramLabel = "NAME", description = "Check only this list (repeatable; default: all)")
    List<String> banks;

    @Option(names = "--dihedral", description = "Also match rotated and mirrored copies")
    boolean dihedral;

    @Option(names = "--max-pixels", defaultValue = "50000000", description = "Skip larger images")
    long maxPixels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer refused = refusal(err);
        if (refused != null) {
            return refused;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Summary summary = new Summary();
        summary.files = files.size();
        try {
            scan(files, summary, out, err);
        } catch (ExecutionException e) {
            err.println("error: " + e.getCause().getMessage());
            return 1;
        }
        out.printf(
                "Scanned %d files: %d images hashed, %d skipped (not images or unreadable); %d hashes checked,"
                        + " %d matches in %d files%s.%n",
                summary.files,
                summary.images,
                summary.skipped,
                summary.checked,
                summary.matches,
                summary.matchedFiles.size(),
                summary.failedBatches > 0 ? "; " + summary.failedBatches + " batch(es) could not be checked" : "");
        out.flush();
        return summary.failedBatches > 0 ? 1 : 0;
    }

    /** The exit code when the options cannot work (with the reason printed), or null when they can. */
    private @Nullable Integer refusal(PrintWriter err) {
        if (keyFile != null) {
            try {
                key = Files.readAllLines(keyFile).stream()
                        .findFirst()
                        .orElse("")
                        .strip();
            } catch (IOException e) {
                err.println("error: cannot read the API key from " + keyFile + ": " + e.getMessage());
                return 1;
            }
        }
        if (key == null || key.isBlank()) {
            err.println("error: --key (or TAKEDOWN_API_KEY) is required: an API key with scope hashcheck");
            return 2;
        }
        if (batch < 1 || batch > HashCheck.MAX_HASHES) {
            err.println("error: --batch must be between 1 and " + HashCheck.MAX_HASHES);
            return 2;
        }
        if (!Files.isDirectory(directory)) {
            err.println("error: not a directory: " + directory);
            return 1;
        }
        return null;
    }

    /** Hashes the files on worker threads and checks their hashes in batches as they come. */
    private void scan(List<Path> files, Summary summary, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException, ExecutionException {
        ImageHasher hasher = new ImageHasher(maxPixels);
        HttpClient http = HttpClient.newHttpClient();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        CompletionService<Hashed> hashing = new ExecutorCompletionService<>(pool);
        for (Path file : files) {
            hashing.submit(() -> hash(hasher, file));
        }
        List<Pending> pending = new ArrayList<>();
        try (ProgressBar progress = Progress.count("Scanning", files.size(), "files")) {
            for (int done = 0; done < files.size(); done++) {
                Hashed hashed = hashing.take().get();
                progress.step();
                if (hashed.hashes == null) {
                    summary.skipped++;
                    continue;
                }
                summary.images++;
                pending.addAll(pending(hashed.file, hashed.hashes));
                if (pending.size() >= batch) {
                    check(http, pending, summary, out, err);
                }
            }
            if (!pending.isEmpty()) {
                check(http, pending, summary, out, err);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The hashes of one image to check: the exact ones, and PDQ when its quality makes it reliable. */
    private static List<Pending> pending(Path file, ImageHashes h) {
        List<Pending> hashes = new ArrayList<>(4);
        hashes.add(new Pending(file, "md5", h.md5()));
        hashes.add(new Pending(file, "sha1", h.sha1()));
        hashes.add(new Pending(file, "sha256", h.sha256()));
        if (h.pdq().reliable()) {
            hashes.add(new Pending(file, "pdq", h.pdq().hash().toHex()));
        }
        return hashes;
    }

    private static Hashed hash(ImageHasher hasher, Path file) {
        try {
            return new Hashed(file, hasher.hash(Files.readAllBytes(file)));
        } catch (ImageRejectedException | IOException e) {
            return new Hashed(file, null);
        }
    }

    private void check(HttpClient http, List<Pending> pending, Summary summary, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode hashes = request.putArray("hashes");
        for (Pending p : pending) {
            hashes.addObject().put("type", p.type).put("value", p.value);
        }
        request.put("dihedral", dihedral);
        if (banks != null && !banks.isEmpty()) {
            ArrayNode only = request.putArray("banks");
            banks.forEach(only::add);
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(server.resolve("/api/v1/hashcheck"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            summary.failedBatches++;
            err.println(
                    "error: the server answered " + response.statusCode() + ": " + Problems.detail(response.body()));
        } else {
            JsonNode results = JSON.readTree(response.body()).path("results");
            for (int i = 0; i < pending.size(); i++) {
                for (JsonNode match : results.path(i).path("matches")) {
                    summary.matches++;
                    summary.matchedFiles.add(pending.get(i).file);
                    out.printf(
                            "MATCH %s %s bank=%s entry=%d distance=%d label=%s%n",
                            pending.get(i).file,
                            pending.get(i).type,
                            match.path("bank").asString(),
                            match.path("entryId").asLong(),
                            match.path("distance").asInt(),
                            match.path("label").asString(""));
                }
            }
            summary.checked += pending.size();
        }
        pending.clear();
    }

    private record Hashed(Path file, ImageHashes hashes) {}

    private record Pending(Path file, String type, String value) {}

    private static final class Summary {
        long files;
        long images;
        long skipped;
        long checked;
        long matches;
        long failedBatches;
        final java.util.Set<Path> matchedFiles = new java.util.HashSet<>();
    }
}
