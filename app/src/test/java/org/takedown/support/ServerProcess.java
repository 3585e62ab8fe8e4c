package org.takedown.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code takedown serve} in a JVM of its own, on a test's database, as an operator runs it: for tests that need
 * several instances, or one they can kill (SIGKILL) or cut off from its database. It logs in as the application
 * does (the test's context has migrated the schema). Its output goes to {@code target/<name>.log}.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts an instance on a free port with {@code properties} as system properties. */
    public static ServerProcess start(String name, TestDatabase.Info database, Map<String, String> properties) {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "org.takedown.Takedown",
                "serve",
                "--port=" + port,
                "--db-url=" + database.url(),
                "--db-username=" + database.username()));
        if (!database.password().isEmpty()) {
            command.add("--db-password=" + database.password());
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/" + name + ".log"))
                    .start();
            return new ServerProcess(name, process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** A port free on loopback right now (for a server a test starts). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The HTTP status of {@code path} on this instance, or -1 when it does not answer. */
    public int status(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until the instance is ready for traffic, at most {@code limit}. */
    public void awaitReady(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (status("/actuator/health/readiness") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended; see target/" + name + ".log");
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(name + " not ready within " + limit + "; see target/" + name + ".log");
            }
            Thread.sleep(200);
        }
    }

    /** SIGKILL: no shutdown hook, no cleanup, leases left behind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
