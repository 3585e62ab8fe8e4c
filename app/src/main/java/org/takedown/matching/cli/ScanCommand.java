package org.takedown.matching.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;
import org.takedown.matching.HashCheck;
import org.takedown.matching.ImageHasher;
import org.takedown.matching.ImageHashes;
import org.takedown.matching.VideoHasher;
import org.takedown.matching.VideoHashes;
import org.takedown.pdq.PdqHasher;
import org.takedown.pdq.Vpdq;
import org.takedown.shared.cli.Progress;
import org.takedown.shared.errors.InvalidRequestException;
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
 * {@code takedown scan DIR}: hashes every image and video under a directory on this machine, in parallel, and checks
 * the hashes in batches against a Takedown server. Only hashes are sent, never a file.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Hash every image and video under DIR locally (in parallel; PDQ for images, vPDQ for videos, MD5,",
            "SHA-1 and SHA-256 for both) and check the hashes against a Takedown server in batches. Only hashes",
            "leave this machine. Prints each match and a summary; exit 1 when a batch could not be checked."
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
        long start = System.nanoTime();
        try {
            scan(files, summary, out, err);
        } catch (ExecutionException e) {
            err.println("error: " + e.getCause().getMessage());
            return 1;
        }
        summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
        out.printf(
                "Scanned %d files: %d images hashed, %d videos hashed, %d skipped (neither or unreadable); %d hashes"
                        + " checked, %d matches in %d files%s.%n",
                summary.files,
                summary.images,
                summary.videos,
                summary.skipped,
                summary.checked,
                summary.matches,
                summary.matchedFiles.size(),
                summary.failedBatches > 0 ? "; " + summary.failedBatches + " batch(es) could not be checked" : "");
        out.println(timing(summary));
        out.flush();
        return summary.failedBatches > 0 ? 1 : 0;
    }

    /** How fast the files went, and where the hashing threads' time went: reading, decoding, PDQ, digests. */
    private String timing(Summary summary) {
        double seconds = summary.elapsed.toNanos() / 1e9;
        long busy = summary.busyNanos.sum();
        ImageHasher.Costs costs = summary.costs;
        return String.format(
                java.util.Locale.ROOT,
                "%.1f files/s (%d files in %.1f s, %d hashing threads). Hashing threads' time: reading %s,"
                        + " decoding images %s, PDQ %s, digests %s, videos and the rest %s.",
                summary.files / Math.max(seconds, 1e-9),
                summary.files,
                seconds,
                summary.workers,
                share(summary.reading.sum(), busy),
                share(costs.decoding().toNanos(), busy),
                share(costs.pdq().toNanos(), busy),
                share(costs.digests().toNanos(), busy),
                share(
                        busy
                                - summary.reading.sum()
                                - costs.decoding().toNanos()
                                - costs.pdq().toNanos()
                                - costs.digests().toNanos(),
                        busy));
    }

    private static String share(long part, long whole) {
        return whole <= 0 ? "0 %" : Math.round(100.0 * part / whole) + " %";
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
        Hashers hasher = new Hashers(new ImageHasher(maxPixels));
        HttpClient http = HttpClient.newHttpClient();
        int workers =
                Math.max(1, threads != null ? threads : Runtime.getRuntime().availableProcessors());
        summary.workers = workers;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CompletionService<Hashed> hashing = new ExecutorCompletionService<>(pool);
        for (Path file : files) {
            hashing.submit(() -> {
                long start = System.nanoTime();
                try {
                    return hash(hasher, file, summary);
                } finally {
                    summary.busyNanos.add(System.nanoTime() - start);
                }
            });
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
                if (hashed.video) {
                    summary.videos++;
                } else {
                    summary.images++;
                }
                if (frames(pending) + frames(hashed.hashes) > HashCheck.MAX_FRAMES) {
                    check(http, pending, summary, out, err); // a request holds a bounded number of video frames
                }
                pending.addAll(hashed.hashes);
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

    /** The hashes of one file to check: the exact ones, and PDQ or vPDQ when there is something to match. */
    private static List<Pending> pending(Path file, String md5, String sha1, String sha256) {
        List<Pending> hashes = new ArrayList<>(4);
        hashes.add(new Pending(file, "md5", md5, 0));
        hashes.add(new Pending(file, "sha1", sha1, 0));
        hashes.add(new Pending(file, "sha256", sha256, 0));
        return hashes;
    }

    private static Hashed hash(Hashers hasher, Path file, Summary summary) {
        try {
            long start = System.nanoTime();
            byte[] bytes = Files.readAllBytes(file);
            summary.reading.add(System.nanoTime() - start);
            if (ImageHasher.looksLikeImage(bytes)) {
                ImageHashes h = hasher.images().hash(bytes, BUFFERS.get(), summary.costs);
                List<Pending> hashes = pending(file, h.md5(), h.sha1(), h.sha256());
                if (h.pdq().reliable()) {
                    hashes.add(new Pending(file, "pdq", h.pdq().hash().toHex(), 0));
                }
                return new Hashed(file, hashes, false);
            }
            if (!VideoHasher.looksLikeVideo(bytes)) {
                return new Hashed(file, null, false);
            }
            VideoHashes v = hasher.videos().hash(bytes);
            List<Pending> hashes = pending(file, v.md5(), v.sha1(), v.sha256());
            if (!v.usableFrames().isEmpty()) {
                hashes.add(new Pending(
                        file, "vpdq", Vpdq.toJson(v.frames()), v.frames().size()));
            }
            return new Hashed(file, hashes, true);
        } catch (InvalidRequestException | IOException e) {
            return new Hashed(file, null, false);
        }
    }

    /** Each hashing thread's PDQ buffers, kept from one image to the next. */
    private static final ThreadLocal<PdqHasher> BUFFERS = ThreadLocal.withInitial(PdqHasher::new);

    /**
     * The image hasher, and the video hasher made at the first video: making it loads FFmpeg, which a folder of PNG,
     * GIF, WebP or BMP images does not need (a JPEG loads it too, for its decoder).
     */
    private static final class Hashers {
        private final ImageHasher images;
        private @Nullable VideoHasher videos;

        Hashers(ImageHasher images) {
            this.images = images;
        }

        ImageHasher images() {
            return images;
        }

        synchronized VideoHasher videos() {
            if (videos == null) {
                videos = new VideoHasher(VideoHasher.Limits.DEFAULT);
            }
            return videos;
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
                            "MATCH %s %s bank=%s entry=%d distance=%d%s label=%s%n",
                            pending.get(i).file,
                            pending.get(i).type,
                            match.path("bank").asString(),
                            match.path("entryId").asLong(),
                            match.path("distance").asInt(),
                            match.has("queryMatchPercent")
                                    ? String.format(
                                            java.util.Locale.ROOT,
                                            " frames=%.0f%%[%.0f%%]",
                                            match.path("queryMatchPercent").asDouble(),
                                            match.path("comparedMatchPercent").asDouble())
                                    : "",
                            match.path("label").asString(""));
                }
            }
            summary.checked += pending.size();
        }
        pending.clear();
    }

    private record Hashed(Path file, @Nullable List<Pending> hashes, boolean video) {}

    private record Pending(Path file, String type, String value, int frames) {}

    private static int frames(List<Pending> pending) {
        int frames = 0;
        for (Pending p : pending) {
            frames += p.frames;
        }
        return frames;
    }

    private static final class Summary {
        long files;
        long images;
        long videos;
        long skipped;
        long checked;
        long matches;
        long failedBatches;
        final java.util.Set<Path> matchedFiles = new java.util.HashSet<>();
        int workers;
        Duration elapsed = Duration.ZERO;
        final LongAdder busyNanos = new LongAdder();
        final LongAdder reading = new LongAdder();
        final ImageHasher.Costs costs = new ImageHasher.Costs();
    }
}
