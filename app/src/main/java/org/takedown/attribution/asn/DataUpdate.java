package org.takedown.attribution.asn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Puts the IP-to-ASN data files into a directory: from the npm registry with {@code npm pack} when npm is installed,
 * or from what the operator names: a directory holding the CSV files, a package {@code .tgz}, or an http(s) URL of
 * one. Files are written next to their final place and moved in, so a failed update leaves the old data. Not
 * thread-safe; one update at a time.
 */
public final class DataUpdate {

    /** The npm packages holding the data. */
    public static final List<String> PACKAGES = List.of("@ip-location-db/asn", "@ip-location-db/asn-country");

    private DataUpdate() {}

    /**
     * Fetches the data into {@code target}.
     *
     * @param from a directory, .tgz file or http(s) URL of a .tgz; null to use npm
     * @return what was done, for the operator
     * @throws IllegalStateException saying what to do when the data cannot be had
     */
    public static String update(Path target, String from) {
        return update(target, from, null);
    }

    /**
     * Fetches the data into {@code target}, first checking the package archive against {@code integrity} when given:
     * npm's {@code dist.integrity} of the package ({@code sha512-<base64>}, Subresource Integrity format). A package
     * that does not match changes nothing.
     *
     * @param integrity null, or the expected digest of the one archive {@code from} names
     */
    public static String update(Path target, String from, @org.jspecify.annotations.Nullable String integrity) {
        if (integrity != null && (from == null || Files.isDirectory(Path.of(from)))) {
            throw new IllegalArgumentException(
                    "--integrity checks one package archive: give --from a .tgz file or URL, not "
                            + (from == null ? "npm (which checks the registry's integrity itself)" : "a directory"));
        }
        try {
            Files.createDirectories(target);
            Path work = Files.createTempDirectory(target, ".update-");
            try {
                List<Path> archives = new ArrayList<>();
                String source = fetch(from, work, archives);
                if (integrity != null) {
                    verify(archives.getFirst(), integrity);
                }
                for (Path archive : archives) {
                    extract(archive, work);
                }
                install(work, target, source);
                Files.writeString(
                        target.resolve("SOURCE.txt"), "From " + source + "\n" + AsnDatabase.ATTRIBUTION + "\n");
                return "IP-to-ASN data from " + source + " is in " + target;
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the data into " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the data from {@code from} (npm when null, a URL, a directory or an archive) into {@code work}: data files
     * copied there, archives added to {@code archives} to be extracted. Returns the source in words.
     */
    private static String fetch(@org.jspecify.annotations.Nullable String from, Path work, List<Path> archives)
            throws IOException {
        if (from == null) {
            archives.addAll(npmPack(work));
            return "npm packages " + String.join(", ", PACKAGES);
        }
        if (from.startsWith("http://") || from.startsWith("https://")) {
            archives.add(download(URI.create(from), work));
        } else if (Files.isDirectory(Path.of(from))) {
            try (Stream<Path> files = Files.walk(Path.of(from))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (AsnDatabase.FILES.contains(name)) {
                        Files.copy(file, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    } else if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
                        archives.add(file);
                    }
                }
            }
        } else if (Files.isRegularFile(Path.of(from))) {
            archives.add(Path.of(from));
        } else {
            throw new IllegalStateException("no such file, directory or URL: " + from);
        }
        return from;
    }

    /** Moves complete data that parses from {@code work} into {@code target}; otherwise changes nothing. */
    private static void install(Path work, Path target, String source) throws IOException {
        List<String> missing = AsnDatabase.FILES.stream()
                .filter(name -> !Files.isRegularFile(work.resolve(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "the data is incomplete, missing " + missing + " (from " + source + "); nothing was changed");
        }
        AsnDatabase.load(work); // refuse data that does not parse before replacing anything
        for (String name : AsnDatabase.FILES) {
            Files.move(
                    work.resolve(name),
                    target.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static List<Path> npmPack(Path work) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("npm", "pack", "--silent", "--pack-destination", work.toString()));
        command.addAll(PACKAGES);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("npm is not installed. Install Node.js with npm, or download the packages"
                    + " " + PACKAGES + " elsewhere and run: takedown data update --from DIR_OR_TGZ");
        }
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("npm pack failed: " + output.strip() + ". Check the connection to the"
                        + " npm registry, or run: takedown data update --from DIR_OR_TGZ");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm was fetching the data");
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(file -> file.toString().endsWith(".tgz")).toList();
        }
    }

    /** The longest a data download may take, from connect to last byte. */
    static final java.time.Duration DOWNLOAD_DEADLINE = java.time.Duration.ofMinutes(10);

    /** The largest package accepted (the data package is some tens of megabytes). */
    static final long MAX_DOWNLOAD = 512L * 1024 * 1024;

    private static Path download(URI uri, Path work) throws IOException {
        Path file = work.resolve("download.tgz");
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(java.time.Duration.ofSeconds(30))
                .build();
        try {
            return org.takedown.shared.net.HardDeadline.within(
                    DOWNLOAD_DEADLINE,
                    () -> {
                        HttpResponse<InputStream> response = client.send(
                                HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream body = response.body()) {
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(uri + " answered " + response.statusCode());
                            }
                            try (var out = Files.newOutputStream(file)) {
                                long copied = body.transferTo(new CappedOutput(out, MAX_DOWNLOAD));
                                if (copied == 0) {
                                    throw new IllegalStateException(uri + " sent an empty body");
                                }
                            }
                        }
                        return file;
                    },
                    client::shutdownNow);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the download of " + uri + " took longer than "
                    + DOWNLOAD_DEADLINE.toMinutes() + " minutes; nothing was replaced");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + uri);
        }
    }

    /** An output that refuses to grow past a limit (a download that never ends must not fill the disk). */
    private static final class CappedOutput extends java.io.FilterOutputStream {
        private final long max;
        private long written;

        CappedOutput(java.io.OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                throw new IOException("the download is larger than " + max / (1024 * 1024) + " MB; refused");
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Refuses {@code archive} unless its digest is the Subresource Integrity string {@code integrity}. */
    static void verify(Path archive, String integrity) throws IOException {
        int dash = integrity.indexOf('-');
        String algorithm = dash < 0 ? "" : integrity.substring(0, dash).toLowerCase(java.util.Locale.ROOT);
        String jca = switch (algorithm) {
            case "sha512" -> "SHA-512";
            case "sha384" -> "SHA-384";
            case "sha256" -> "SHA-256";
            default ->
                throw new IllegalArgumentException(
                        "--integrity is npm's dist.integrity, e.g. sha512-<base64>, not '" + integrity + "'");
        };
        byte[] expected;
        try {
            expected = java.util.Base64.getDecoder()
                    .decode(integrity.substring(dash + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--integrity: the digest is not base64: " + e.getMessage());
        }
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance(jca);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is part of every JDK", e);
        }
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        if (!java.security.MessageDigest.isEqual(expected, digest.digest())) {
            throw new IllegalStateException("the package does not match its integrity " + integrity
                    + " (altered or not the package meant); nothing was changed");
        }
    }

    /** Takes the data files out of a package archive (they sit under package/). */
    static void extract(Path archive, Path work) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && AsnDatabase.FILES.contains(name)) {
                    // capped: a compressed bomb inside the package must not fill the disk
                    try (var out = Files.newOutputStream(work.resolve(name))) {
                        tar.transferTo(new CappedOutput(out, MAX_DOWNLOAD));
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
