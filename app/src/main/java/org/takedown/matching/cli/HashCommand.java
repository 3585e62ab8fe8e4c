package org.takedown.matching.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.takedown.matching.ImageHasher;
import org.takedown.matching.ImageHashes;
import org.takedown.matching.ImageRejectedException;
import org.takedown.matching.VideoHasher;
import org.takedown.matching.VideoHashes;
import org.takedown.pdq.Vpdq;
import org.takedown.shared.documents.CsvCells;
import org.takedown.shared.errors.InvalidRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code takedown hash FILE...}: hashes images and videos locally, without a server or database. */
@Command(
        name = "hash",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Hash image and video files locally. Images get PDQ, videos vPDQ (a PDQ hash a second), both the",
            "MD5, SHA-1 and SHA-256 of the file. --format csv (default): path,pdq,quality,md5,sha1,sha256,vpdq,error",
            "(vpdq in HMA's form); jsonl: one object per file; vpdq: Meta's vPDQ text (frame,quality,pdq,seconds per",
            "line) of each video, after a '# FILE' line when there are several files.",
            "A file that cannot be hashed gets its error and the exit code is 1. Nothing leaves this machine."
        })
public final class HashCommand implements Callable<Integer> {

    /** The CSV header. */
    public static final String[] HEADER = {"path", "pdq", "quality", "md5", "sha1", "sha256", "vpdq", "error"};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The output forms. */
    enum Format {
        CSV,
        JSONL,
        VPDQ
    }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image or video files")
    List<Path> files;

    @Option(names = "--format", defaultValue = "csv", description = "csv, jsonl or vpdq (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(
            names = "--max-pixels",
            defaultValue = "50000000",
            description = "Refuse images with more pixels (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(
            names = "--video-deadline",
            defaultValue = "PT10M",
            description = "Refuse a video that takes longer to decode (ISO-8601 duration, default: ${DEFAULT-VALUE})")
    Duration videoDeadline;

    @Spec
    CommandSpec spec;

    /** One file's hashes, or why it has none. */
    private record Hashed(Path file, ImageHashes image, VideoHashes video, String error) {}

    @Override
    public Integer call() throws IOException {
        ImageHasher images = new ImageHasher(maxPixels);
        VideoHasher.Limits defaults = VideoHasher.Limits.DEFAULT;
        VideoHasher videos = new VideoHasher(
                new VideoHasher.Limits(defaults.maxSide(), defaults.maxPixels(), defaults.maxSeconds(), videoDeadline));
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        try (CSVPrinter csv = format == Format.CSV
                ? CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out)
                : null) {
            for (Path file : files) {
                Hashed hashed = hash(file, images, videos);
                failed |= hashed.error() != null;
                switch (format) {
                    case CSV -> csvRow(csv, hashed);
                    case JSONL -> out.println(JSON.writeValueAsString(jsonLine(hashed)));
                    case VPDQ -> failed |= !vpdqText(out, hashed);
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private static Hashed hash(Path file, ImageHasher images, VideoHasher videos) {
        try {
            byte[] bytes = read(file);
            if (VideoHasher.looksLikeVideo(bytes)) {
                return new Hashed(file, null, videos.hash(bytes), null);
            }
            return new Hashed(file, images.hash(bytes), null, null);
        } catch (InvalidRequestException | UncheckedIOException e) {
            return new Hashed(file, null, null, e.getMessage());
        }
    }

    private static void csvRow(CSVPrinter csv, Hashed h) throws IOException {
        if (h.image() != null) {
            ImageHashes i = h.image();
            CsvCells.print(
                    csv, h.file(), i.pdq().hash().toHex(), i.pdq().quality(), i.md5(), i.sha1(), i.sha256(), "", "");
        } else if (h.video() != null) {
            VideoHashes v = h.video();
            CsvCells.print(csv, h.file(), "", "", v.md5(), v.sha1(), v.sha256(), Vpdq.toJson(v.frames()), "");
        } else {
            CsvCells.print(csv, h.file(), "", "", "", "", "", "", h.error());
        }
    }

    private static Map<String, Object> jsonLine(Hashed h) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", h.file().toString());
        if (h.image() != null) {
            line.put("kind", "image");
            line.put("pdq", h.image().pdq().hash().toHex());
            line.put("quality", h.image().pdq().quality());
            digests(line, h.image().md5(), h.image().sha1(), h.image().sha256());
        } else if (h.video() != null) {
            line.put("kind", "video");
            line.put("seconds", h.video().seconds());
            line.put(
                    "vpdq",
                    h.video().frames().stream()
                            .map(f -> Map.of(
                                    "frame", f.number(),
                                    "quality", f.quality(),
                                    "pdq", f.hash().toHex(),
                                    "seconds", f.seconds()))
                            .toList());
            digests(line, h.video().md5(), h.video().sha1(), h.video().sha256());
        } else {
            line.put("error", h.error());
        }
        return line;
    }

    private static void digests(Map<String, Object> line, String md5, String sha1, String sha256) {
        line.put("md5", md5);
        line.put("sha1", sha1);
        line.put("sha256", sha256);
    }

    /** Meta's vPDQ text of a video; false (with the reason on standard error) for anything else. */
    private boolean vpdqText(PrintWriter out, Hashed h) {
        if (h.video() == null) {
            spec.commandLine()
                    .getErr()
                    .println(h.file() + ": " + (h.error() != null ? h.error() : "not a video: vPDQ is for videos"));
            return false;
        }
        if (files.size() > 1) {
            out.println("# " + h.file());
        }
        out.print(Vpdq.toText(h.video().frames()));
        return true;
    }

    private static byte[] read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ImageRejectedException("no such file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file: " + e.getMessage(), e);
        }
    }
}
