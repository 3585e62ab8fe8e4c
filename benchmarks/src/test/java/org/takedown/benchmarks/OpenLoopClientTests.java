package org.takedown.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The harness's open-loop client, against the JDK's HTTP server on loopback. */
class OpenLoopClientTests {

    private HttpServer server;
    private final Map<String, String> received = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * A server that answers each body "n" with status 200 + n % 2 (so 200 or 201), after {@code delayMillis}, with a
     * length or chunked, keeping the connection open or closing it.
     */
    private URI serve(long delayMillis, boolean chunked, boolean close) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/check", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.put(body, exchange.getRequestHeaders().getFirst("Authorization"));
                Thread.sleep(delayMillis);
                byte[] answer = ("{\"n\":" + body + "}").getBytes(StandardCharsets.UTF_8);
                if (close) {
                    exchange.getResponseHeaders().add("Connection", "close");
                }
                exchange.sendResponseHeaders(200 + Integer.parseInt(body) % 2, chunked ? 0 : answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private record Recorded(long scheduled, long answered, int status) {}

    private Map<Long, Recorded> run(OpenLoopClient client, int total, long intervalNanos) throws Exception {
        Map<Long, Recorded> recorded = new ConcurrentHashMap<>();
        client.run(
                total,
                intervalNanos,
                n -> Long.toString(n).getBytes(StandardCharsets.UTF_8),
                (n, scheduled, answered, status) -> {
                    Recorded before = recorded.put(n, new Recorded(scheduled, answered, status));
                    assertThat(before).as("request %d recorded twice", n).isNull();
                },
                TimeUnit.SECONDS.toNanos(10));
        return recorded;
    }

    @Test
    void everyRequestIsSentOnceAndItsAnswerRecordedOnce() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            received.clear();
            URI uri = serve(0, chunked, false);
            OpenLoopClient client = new OpenLoopClient(uri, "/check", "k1");

            Map<Long, Recorded> recorded = run(client, 400, TimeUnit.MILLISECONDS.toNanos(1));

            assertThat(recorded).hasSize(400);
            assertThat(received).hasSize(400).containsEntry("399", "Bearer k1");
            recorded.forEach((n, r) -> {
                assertThat(r.status()).isEqualTo(200 + (int) (n % 2));
                assertThat(r.answered()).isGreaterThan(r.scheduled());
            });
            assertThat(client.opened()).as("connections reused").isLessThan(400);
            server.stop(0);
        }
    }

    @Test
    void aSlowServerGetsMoreConnectionsAndItsDelayCountsFromTheSchedule() throws Exception {
        URI uri = serve(50, false, false);
        OpenLoopClient client = new OpenLoopClient(uri, "/check", "k");

        // 200 a second for half a second, each answered after 50 ms: about 10 in flight at a time
        Map<Long, Recorded> recorded = run(client, 100, TimeUnit.MILLISECONDS.toNanos(5));

        assertThat(recorded).hasSize(100);
        assertThat(client.opened())
                .as("an open loop does not wait for a busy connection")
                .isGreaterThanOrEqualTo(5);
        recorded.values().forEach(r -> assertThat(r.answered() - r.scheduled()).isGreaterThanOrEqualTo(50_000_000L));
    }

    @Test
    void aConnectionTheServerClosesIsNotReused() throws Exception {
        URI uri = serve(0, false, true);
        OpenLoopClient client = new OpenLoopClient(uri, "/check", "k");

        Map<Long, Recorded> recorded = run(client, 50, TimeUnit.MILLISECONDS.toNanos(2));

        assertThat(recorded).hasSize(50);
        assertThat(recorded.values()).allMatch(r -> r.status() == 200 || r.status() == 201);
        assertThat(client.opened()).isEqualTo(50);
    }

    @Test
    void requestsToAServerThatIsGoneCountAsFailed() throws Exception {
        URI uri = serve(0, false, false);
        server.stop(0);
        server = null;
        OpenLoopClient client = new OpenLoopClient(uri, "/check", "k");

        Map<Long, Recorded> recorded = run(client, 5, TimeUnit.MILLISECONDS.toNanos(1));

        assertThat(recorded).hasSize(5);
        assertThat(recorded.values()).allMatch(r -> r.status() == -1);
    }

    @Test
    void answersAreCompleteOnlyWithTheirWholeBody() throws Exception {
        byte[] sized = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(OpenLoopClient.Answer.parse(sized, sized.length)).isEqualTo(new OpenLoopClient.Answer(200, true));
        assertThat(OpenLoopClient.Answer.parse(sized, sized.length - 1)).isNull();
        assertThat(OpenLoopClient.Answer.parse(sized, 20)).isNull();

        byte[] chunked =
                "HTTP/1.1 503 x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(OpenLoopClient.Answer.parse(chunked, chunked.length))
                .isEqualTo(new OpenLoopClient.Answer(503, false));
        assertThat(OpenLoopClient.Answer.parse(chunked, chunked.length - 2)).isNull();
        assertThat(OpenLoopClient.Answer.parse(chunked, chunked.length - 8)).isNull();

        byte[] other = "SSH-2.0-x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> OpenLoopClient.Answer.parse(other, other.length))
                .hasMessageContaining("not an HTTP/1.1 answer");
    }
}
