package org.takedown.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.takedown.matching.VideoHasher;
import org.takedown.matching.VideoHashes;

/**
 * vPDQ of a whole video held in memory, on one thread: {@code vpdq} decodes the frames (skipping those no other frame
 * refers to away from the seconds it hashes) and hashes one a second; {@code decodeOnly} does the same decoding and
 * scaling without the PDQ hashes; {@code decodeEveryFrame} decodes every frame, as a plain decoder must. Ratios from one
 * run; frames hashed per second are the videos per second times the video's seconds. {@code -p file=...} picks the video (default: the 256x192 test video).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class VideoHashingBenchmark {

    @Param({"app/src/test/resources/video/original.mp4"})
    public String file;

    private byte[] video;
    private final VideoHasher hasher = new VideoHasher(VideoHasher.Limits.DEFAULT);

    @Setup
    public void setUp() throws IOException {
        video = Files.readAllBytes(Path.of(file));
        VideoHashes hashes = hasher.hash(video);
        System.out.printf(
                "%n%s: %d frames decoded, %d hashed, %dx%d%n",
                file, hashes.decodedFrames(), hashes.frames().size(), hashes.width(), hashes.height());
    }

    @Benchmark
    public VideoHashes vpdq() {
        return hasher.hash(video);
    }

    @Benchmark
    public VideoHashes decodeOnly() {
        return hasher.decodeOnly(video);
    }

    @Benchmark
    public VideoHashes decodeEveryFrame() {
        return hasher.decodeEveryFrame(video);
    }
}
