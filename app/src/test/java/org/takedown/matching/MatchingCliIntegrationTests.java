package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.documents.LineFile;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.Cli;
import org.takedown.support.IntegrationTest;
import org.takedown.support.TestDatabase;
import org.takedown.support.Videos;

/** The hosting companies' command line: hashing files, importing lists, scanning a directory against a server. */
@IntegrationTest
class MatchingCliIntegrationTests {

    static final Path IMAGES = ImageHasherTests.PDQ.resolve("images");

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    Banks banks;

    @Autowired
    org.springframework.core.env.Environment environment;

    @TempDir
    Path dir;

    TestDatabase.Info database() {
        return TestDatabase.Info.of(environment);
    }

    @Test
    void hashPrintsCsvAndFlagsUnreadableFiles() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");
        String output = Cli.runExactly(
                "hash",
                IMAGES.resolve("dih/bridge-1-original.jpg").toString(),
                text.toString(),
                dir.resolve("missing.jpg").toString());
        List<String> lines = output.substring(2).lines().toList();
        assertThat(output).startsWith("1|");
        assertThat(lines.get(0)).isEqualTo("path,pdq,quality,md5,sha1,sha256,vpdq,error");
        assertThat(lines.get(1))
                .matches(".*bridge-1-original.jpg,[0-9a-f]{64},100,[0-9a-f]{32},[0-9a-f]{40},[0-9a-f]{64},,");
        assertThat(lines.get(2))
                .endsWith("notes.txt,,,,,,,\"not an image Takedown can read (JPEG, PNG, GIF, WebP or BMP)\"");
        assertThat(lines.get(3)).endsWith("missing.jpg,,,,,,,no such file");
        assertThat(Cli.runExactly("hash", IMAGES.resolve("pen-and-coaster.png").toString()))
                .startsWith("0|");
    }

    @Test
    void hashPrintsVpdqForVideosInMetasTextCsvAndJsonLines() {
        String text = Cli.runExactly(
                "hash", "--format", "vpdq", Videos.path("original.mp4").toString());
        assertThat(text).startsWith("0|");
        List<String> frames = text.substring(2).lines().toList();
        assertThat(frames).hasSize(10);
        assertThat(frames.get(1)).matches("25,\\d+,[0-9a-f]{64},1\\.000");
        assertThat(org.takedown.pdq.Vpdq.parse(text.substring(2))).hasSize(10);

        String csv = Cli.runExactly(
                "hash",
                Videos.path("trimmed.mp4").toString(),
                IMAGES.resolve("pen-and-coaster.png").toString());
        List<String> rows = csv.substring(2).lines().toList();
        assertThat(rows.get(1)).contains("trimmed.mp4,,,").contains("\"[\"\"").endsWith(",");
        assertThat(rows.get(2)).contains("pen-and-coaster.png,");

        String jsonl = Cli.runExactly(
                "hash",
                "--format",
                "JSONL",
                Videos.path("reencoded.webm").toString(),
                IMAGES.resolve("pen-and-coaster.png").toString(),
                dir.resolve("missing.mp4").toString());
        assertThat(jsonl).startsWith("1|");
        List<String> objects = jsonl.substring(2).lines().toList();
        assertThat(objects.get(0)).contains("\"kind\":\"video\"").contains("\"vpdq\":[{");
        assertThat(objects.get(1)).contains("\"kind\":\"image\"");
        assertThat(objects.get(2)).contains("\"error\":\"no such file\"");
        assertThat(Cli.runExactly(
                        "hash",
                        "--format",
                        "vpdq",
                        IMAGES.resolve("pen-and-coaster.png").toString()))
                .startsWith("1|")
                .contains("not a video");
    }

    @Test
    void scanChecksVideosByTheirFrames() throws IOException {
        String name = "scan-video-" + UUID.randomUUID().toString().substring(0, 8);
        banks.create(name, "police", null, null);
        String listed = org.takedown.pdq.Vpdq.toJson(Videos.frames("original.mp4"));
        banks.importEntries(
                name,
                new java.io.ByteArrayInputStream(
                        ("vpdq,\"" + listed.replace("\"", "\"\"") + "\",listed clip\n").getBytes()),
                LineFile.Format.CSV,
                null,
                lines -> {});
        Path uploads = Files.createDirectories(dir.resolve("videos"));
        Files.copy(Videos.path("reencoded.webm"), uploads.resolve("upload-1.webm"));
        Files.copy(Videos.path("unrelated.mp4"), uploads.resolve("upload-2.mp4"));
        String key = keys.create("video-scanner", List.of(ApiScope.HASHCHECK), null, null)
                .token();
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(Cli.runExactly(
                                "scan",
                                uploads.toString(),
                                "--server",
                                "http://127.0.0.1:" + port,
                                "--key",
                                key,
                                "--bank",
                                name))
                        .startsWith("0|")
                        .contains("upload-1.webm vpdq bank=" + name)
                        .contains("frames=100%[100%] label=listed clip")
                        .contains("Scanned 2 files: 0 images hashed, 2 videos hashed, 0 skipped")
                        .contains("1 matches in 1 files"));
    }

    @Test
    void banksAreCreatedAndFilledLocally() throws IOException {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Cli.run(database(), "bank", "create", name, "--source", "police"))
                .startsWith("0|Created hash list");
        Path csv = Files.writeString(
                dir.resolve("list.csv"),
                "type,value,label\nmd5," + "4".repeat(32) + ",a\nmd5," + "4".repeat(32) + ",again\n");
        assertThat(Cli.run(database(), "bank", "import", name, csv.toString(), "--provenance", "test"))
                .startsWith("0|")
                .contains("2 lines, 1 added, 1 duplicates");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"type\":\"md5\",\"value\":\"zz\"}\n");
        assertThat(Cli.run(database(), "bank", "import", name, bad.toString()))
                .startsWith("1|")
                .contains("line 1: a md5 value has 32 hex digits, not 2");
        assertThat(Cli.run(database(), "bank", "list")).contains(name, "police", "enabled");
        assertThat(banks.search(HashType.MD5, "4".repeat(32))).hasSize(1);
    }

    @Test
    void aPlainListOfOneTypeIsImportedWholeOrNotAtAllLocallyAndThroughAServer() throws IOException {
        String name = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        banks.create(name, "police", null, null);
        String md5a = "a1".repeat(16);
        String md5b = "B2".repeat(16);
        Path plain = Files.writeString(
                dir.resolve("police-md5.txt"),
                "# md5 hashes handed over by the police\n" + md5a + "\n\n" + md5b + "  case 2026-17\n" + md5a + "\n");
        assertThat(Cli.run(database(), "bank", "import", name, plain.toString(), "--type", "md5"))
                .startsWith("0|")
                .contains("3 lines, 2 added, 1 duplicates");
        assertThat(banks.search(HashType.MD5, md5b))
                .singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("case 2026-17"));
        Path wrong = Files.writeString(dir.resolve("mixed.txt"), "c3".repeat(16) + "\n" + "d4".repeat(20) + "\n");
        assertThat(Cli.run(database(), "bank", "import", name, wrong.toString(), "--type", "md5"))
                .startsWith("1|")
                .contains("line 2: a md5 value has 32 hex digits, not 40");
        assertThat(banks.search(HashType.MD5, "c3".repeat(16)))
                .as("nothing of a refused file")
                .isEmpty();
        assertThat(Cli.run(database(), "bank", "import", name, plain.toString(), "--type", "crc32"))
                .startsWith("2|")
                .contains("unknown type 'crc32'");

        String key =
                keys.create("cli-plain", List.of(ApiScope.BANKS), null, null).token();
        Path sha1 = Files.writeString(dir.resolve("ncmec-sha1.txt"), "e5".repeat(20) + "\n");
        assertThat(Cli.runExactly(
                        "bank",
                        "import",
                        name,
                        sha1.toString(),
                        "--type",
                        "sha1",
                        "--server",
                        "http://127.0.0.1:" + port,
                        "--key",
                        key))
                .startsWith("0|")
                .contains("\"added\":1");
        assertThat(banks.search(HashType.SHA1, "e5".repeat(20))).hasSize(1);
    }

    @Test
    void aListIsExportedInTheFormatsTheImportReadsAndComesBackTheSame() throws IOException {
        String name = "export-" + UUID.randomUUID().toString().substring(0, 8);
        banks.create(name, "police", null, null);
        Path csv = Files.writeString(
                dir.resolve("export-source.csv"),
                "type,value,label\nmd5," + "6a".repeat(16) + ",\"a, with comma\"\nsha1," + "6b".repeat(20) + ",\nmd5,"
                        + "6c".repeat(16) + ",gone\n");
        assertThat(Cli.run(database(), "bank", "import", name, csv.toString())).startsWith("0|");
        long gone = banks.search(HashType.MD5, "6c".repeat(16)).getFirst().id();
        banks.disableEntry(gone);

        Path out = dir.resolve("exported.csv");
        assertThat(Cli.run(database(), "bank", "export", name, "--out", out.toString()))
                .startsWith("0|")
                .contains("Exported 2 entries");
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        "type,value,label",
                        "md5," + "6a".repeat(16) + ",\"a, with comma\"",
                        "sha1," + "6b".repeat(20) + ",");
        String copy = name + "-copy";
        banks.create(copy, "police", null, null);
        assertThat(Cli.run(database(), "bank", "import", copy, out.toString())).contains("2 added");
        assertThat(banks.search(HashType.MD5, "6a".repeat(16)))
                .filteredOn(e -> e.bank().equals(copy))
                .singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("a, with comma"));

        assertThat(Cli.run(database(), "bank", "export", name, "--format", "plain", "--type", "md5"))
                .startsWith("0|")
                .contains("6a".repeat(16))
                .doesNotContain("6b".repeat(20), "6c".repeat(16));
        assertThat(Cli.run(database(), "bank", "export", name, "--format", "jsonl"))
                .contains("{\"type\":\"sha1\",\"value\":\"" + "6b".repeat(20) + "\",\"label\":null}");
        assertThat(Cli.run(database(), "bank", "export", name, "--format", "plain"))
                .startsWith("1|")
                .contains("a plain list holds one type");
    }

    @Test
    void hmasSignalFilesGoInAndOutWholeOrNotAtAll() throws IOException {
        String name = "hma-" + UUID.randomUUID().toString().substring(0, 8);
        banks.create(name, "industry", null, null);
        String vpdq = org.takedown.pdq.Vpdq.toJson(Videos.frames("trimmed.mp4"));
        String pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
        Path file = Files.writeString(
                dir.resolve("bank.txt"),
                "# exported from HMA\npdq " + pdq + "\nvideo_md5 " + "7d".repeat(16) + "\nvpdq " + vpdq + "\n");
        assertThat(Cli.run(database(), "bank", "import", name, file.toString(), "--hma"))
                .startsWith("0|")
                .contains("3 lines, 3 added");
        assertThat(banks.search(HashType.MD5, "7d".repeat(16))).hasSize(1);
        assertThat(Cli.run(database(), "bank", "export", name, "--format", "hma"))
                .startsWith("0|")
                .contains("pdq " + pdq + "\n")
                .contains("md5 " + "7d".repeat(16) + "\n")
                .contains("vpdq " + vpdq + "\n");
        Path bad = Files.writeString(
                dir.resolve("bad-bank.txt"), "pdq " + "1".repeat(64) + "\ntmk 00ff\nvpdq\nmd5 " + "8e".repeat(16));
        assertThat(Cli.run(database(), "bank", "import", name, bad.toString(), "--hma"))
                .startsWith("1|")
                .contains("line 2: unknown type 'tmk'")
                .contains("line 3: an HMA signal line is 'signal_type signal'");
        assertThat(banks.search(HashType.MD5, "8e".repeat(16)))
                .as("nothing of a refused file")
                .isEmpty();
        String key = keys.create("cli-hma", List.of(ApiScope.BANKS), null, null).token();
        Path more = Files.writeString(dir.resolve("more.txt"), "sha256 " + "9f".repeat(32) + "\n");
        assertThat(Cli.runExactly(
                        "bank",
                        "import",
                        name,
                        more.toString(),
                        "--hma",
                        "--server",
                        "http://127.0.0.1:" + port,
                        "--key",
                        key))
                .startsWith("0|")
                .contains("\"added\":1");
    }

    @Test
    void importThroughAServer() throws IOException {
        String name = "remote-" + UUID.randomUUID().toString().substring(0, 8);
        banks.create(name, "interpol", null, null);
        String key = keys.create("cli", List.of(ApiScope.BANKS), null, null).token();
        Path file = Files.writeString(
                dir.resolve("list.jsonl"),
                "{\"type\":\"sha1\",\"value\":\"" + "5".repeat(40) + "\",\"label\":\"x\"}\n");
        assertThat(Cli.runExactly(
                        "bank", "import", name, file.toString(), "--server", "http://127.0.0.1:" + port, "--key", key))
                .startsWith("0|")
                .contains("\"added\":1");
        assertThat(Cli.runExactly(
                        "bank",
                        "import",
                        "no-such-list",
                        file.toString(),
                        "--server",
                        "http://127.0.0.1:" + port,
                        "--key",
                        key))
                .startsWith("1|")
                .contains("404", "no hash list named 'no-such-list'");
    }

    @Test
    void scanFindsKnownImagesAndSendsOnlyHashes() throws IOException {
        String name = "scan-" + UUID.randomUUID().toString().substring(0, 8);
        banks.create(name, "hotline-confirmed", null, null);
        Path tree = dir.resolve("uploads/2026/11");
        Files.createDirectories(tree);
        Files.copy(IMAGES.resolve("dih/bridge-1-original.jpg"), tree.resolve("a.jpg"));
        Files.copy(IMAGES.resolve("labelme-subset/q0291.jpg"), tree.resolve("b.jpg"));
        Files.copy(IMAGES.resolve("pen-and-coaster.png"), dir.resolve("uploads/c.png"));
        Files.writeString(dir.resolve("uploads/readme.txt"), "text");
        String pdq =
                ImageHasherTests.expected("images/dih/bridge-1-original.jpg").toHex();
        banks.importEntries(
                name,
                new java.io.ByteArrayInputStream(("pdq," + pdq + ",bridge\n").getBytes()),
                LineFile.Format.CSV,
                null,
                lines -> {});
        String key =
                keys.create("scanner", List.of(ApiScope.HASHCHECK), null, null).token();

        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(Cli.runExactly(
                                "scan",
                                dir.resolve("uploads").toString(),
                                "--server",
                                "http://127.0.0.1:" + port,
                                "--key",
                                key,
                                "--batch",
                                "2",
                                "--bank",
                                name))
                        .startsWith("0|")
                        .contains("a.jpg pdq bank=" + name)
                        .contains("label=bridge")
                        .contains("Scanned 4 files: 3 images hashed, 0 videos hashed, 1 skipped")
                        .contains("1 matches in 1 files"));
        assertThat(Cli.runExactly("scan", dir.toString(), "--server", "http://127.0.0.1:" + port, "--key", "wrong"))
                .startsWith("1|")
                .contains("401");
        // the key from a file, out of the process list
        Path keyFile = Files.writeString(dir.resolve("key.txt"), key + "\n");
        String scanned = Cli.runExactly(
                "scan",
                dir.resolve("uploads").toString(),
                "--server",
                "http://127.0.0.1:" + port,
                "--key-file",
                keyFile.toString(),
                "--bank",
                name,
                "--threads",
                "2");
        assertThat(scanned).startsWith("0|").contains("1 matches in 1 files");
        // the speed, and where the hashing threads' time went, in shares that add up to the whole
        java.util.regex.Matcher timing = java.util.regex.Pattern.compile(
                        "[0-9.]+ files/s \\(4 files in [0-9.]+ s, 2 hashing threads\\)\\. Hashing threads' time:"
                                + " reading (\\d+) %, decoding images (\\d+) %, PDQ (\\d+) %, digests (\\d+) %,"
                                + " videos and the rest (\\d+) %\\.")
                .matcher(scanned);
        assertThat(timing.find()).as(scanned).isTrue();
        int total = 0;
        for (int part = 1; part <= 5; part++) {
            total += Integer.parseInt(timing.group(part));
        }
        assertThat(total).isBetween(97, 103);
        assertThat(Integer.parseInt(timing.group(2))).as("decoding").isPositive();
    }
}
