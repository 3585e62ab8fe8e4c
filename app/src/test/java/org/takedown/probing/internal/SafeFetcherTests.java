package org.takedown.probing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import org.takedown.probing.ProbingProperties;
import org.takedown.probing.internal.SafeFetcher.Failed;
import org.takedown.probing.internal.SafeFetcher.Failure;
import org.takedown.probing.internal.SafeFetcher.Fetched;
import org.takedown.shared.net.ConnectRoute;
import org.takedown.shared.net.HostResolver;
import org.takedown.shared.net.IpLiterals;

/**
 * The SSRF-guarded fetcher against a loopback server: limits (size, redirects, time) and hostile targets, which are
 * refused before any connection (the server counts every request it gets). No traffic leaves loopback: every other
 * address in these tests is refused by the guard before a socket is opened.
 */
class SafeFetcherTests {

    static final Map<String, List<String>> HOSTS = Map.of(
            "site.example", List.of("127.0.0.1"),
            "localhost", List.of("127.0.0.1"),
            "internal.example", List.of("192.168.1.1"),
            "metadata.example", List.of("169.254.169.254"),
            "mixed.example", List.of("10.0.0.1", "127.0.0.1"),
            "sim.example", List.of("192.0.2.5"));

    static final HostResolver RESOLVER = host -> {
        List<String> ips = HOSTS.get(host);
        if (ips == null) {
            throw new UnknownHostException(host + ": no such host");
        }
        return ips.stream().map(IpLiterals::parse).toList();
    };

    HttpServer server;
    int port;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/to")) {
                String target = java.net.URLDecoder.decode(
                        exchange.getRequestURI().getRawQuery().substring("u=".length()), StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Location", target);
                exchange.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/hop/")) {
                int left = Integer.parseInt(path.substring("/hop/".length()));
                exchange.getResponseHeaders().add("Location", left == 0 ? "/page" : "/hop/" + (left - 1));
                exchange.sendResponseHeaders(301, -1);
            } else if (path.equals("/big")) {
                exchange.sendResponseHeaders(200, 0); // chunked, no length announced
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(new byte[200_000]);
                } catch (IOException closedByTheFetcher) {
                    // expected: the fetcher stops reading
                }
            } else if (path.equals("/slow")) {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(3_000);
                } catch (IOException | InterruptedException expected) {
                    // the fetcher gave up
                }
            } else if (path.equals("/sized")) {
                exchange.sendResponseHeaders(200, 60_000);
                exchange.getResponseBody().write(new byte[60_000]);
            } else if (path.equals("/gone")) {
                exchange.sendResponseHeaders(410, -1);
            } else {
                byte[] body = "<html><title>t</title>page</html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static SafeFetcher fetcher(boolean allowLoopback) {
        return new SafeFetcher(properties(allowLoopback), RESOLVER);
    }

    static ProbingProperties properties(boolean allowLoopback) {
        return properties(allowLoopback, DataSize.ofMegabytes(256));
    }

    static ProbingProperties properties(boolean allowLoopback, DataSize bodiesInFlight) {
        return new ProbingProperties(
                Duration.ofSeconds(2),
                Duration.ofMillis(700),
                Duration.ofSeconds(5),
                DataSize.ofKilobytes(64),
                bodiesInFlight,
                5,
                4,
                allowLoopback,
                "takedown-test",
                false,
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                ProbingProperties.Schedule.standard());
    }

    @Test
    void bodiesInFlightShareOneBudgetHeldWhileTheCallerLooks() throws Exception {
        // room for two 60 KB bodies being looked at, not three
        try (SafeFetcher fetcher = new SafeFetcher(properties(true, DataSize.ofKilobytes(160)), RESOLVER)) {
            String url = "http://site.example:" + port + "/sized";
            java.util.concurrent.CountDownLatch looking = new java.util.concurrent.CountDownLatch(2);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            List<Thread> holders = new java.util.ArrayList<>();
            List<SafeFetcher.Outcome> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < 2; i++) {
                holders.add(Thread.ofVirtual()
                        .start(() -> fetcher.fetch(url, outcome -> {
                            held.add(outcome);
                            looking.countDown();
                            try {
                                done.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return null;
                        })));
            }
            assertThat(looking.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(held).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Fetched.class));
            assertThat(fetcher.roomLeft()).isLessThan(60_000);
            SafeFetcher.Outcome third = fetcher.fetch(url, outcome -> outcome);
            assertThat(third).isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.failure()).isEqualTo(Failure.BUSY);
                assertThat(failed.detail()).contains("no room for the body");
            });
            done.countDown();
            for (Thread holder : holders) {
                holder.join();
            }
            SafeFetcher.Outcome after = fetcher.fetch(url, outcome -> outcome);
            assertThat(after).isInstanceOf(Fetched.class);
            assertThat(fetcher.roomLeft()).as("all room given back").isEqualTo(160 * 1024);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> new SafeFetcher(properties(true, DataSize.ofKilobytes(100)), RESOLVER)))
                .hasMessageContaining("must hold at least two bodies of max-body");
    }

    @Test
    void fetchesBodiesAndStatusesAndFollowsRedirects() throws IOException {
        try (SafeFetcher fetcher = fetcher(true)) {
            Fetched page = (Fetched) fetcher.fetch("http://site.example:" + port + "/page");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("page");

            assertThat(((Fetched) fetcher.fetch("http://site.example:" + port + "/gone")).status())
                    .isEqualTo(410);

            Fetched redirected = (Fetched) fetcher.fetch("http://site.example:" + port + "/hop/4");
            assertThat(redirected.redirects()).isEqualTo(5);
            assertThat(redirected.url().getPath()).isEqualTo("/page");

            Failed tooMany = (Failed) fetcher.fetch("http://site.example:" + port + "/hop/5");
            assertThat(tooMany.failure()).isEqualTo(Failure.TOO_MANY_REDIRECTS);
        }
    }

    @Test
    void stopsAtTheLimitsOfSizeAndTime() throws IOException {
        try (SafeFetcher fetcher = fetcher(true)) {
            assertThat(((Failed) fetcher.fetch("http://site.example:" + port + "/big")).failure())
                    .isEqualTo(Failure.TOO_LARGE);
            assertThat(((Failed) fetcher.fetch("http://site.example:" + port + "/slow")).failure())
                    .isEqualTo(Failure.TIMEOUT);
            assertThat(((Failed) fetcher.fetch("http://nowhere.example/")).failure())
                    .isEqualTo(Failure.NO_SUCH_HOST);
            int closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            assertThat(((Failed) fetcher.fetch("http://127.0.0.1:" + closed + "/")).failure())
                    .isEqualTo(Failure.CONNECTION_REFUSED);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:PORT/page",
                "http://[::1]:PORT/page",
                "http://localhost:PORT/page",
                "http://site.example:PORT/page",
                "http://2130706433:PORT/page",
                "http://[::ffff:127.0.0.1]:PORT/page"
            })
    void refusesLoopbackUnlessTheSimulationAllowsIt(String url) throws IOException {
        try (SafeFetcher fetcher = fetcher(false)) {
            Failed refused = (Failed) fetcher.fetch(url.replace("PORT", String.valueOf(port)));
            assertThat(refused.failure()).isIn(Failure.REFUSED_ADDRESS, Failure.NO_SUCH_HOST);
        }
        assertThat(requests).as("no request reached the server").hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:PORT/page",
                "http://localhost:PORT/page",
                "http://site.example:PORT/page",
                "http://sim.example:PORT/to?u=http%3A%2F%2F127.0.0.1%3APORT%2Fpage"
            })
    void withTheSimulationsRouteOnlyItsOwnAddressesReachLoopback(String url) throws IOException {
        ConnectRoute simulation = (address, p) -> IpLiterals.text(address).startsWith("192.0.2.")
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                : null;
        try (SafeFetcher fetcher = new SafeFetcher(properties(true), RESOLVER, simulation)) {
            Fetched simulated = (Fetched) fetcher.fetch("http://sim.example:" + port + "/page");
            assertThat(simulated.status()).as("the simulated company's site").isEqualTo(200);
            int before = requests.get();
            Failed refused = (Failed) fetcher.fetch(url.replace("PORT", String.valueOf(port)));
            assertThat(refused.failure()).isEqualTo(Failure.REFUSED_ADDRESS);
            assertThat(refused.detail()).contains("loopback");
            assertThat(requests.get() - before)
                    .as("at most the simulated site's redirect was requested")
                    .isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:10.0.0.1]/",
                "http://internal.example/admin",
                "http://metadata.example/",
                "http://[fd00::1]/",
                "http://100.64.0.1/",
                "http://0.0.0.0:PORT/",
                "file:///etc/passwd",
                "gopher://127.0.0.1:25/"
            })
    void refusesHostileRedirectsOnEveryHop(String target) throws IOException {
        try (SafeFetcher fetcher = fetcher(true)) {
            Failed refused = (Failed) fetcher.fetch("http://site.example:" + port + "/to?u="
                    + java.net.URLEncoder.encode(target.replace("PORT", String.valueOf(port)), StandardCharsets.UTF_8));
            assertThat(refused.failure()).isIn(Failure.REFUSED_ADDRESS, Failure.BAD_URL);
            assertThat(refused.detail()).containsAnyOf("refused", "only http and https");
        }
        assertThat(requests)
                .as("only the redirecting request reached the server")
                .hasValue(1);
    }

    @Test
    void connectsOnlyToTheAddressesThatPassed() throws IOException {
        try (SafeFetcher fetcher = fetcher(true)) {
            // mixed.example answers with a private address and loopback: only loopback (allowed here) is used
            assertThat(((Fetched) fetcher.fetch("http://mixed.example:" + port + "/page")).status())
                    .isEqualTo(200);
        }
        try (SafeFetcher fetcher = fetcher(false)) {
            Failed refused = (Failed) fetcher.fetch("http://mixed.example:" + port + "/page");
            assertThat(refused.detail()).contains("10.0.0.1 (private)").contains("127.0.0.1 (loopback)");
        }
    }

    @Test
    void refusesWhatIsNotAWebUrl() throws IOException {
        try (SafeFetcher fetcher = fetcher(true)) {
            assertThat(((Failed) fetcher.fetch("ftp://site.example/x")).failure())
                    .isEqualTo(Failure.BAD_URL);
            assertThat(((Failed) fetcher.fetch("http://user:pw@site.example:" + port + "/")).failure())
                    .isEqualTo(Failure.BAD_URL);
            assertThat(((Failed) fetcher.fetch("not a url")).failure()).isEqualTo(Failure.BAD_URL);
        }
    }
}
