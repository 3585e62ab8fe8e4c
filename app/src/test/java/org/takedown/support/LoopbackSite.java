package org.takedown.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hosting company's web site on loopback for tests: serves the pages put into {@link #pages} (as images) and
 * answers 404 for the rest, so removing a page is removing the material. Thread-safe.
 */
public final class LoopbackSite implements AutoCloseable {

    /** Path to body; change it while the test runs. */
    public final Map<String, byte[]> pages = new ConcurrentHashMap<>();

    private final HttpServer server;

    private LoopbackSite(HttpServer server) {
        this.server = server;
    }

    /** Starts a site on a free loopback port. */
    public static LoopbackSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackSite site = new LoopbackSite(server);
            server.createContext("/", exchange -> {
                byte[] body = site.pages.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a site on loopback", e);
        }
    }

    /** The underlying server, to add more handlers. */
    public HttpServer server() {
        return server;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
