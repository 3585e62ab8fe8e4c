package org.takedown.shared.net;

import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.config.Http1Config;

/**
 * Limits on what a server may send in a response head, for every outgoing HTTP client: a status or header line of at
 * most {@value #MAX_LINE} bytes and at most {@value #MAX_HEADERS} header fields. A response over them fails at once
 * ("too long", "too many headers") instead of growing a buffer until the deadline.
 */
public final class HttpLimits {

    public static final int MAX_LINE = 16 * 1024;
    public static final int MAX_HEADERS = 100;

    private HttpLimits() {}

    /** A connection factory that enforces the limits. */
    public static ManagedHttpClientConnectionFactory connections() {
        return ManagedHttpClientConnectionFactory.builder()
                .http1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_LINE)
                        .setMaxHeaderCount(MAX_HEADERS)
                        .build())
                .build();
    }
}
