package org.takedown.shared.net;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The one way Takedown opens HTTP connections to servers others chose (reported URLs, hosting companies' webhooks):
 * addresses only through {@link GuardedDns} (resolved once, checked by the {@link AddressPolicy}, optionally rerouted
 * by a {@link ConnectRoute}), response heads within {@link HttpLimits}, connect and read timeouts, and no redirects,
 * retries, decompression, cookies or cached credentials. The caller still puts each exchange under a
 * {@link HardDeadline} and caps what it reads of a body.
 */
public final class Egress {

    private Egress() {}

    /**
     * How a client connects.
     *
     * @param allowLoopback whether loopback addresses may be connected to (tests and the simulation only)
     * @param route where to connect instead of a resolved address, or null
     * @param waitForConnection the longest wait for a pooled connection
     */
    public record Settings(
            HostResolver resolver,
            boolean allowLoopback,
            @Nullable ConnectRoute route,
            Duration connectTimeout,
            Duration readTimeout,
            Duration waitForConnection,
            int maxPerHost,
            int maxTotal,
            String userAgent) {}

    /** A guarded client; close it when done. */
    public static CloseableHttpClient client(Settings settings) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(HttpLimits.connections())
                        .setDnsResolver(new GuardedDns(
                                settings.resolver(), new AddressPolicy(settings.allowLoopback()), settings.route()))
                        .setMaxConnPerRoute(settings.maxPerHost())
                        .setMaxConnTotal(settings.maxTotal())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.readTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.waitForConnection()))
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(settings.userAgent())
                .build();
    }
}
