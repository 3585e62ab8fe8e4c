package org.takedown.simulation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.takedown.simulation.World.SimUrl;

/**
 * The simulated web: one HTTP server on loopback answering for every simulated host (by the Host header), serving a
 * distinct benign generated image per URL until its company acts on the notice, then what the scenario says (404 or
 * 410, a placeholder page, or the same image from abroad), on the shared simulated clock; with the scenario's share of
 * timeouts and 503s. Thread-safe.
 */
final class SimulatedWeb implements AutoCloseable {

    private static final byte[] PLACEHOLDER = ("<!DOCTYPE html><html><head><title>Removed</title></head><body>"
                    + "<p>This content has been removed by the hosting company.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private final World world;
    private final Clock clock;
    private final long timeoutMillis;
    private final HttpServer server;
    private final Map<Integer, byte[]> images = new ConcurrentHashMap<>();

    /**
     * @param timeoutMillis how long a "timeout" answer stalls (longer than the prober waits)
     */
    public SimulatedWeb(World world, Clock clock, int port, long timeoutMillis) {
        this.world = world;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the simulated web cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The loopback port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.replaceFirst(":\\d+$", "");
            SimUrl url = world.find(host, exchange.getRequestURI().getPath());
            if (url == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Instant now = clock.instant();
            double flake = new SplittableRandom(url.id * 1_000_003L + now.getEpochSecond()).nextDouble();
            var removal = url.company().removal();
            if (flake < removal.timeouts()) {
                try {
                    Thread.sleep(timeoutMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (flake < removal.timeouts() + removal.errors()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Instant acts = url.actsAt();
            if (acts != null && !now.isBefore(acts)) {
                switch (url.fate()) {
                    case REMOVED -> {
                        exchange.sendResponseHeaders(url.goneStatus, -1);
                        return;
                    }
                    case PLACEHOLDER -> {
                        send(exchange, "text/html; charset=utf-8", PLACEHOLDER);
                        return;
                    }
                    default -> {
                        // NEVER does not get here; MOVED_ABROAD serves the same picture from its new home
                    }
                }
            }
            send(exchange, "image/png", images.computeIfAbsent(world.contentOf(url), SimulatedWeb::image));
        }
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** A benign picture of coloured blocks, different for every content id (and structured enough for PDQ). */
    static byte[] image(int contentId) {
        SplittableRandom random = new SplittableRandom(0x5eedL * contentId + 17);
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillRect(0, 0, 128, 128);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillRect(random.nextInt(112), random.nextInt(112), 8 + random.nextInt(56), 8 + random.nextInt(56));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
