package org.takedown.probing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.takedown.matching.Images;
import org.takedown.matching.MatchingProperties;
import org.takedown.probing.CheckResult;
import org.takedown.probing.ProbingProperties;
import org.takedown.probing.internal.SafeFetcher.Failed;
import org.takedown.probing.internal.SafeFetcher.Fetched;
import org.takedown.shared.net.HostResolver;
import org.takedown.support.HostileWeb;
import org.takedown.support.LoopbackSite;
import org.takedown.support.Pictures;
import org.takedown.support.Videos;

/**
 * The prober against a web that plays the attacker (loopback only): every hostile answer ends as a failure or an
 * inconclusive check with a reason, by the fetch's hard deadline, while ordinary URLs checked at the same time are
 * answered normally. The read timeout (2 s) is longer than the pace of the slowest server (a byte every 2 s), so only
 * the hard deadline can end that fetch.
 */
class HostileFetchTests {

    static final Duration DEADLINE = Duration.ofSeconds(4);

    /** The decode limits of the defaults, with two decode slots. */
    static final MatchingProperties MATCHING = new MatchingProperties(
            50_000_000,
            30_000,
            2,
            16,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            null,
            new MatchingProperties.Video(4096, 8_294_400, Duration.ofHours(4), Duration.ofMinutes(1)),
            null,
            null,
            null);

    static HostileWeb hostile;
    static LoopbackSite ordinary;
    static SafeFetcher fetcher;
    static Checker checker;

    /** hostile.example and ordinary.example are on loopback; blackhole.example never answers. */
    static final HostResolver RESOLVER = HostileWeb.withBlackhole(host -> switch (host) {
        case "hostile.example", "ordinary.example" -> List.of(InetAddress.getLoopbackAddress());
        default -> throw new UnknownHostException(host);
    });

    @BeforeAll
    static void start() {
        hostile = HostileWeb.start();
        ordinary = LoopbackSite.start();
        ordinary.pages.put("/photo.jpg", Pictures.photo());
        ProbingProperties properties = new ProbingProperties(
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                DEADLINE,
                DataSize.ofMegabytes(25),
                DataSize.ofMegabytes(256),
                5,
                64,
                true,
                "test",
                false,
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                ProbingProperties.Schedule.standard());
        fetcher = new SafeFetcher(properties, RESOLVER);
        Images images = new Images(MATCHING, new SimpleMeterRegistry());
        checker = new Checker(fetcher, images);
    }

    @AfterAll
    static void stop() throws Exception {
        fetcher.close();
        hostile.close();
        ordinary.close();
    }

    String hostileUrl(String path) {
        return "http://hostile.example:" + hostile.port() + path;
    }

    @Test
    void everyHostileAnswerEndsByTheDeadlineWithAReasonWhileOrdinaryChecksGoOn() throws Exception {
        Map<String, Checker.Verdict> verdicts = new ConcurrentHashMap<>();
        Map<String, Long> took = new ConcurrentHashMap<>();
        List<String> urls = new ArrayList<>();
        HostileWeb.PATHS.forEach(path -> urls.add(hostileUrl(path)));
        urls.add("https://hostile.example:" + hostile.port() + "/silent"); // a TLS handshake that never ends
        urls.add("http://blackhole.example/photo.jpg"); // a name that never resolves
        for (int i = 0; i < 20; i++) {
            urls.add("http://ordinary.example:" + ordinary.port() + "/photo.jpg?n=" + i);
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (String url : urls) {
                running.add(threads.submit(() -> {
                    long start = System.nanoTime();
                    verdicts.put(url, checker.check(url, null));
                    took.put(url, System.nanoTime() - start);
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        for (String url : urls) {
            Checker.Verdict verdict = verdicts.get(url);
            if (url.contains("ordinary.example")) {
                assertThat(verdict.result()).as(url).isEqualTo(CheckResult.ONLINE);
                assertThat(verdict.seen().pdq())
                        .as("the photo has a PDQ fingerprint")
                        .isNotNull();
            } else if (url.endsWith("/png-bomb")
                    || url.endsWith("/png-huge")
                    || url.endsWith("/webp-bomb")
                    || url.endsWith("/gzip-bomb")) {
                // the bytes answer (ONLINE by their SHA-256), but no decoder ever sees more than the header
                assertThat(verdict.result()).as(url).isEqualTo(CheckResult.ONLINE);
                assertThat(verdict.seen().pdq())
                        .as(url + " is not hashed as a picture")
                        .isNull();
            } else {
                assertThat(verdict.result()).as(url).isEqualTo(CheckResult.INCONCLUSIVE);
                assertThat(verdict.detail()).as(url).isNotBlank();
            }
            // the guarantee: nothing holds a check past its deadline (plus scheduling slack on a busy machine)
            assertThat(Duration.ofNanos(took.get(url))).as(url + " took").isLessThan(DEADLINE.plusSeconds(6));
        }
        assertThat(verdicts.get(hostileUrl("/slow-headers")).detail()).contains("hard deadline");
        assertThat(verdicts.get(hostileUrl("/endless")).detail()).contains("TOO_LARGE");
        assertThat(verdicts.get(hostileUrl("/huge-length")).detail()).contains("30000000000");
        assertThat(verdicts.get(hostileUrl("/redirect-loop")).detail()).contains("redirects");
        assertThat(verdicts.get(hostileUrl("/big-headers")).detail()).isNotBlank();
    }

    @Test
    void aCompressedBodyIsNeverInflated() {
        var outcome = fetcher.fetch(hostileUrl("/gzip-bomb"));
        assertThat(outcome).isInstanceOf(Fetched.class);
        assertThat(((Fetched) outcome).body().length)
                .as("the compressed bytes, as sent")
                .isLessThan(1_000_000);
    }

    @Test
    void aNameThatNeverResolvesEndsByTheDeadline() {
        var outcome = fetcher.fetch("http://blackhole.example/");
        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).failure()).isEqualTo(SafeFetcher.Failure.TIMEOUT);
    }

    @Test
    void aCheckThatFindsTheSameBytesDoesNotDecodeThePictureAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger decodes = new java.util.concurrent.atomic.AtomicInteger();
        Images counting = new Images(MATCHING, new SimpleMeterRegistry()) {
            @Override
            public org.takedown.pdq.PdqHash pdq(byte[] bytes) throws InterruptedException {
                decodes.incrementAndGet();
                return super.pdq(bytes);
            }
        };
        Checker counted = new Checker(fetcher, counting);
        String url = "http://ordinary.example:" + ordinary.port() + "/same.jpg";
        ordinary.pages.put("/same.jpg", Pictures.photo());
        Checker.Verdict first = counted.check(url, null);
        assertThat(first.result()).isEqualTo(CheckResult.ONLINE);
        assertThat(first.seen().pdq()).isNotNull();
        assertThat(decodes).hasValue(1);

        Checker.Verdict again = counted.check(url, first.seen());
        assertThat(again.result()).isEqualTo(CheckResult.ONLINE);
        assertThat(again.seen().pdq()).isEqualTo(first.seen().pdq());
        assertThat(decodes).as("the same bytes are not decoded again").hasValue(1);

        ordinary.pages.put("/same.jpg", "a placeholder page".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(counted.check(url, first.seen()).result()).isEqualTo(CheckResult.REPLACED);
        assertThat(decodes).as("other bytes are looked at").hasValue(2);
    }

    @Test
    void aVideoReEncodedIsStillOnlineAndAnotherVideoOrABrokenOneReplacesIt() {
        String url = "http://ordinary.example:" + ordinary.port() + "/clip";
        ordinary.pages.put("/clip", Videos.bytes("original.mp4"));
        Checker.Verdict first = checker.check(url, null);
        assertThat(first.result()).isEqualTo(CheckResult.ONLINE);
        assertThat(first.seen().vpdq())
                .as("the video's frames are the fingerprint")
                .isNotNull();
        assertThat(first.seen().pdq()).isNull();

        ordinary.pages.put("/clip", Videos.bytes("reencoded.webm"));
        assertThat(checker.check(url, first.seen()).result()).isEqualTo(CheckResult.ONLINE);
        ordinary.pages.put("/clip", Videos.bytes("dropped.avi"));
        assertThat(checker.check(url, first.seen()).result()).isEqualTo(CheckResult.ONLINE);
        ordinary.pages.put("/clip", Videos.bytes("unrelated.mp4"));
        assertThat(checker.check(url, first.seen()).result()).isEqualTo(CheckResult.REPLACED);
        byte[] broken = java.util.Arrays.copyOf(Videos.bytes("original.mp4"), 5000);
        ordinary.pages.put("/clip", broken);
        Checker.Verdict refused = checker.check(url, first.seen());
        assertThat(refused.result()).isEqualTo(CheckResult.REPLACED);
        assertThat(refused.seen().vpdq()).isNull();
    }
}
