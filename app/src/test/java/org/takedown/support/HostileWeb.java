package org.takedown.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A hosting company's server that plays the attacker, on loopback for tests: it speaks raw HTTP/1.1 so it can break
 * every rule a client relies on. Paths: {@code /slow-headers} (one header byte every 2 s, forever),
 * {@code /endless} (a body that never ends), {@code /huge-length} (announces 30 GB), {@code /gzip-bomb} (200 MB of
 * zeros gzipped to ~200 KB, sent as Content-Encoding gzip), {@code /png-bomb} (a 33 000 000 x 1 PNG of ~100 KB),
 * {@code /png-huge} (16 000 x 4 000, over the pixel limit), {@code /webp-bomb} (a WebP header claiming 16 383 x 16 383),
 * {@code /redirect-loop} (redirects to itself, forever), {@code /big-headers} (a 64 KB header line, then more),
 * {@code /silent} (accepts and never answers: a TLS handshake that never ends). Each connection runs on a virtual
 * thread and stops when the client goes away or the site closes. Thread-safe.
 */
public final class HostileWeb implements AutoCloseable {

    /** Every hostile path served. */
    public static final java.util.List<String> PATHS = java.util.List.of(
            "/slow-headers",
            "/endless",
            "/huge-length",
            "/gzip-bomb",
            "/png-bomb",
            "/png-huge",
            "/webp-bomb",
            "/redirect-loop",
            "/big-headers");

    /** The name whose name server never answers (see {@link #withBlackhole}). */
    public static final String BLACKHOLE = "blackhole.example";

    /**
     * {@code resolver}, except that {@value #BLACKHOLE} never answers: its look-up blocks until interrupted, as a
     * name server that swallows the query.
     */
    public static org.takedown.shared.net.HostResolver withBlackhole(org.takedown.shared.net.HostResolver resolver) {
        return host -> {
            if (!host.equals(BLACKHOLE)) {
                return resolver.resolve(host);
            }
            try {
                Thread.sleep(java.time.Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.net.UnknownHostException(host + ": interrupted");
        };
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] gzipBomb = gzipOfZeros(200L * 1024 * 1024);
    private final byte[] pngBomb = png(33_000_000, 1);
    private final byte[] pngHuge = png(16_000, 4_000);
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean open = true;

    private HostileWeb(ServerSocket server) {
        this.server = server;
    }

    /** Starts the hostile site on a free loopback port. */
    public static HostileWeb start() {
        try {
            HostileWeb web = new HostileWeb(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
            web.threads.submit(web::accept);
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            String path = requestPath(in);
            if (path == null) {
                // not HTTP (e.g. a TLS ClientHello): say nothing, keep the connection open
                while (open && in.read() >= 0) {
                    // swallow
                }
                return;
            }
            switch (path) {
                case "/slow-headers" -> {
                    byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nX-Slow: "
                            .getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; open; i++) {
                        out.write(head[Math.min(i, head.length - 1)]);
                        out.flush();
                        Thread.sleep(2_000);
                    }
                }
                case "/endless" -> {
                    out.write(head("200 OK", "Content-Type: image/jpeg\r\nTransfer-Encoding: chunked"));
                    byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    while (open) {
                        out.write(chunk);
                    }
                }
                case "/huge-length" -> {
                    out.write(head("200 OK", "Content-Type: image/png\r\nContent-Length: 30000000000"));
                    byte[] block = new byte[65536];
                    while (open) {
                        out.write(block);
                    }
                }
                case "/gzip-bomb" -> {
                    out.write(head(
                            "200 OK",
                            "Content-Type: image/png\r\nContent-Encoding: gzip\r\nContent-Length: " + gzipBomb.length));
                    out.write(gzipBomb);
                }
                case "/png-bomb" -> body(out, "image/png", pngBomb);
                case "/png-huge" -> body(out, "image/png", pngHuge);
                case "/webp-bomb" -> body(out, "image/webp", webpHeader(16_383, 16_383));
                case "/redirect-loop" -> out.write(head("302 Found", "Location: /redirect-loop\r\nContent-Length: 0"));
                case "/big-headers" -> {
                    out.write(head("200 OK", "X-Big: " + "a".repeat(64 * 1024) + "\r\nContent-Length: 0"));
                    // and then headers that never end
                    while (open) {
                        out.write(("X-More: " + "b".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
                default -> out.write(head("404 Not Found", "Content-Length: 0"));
            }
            out.flush();
        } catch (IOException | InterruptedException clientLeft) {
            // the client gave up: what a client should do
        }
    }

    private static void body(OutputStream out, String type, byte[] body) throws IOException {
        out.write(head("200 OK", "Content-Type: " + type + "\r\nContent-Length: " + body.length));
        out.write(body);
    }

    private static byte[] head(String status, String headers) {
        return ("HTTP/1.1 " + status + "\r\n" + headers + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The request line's path, after reading the request head; null when it is not HTTP. */
    private static String requestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (head.isEmpty() && c != 'G' && c != 'H' && c != 'P') {
                return null;
            }
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
            if (head.length() > 16_384) {
                return null;
            }
        }
        String[] line = head.toString().split(" ", 3);
        return line.length < 2 ? null : line[1];
    }

    /** A PNG of the given size, all black, IDAT compressed as tightly as zlib can. */
    public static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale
            chunk(file, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            byte[] row = new byte[Math.min(width + 1, 1 << 20)];
            byte[] buffer = new byte[1 << 16];
            long raw = (long) (width + 1) * height;
            for (long fed = 0; fed < raw; ) {
                int n = (int) Math.min(row.length, raw - fed);
                deflater.setInput(row, 0, n);
                fed += n;
                while (!deflater.needsInput()) {
                    idat.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
            chunk(file, "IDAT", idat.toByteArray());
            chunk(file, "IEND", new byte[0]);
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(file);
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /**
     * A progressive greyscale JPEG of {@code side} x {@code side} pixels (a benign pattern) with {@code extraScans}
     * scans appended that change nothing: each codes "no more coefficients in the next 32 767 blocks" a few times, in
     * about ten bytes, yet makes a progressive decoder go over the whole image again. Decoders only warn about such a
     * repeated scan ("inconsistent progression"), so the file decodes, slowly: the progressive-JPEG scan bomb.
     */
    public static byte[] jpegScanBomb(int side, int extraScans) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(side);
        for (int y = 0; y < side; y += 16) {
            for (int x = 0; x < side; x += 16) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(file)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = file.toByteArray();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write(jpeg, 0, jpeg.length - 2); // all but the end-of-image marker
        // AC Huffman table 1: one code, "0", for symbol 0xE0 (a run of 2^14 + 14 more bits of empty blocks)
        bomb.writeBytes(new byte[] {
            (byte) 0xff, (byte) 0xc4, 0, 20, 0x11, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xe0
        });
        byte[] runs = emptyBlockRuns((long) ((side + 7) / 8) * ((side + 7) / 8));
        for (int scan = 0; scan < extraScans; scan++) {
            // start of scan: component 1 (ImageIO's id for grey), tables 0 and 1, coefficients 1-63, first pass
            bomb.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 8, 1, 1, 0x01, 1, 63, 0});
            bomb.writeBytes(runs);
        }
        bomb.write(jpeg, jpeg.length - 2, 2);
        return bomb.toByteArray();
    }

    /** Code "0" and 14 one bits (a run of 32 767 empty blocks) as often as {@code blocks} needs, byte-stuffed. */
    private static byte[] emptyBlockRuns(long blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long bits = 0;
        int count = 0;
        for (long covered = 0; covered < blocks || count > 0; covered += 32_767) {
            if (covered < blocks) {
                bits = bits << 15 | 0x3fff;
                count += 15;
            } else {
                bits = bits << (8 - count) | (1 << (8 - count)) - 1; // pad the last byte with one bits
                count = 8;
            }
            for (; count >= 8; count -= 8) {
                int b = (int) (bits >>> (count - 8)) & 0xff;
                out.write(b);
                if (b == 0xff) {
                    out.write(0);
                }
            }
        }
        return out.toByteArray();
    }

    /** A lossless WebP whose header claims the given size (its pixel data is missing). */
    public static byte[] webpHeader(int width, int height) {
        long bits = (width - 1L) | ((height - 1L) << 14);
        byte[] vp8l = {0x2f, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24), 0, 0, 0, 0, 0};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int riffSize = 4 + 8 + vp8l.length;
        file.writeBytes(new byte[] {(byte) riffSize, (byte) (riffSize >> 8), 0, 0});
        file.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(new byte[] {(byte) vp8l.length, 0, 0, 0});
        file.writeBytes(vp8l);
        return file.toByteArray();
    }

    private static byte[] gzipOfZeros(long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
