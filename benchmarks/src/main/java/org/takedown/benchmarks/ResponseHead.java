package org.takedown.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What the harness's clients need of an HTTP/1.1 answer's status line and headers: its status, how its body ends and
 * whether its connection stays open.
 *
 * @param contentLength the Content-Length, or -1 when there is none
 */
record ResponseHead(int status, long contentLength, boolean chunked, boolean keepAlive) {

    /** Reads the status line and the header lines (without the empty line that ends them). */
    static ResponseHead parse(List<String> lines) throws IOException {
        String status = lines.isEmpty() ? "" : lines.getFirst();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        long contentLength = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        for (String line : lines.subList(1, lines.size())) {
            String header = line.toLowerCase(Locale.ROOT);
            if (header.startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring(15).trim());
            } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                chunked = true;
            } else if (header.startsWith("connection:") && header.contains("close")) {
                keepAlive = false;
            }
        }
        return new ResponseHead(Integer.parseInt(status.substring(9, 12)), contentLength, chunked, keepAlive);
    }
}
