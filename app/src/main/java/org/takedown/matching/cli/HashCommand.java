package org.takedown.matching.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.takedown.matching.ImageHasher;
import org.takedown.matching.ImageHashes;
import org.takedown.matching.ImageRejectedException;
import org.takedown.shared.documents.CsvCells;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code takedown hash FILE...}: hashes images locally, without a server or database. */
@Command(
        name = "hash",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Hash image files locally and print CSV: path,pdq,quality,md5,sha1,sha256,error.",
            "A file that cannot be hashed gets a row with the error column filled, and the exit code is 1.",
            "Nothing leaves this machine."
        })
public final class HashCommand implements Callable<Integer> {

    /** The CSV header. */
    public static final String[] HEADER = {"path", "pdq", "quality", "md5", "sha1", "sha256", "error"};

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image files")
    List<Path> files;

    @Option(
            names = "--max-pixels",
            defaultValue = "50000000",
            description = "Refuse images with more pixels (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ImageHasher hasher = new ImageHasher(maxPixels);
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        try (CSVPrinter csv =
                CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out)) {
            for (Path file : files) {
                try {
                    ImageHashes hashes = hasher.hash(read(file));
                    CsvCells.print(
                            csv,
                            file,
                            hashes.pdq().hash().toHex(),
                            hashes.pdq().quality(),
                            hashes.md5(),
                            hashes.sha1(),
                            hashes.sha256(),
                            "");
                } catch (ImageRejectedException | UncheckedIOException e) {
                    failed = true;
                    CsvCells.print(csv, file, "", "", "", "", "", e.getMessage());
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
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
