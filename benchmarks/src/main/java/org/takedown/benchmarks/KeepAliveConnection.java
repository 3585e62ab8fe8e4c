package org.takedown.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One persistent HTTP/1.1 connection that POSTs and reads the answer, for the load harness: far less CPU per request
 * than the JDK's HttpClient (its selector thread and futures took about 0.9 ms of a core per request here, as much as
 * the server under test), so the harness leaves the shared cores to the server. Reads Content-Length and chunked
 * bodies; a connection the server closes is reported as unusable. Not thread-safe: one request at a time.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private boolean open = true;

    KeepAliveConnection(URI server) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
        hostHeader = server.getHost() + ":" + server.getPort();
    }

    /** POSTs {@code body} as JSON to {@code path} with a bearer key; returns the status, the body read and dropped. */
    int post(String path, String key, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
        List<String> lines = new ArrayList<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            lines.add(line);
        }
        ResponseHead answer = ResponseHead.parse(lines);
        if (!answer.keepAlive()) {
            open = false;
        }
        long length = answer.contentLength();
        if (answer.chunked()) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; ) {
                skip(size);
                line(); // the CRLF after the chunk
                size = Long.parseLong(line().split(";")[0].trim(), 16);
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0) {
            open = false; // a body up to the end of the connection
        }
        return answer.status();
    }

    /** Whether another request may be sent on this connection. */
    boolean usable() {
        return open && !socket.isClosed();
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the body ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        open = false;
        socket.close();
    }
}
