package org.takedown.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-loop HTTP/1.1 load generator on two threads: the caller's thread sends each request at its scheduled time
 * over an idle persistent connection (a new one when all are busy: an open loop does not wait for the server), and a
 * reader thread waits on one selector for all answers and records each latency from the request's scheduled start.
 * No thread per request and no blocking read per connection: the harness shares the machine with the server under
 * test, and its former virtual-thread-per-request client took about 0.25–0.35 ms of a core per request, a third of
 * what the server spent. Not reusable: one {@link #run} per instance.
 */
final class OpenLoopClient {

    /** What happened to one request. */
    interface Recorder {
        /** Request {@code n}, scheduled at {@code scheduled} (nanoTime), was answered with {@code status} (-1: failed). */
        void record(long n, long scheduled, long answered, int status);
    }

    private final InetSocketAddress address;
    private final byte[] head;
    private final Selector selector;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean sending = true;
    private int opened;

    /** A client that POSTs JSON to {@code path} on {@code server} with a bearer {@code key}. */
    OpenLoopClient(URI server, String path, String key) throws IOException {
        address = new InetSocketAddress(server.getHost(), server.getPort());
        head = ("POST " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                        + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.ISO_8859_1);
        selector = Selector.open();
    }

    /** Connections opened during the run. */
    int opened() {
        return opened;
    }

    /**
     * Sends {@code total} requests, request {@code n} at {@code start + n * interval}, with the body {@code bodies}
     * gives; returns once every answer came or {@code drain} passed after the last send (the rest count as failed).
     */
    void run(long total, long interval, LongFunction<byte[]> bodies, Recorder recorder, long drain)
            throws IOException, InterruptedException {
        Thread reader = Thread.ofPlatform().name("open-loop-reader").start(() -> read(recorder));
        long start = System.nanoTime();
        try {
            for (long n = 0; n < total; n++) {
                long scheduled = start + n * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(n, scheduled, bodies.apply(n), recorder);
            }
            long end = System.nanoTime() + drain;
            while (inFlight.get() > 0 && System.nanoTime() < end) {
                Thread.sleep(1);
            }
        } finally {
            sending = false;
            selector.wakeup();
            reader.join();
            for (SelectionKey key : selector.keys()) {
                Connection connection = (Connection) key.attachment();
                if (connection.busy) {
                    recorder.record(connection.n, connection.scheduled, System.nanoTime(), -1);
                }
                key.channel().close();
            }
            selector.close();
        }
    }

    private void send(long n, long scheduled, byte[] body, Recorder recorder) {
        Connection connection = idle.poll();
        try {
            if (connection == null) {
                connection = open();
            }
            connection.n = n;
            connection.scheduled = scheduled;
            connection.busy = true;
            inFlight.incrementAndGet();
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer request = ByteBuffer.allocate(head.length + length.length + body.length);
            request.put(head).put(length).put(body).flip();
            while (request.hasRemaining()) {
                if (connection.channel.write(request) == 0) {
                    Thread.onSpinWait(); // the socket's send buffer is full: rare for a request this small
                }
            }
        } catch (IOException e) {
            if (connection != null) {
                connection.fail(recorder);
            } else {
                recorder.record(n, scheduled, System.nanoTime(), -1);
            }
        }
    }

    private Connection open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(address);
        channel.configureBlocking(false);
        Connection connection = new Connection(channel);
        channel.register(selector, SelectionKey.OP_READ, connection);
        selector.wakeup(); // the reader must add the channel before its answer comes
        opened++;
        return connection;
    }

    private void read(Recorder recorder) {
        try {
            while (sending) {
                selector.select(key -> ((Connection) key.attachment()).readable(recorder));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One persistent connection and the answer being read on it. */
    private final class Connection {
        final SocketChannel channel;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        volatile boolean busy;
        volatile long n;
        volatile long scheduled;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void readable(Recorder recorder) {
            try {
                if (channel.read(in) < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (in.remaining() == 0) {
                    in = ByteBuffer.allocate(2 * in.capacity()).put(in.flip());
                }
                Answer answer = Answer.parse(in.array(), in.position());
                if (answer != null && busy) {
                    long answered = System.nanoTime();
                    in.clear();
                    busy = false;
                    inFlight.decrementAndGet();
                    recorder.record(n, scheduled, answered, answer.status());
                    if (answer.keepAlive()) {
                        idle.add(this);
                    } else {
                        channel.close();
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(recorder);
            }
        }

        void fail(Recorder recorder) {
            if (busy) {
                busy = false;
                inFlight.decrementAndGet();
                recorder.record(n, scheduled, System.nanoTime(), -1);
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a failed connection
            }
        }
    }

    /** A complete answer's status and whether its connection stays open. */
    record Answer(int status, boolean keepAlive) {

        private static final byte[] LINE_END = {'\r', '\n'};
        private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

        /** The answer in {@code bytes[0, length)}, or null while it is incomplete. */
        static Answer parse(byte[] bytes, int length) throws IOException {
            int headEnd = indexOf(bytes, 0, length, HEAD_END);
            if (headEnd < 0) {
                return null;
            }
            ResponseHead head = ResponseHead.parse(
                    List.of(new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n")));
            int body = headEnd + HEAD_END.length;
            if (head.chunked()) {
                return chunksEnd(bytes, body, length) ? new Answer(head.status(), head.keepAlive()) : null;
            }
            if (head.contentLength() < 0) {
                throw new IOException("an answer without a length: the harness needs persistent connections");
            }
            return length - body >= head.contentLength() ? new Answer(head.status(), head.keepAlive()) : null;
        }

        /** True when the chunks from {@code at} are complete (the last chunk and the trailers' end are in). */
        private static boolean chunksEnd(byte[] bytes, int at, int length) {
            int position = at;
            while (true) {
                int lineEnd = indexOf(bytes, position, length, LINE_END);
                if (lineEnd < 0) {
                    return false;
                }
                String size = new String(bytes, position, lineEnd - position, StandardCharsets.ISO_8859_1);
                long chunk = Long.parseLong(size.split(";")[0].trim(), 16);
                if (chunk == 0) {
                    return indexOf(bytes, lineEnd, length, HEAD_END) >= 0;
                }
                position = (int) (lineEnd + 2 + chunk + 2);
                if (position > length) {
                    return false;
                }
            }
        }

        private static int indexOf(byte[] bytes, int from, int length, byte[] needle) {
            outer:
            for (int i = from; i <= length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
