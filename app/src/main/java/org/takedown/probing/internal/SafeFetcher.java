package org.takedown.probing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.takedown.attribution.AddressPolicy;
import org.takedown.attribution.GuardedDns;
import org.takedown.attribution.HostResolver;
import org.takedown.probing.ConnectRoute;
import org.takedown.probing.ProbingProperties;
import org.takedown.shared.net.HardDeadline;
import org.takedown.shared.net.HttpLimits;

/**
 * Fetches a URL for hashing, guarded against server-side request forgery: every host (the first and each redirect's)
 * is resolved once by our resolver, each address is checked against the {@link AddressPolicy}, and the connection goes
 * only to an address that passed (the HTTP client asks this resolver, so a second answer cannot rebind it). Redirects
 * are followed by hand, at most {@code maxRedirects}; bodies are read into memory up to {@code maxBody} and never
 * written anywhere; no proxy, cookies or retries. Thread-safe; one instance shares its connection pool.
 */
public final class SafeFetcher implements AutoCloseable {

    /** What a fetch came to. */
    public sealed interface Outcome permits Fetched, Failed {
        /** The URL last requested (after redirects). */
        URI url();
    }

    /**
     * A response, of any status. The body stays in memory only.
     *
     * @param redirects how many redirects led here
     */
    public record Fetched(URI url, int status, @Nullable String contentType, byte[] body, int redirects)
            implements Outcome {}

    /** No response: why, in words for the workbench. */
    public record Failed(URI url, Failure failure, String detail) implements Outcome {}

    /** Why a fetch got no response. */
    public enum Failure {
        BAD_URL,
        REFUSED_ADDRESS,
        NO_SUCH_HOST,
        CONNECTION_REFUSED,
        TIMEOUT,
        TOO_LARGE,
        TOO_MANY_REDIRECTS,
        ERROR
    }

    private final ProbingProperties properties;
    private final CloseableHttpClient client;

    public SafeFetcher(ProbingProperties properties, HostResolver resolver) {
        this(properties, resolver, null);
    }

    /** A fetcher that connects where {@code route} says (the simulation's loopback web), still guarded. */
    public SafeFetcher(ProbingProperties properties, HostResolver resolver, @Nullable ConnectRoute route) {
        this.properties = properties;
        AddressPolicy policy = new AddressPolicy(properties.allowLoopback());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(HttpLimits.connections())
                        .setDnsResolver(new GuardedDns(resolver, policy, route == null ? null : route::redirect))
                        .setMaxConnPerRoute(properties.maxPerHost())
                        .setMaxConnTotal(Math.max(64, properties.maxPerHost() * 16))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.totalTimeout()))
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(properties.userAgent())
                .build();
    }

    /**
     * Fetches a URL (http or https), following redirects within the limits. Never throws for network trouble. The
     * whole fetch (look-ups, connections, TLS, headers, body, every redirect) ends by one hard deadline of
     * {@code totalTimeout} in real time, however slowly the server sends.
     */
    public Outcome fetch(String url) {
        URI uri;
        try {
            uri = checked(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Failed(URI.create("about:invalid"), Failure.BAD_URL, "not a URL: " + e.getMessage());
        }
        AtomicReference<HttpGet> current = new AtomicReference<>();
        AtomicReference<URI> at = new AtomicReference<>(uri);
        try {
            return HardDeadline.within(properties.totalTimeout(), () -> follow(uri, current, at), () -> {
                HttpGet get = current.get();
                if (get != null) {
                    get.cancel();
                }
            });
        } catch (TimeoutException e) {
            return new Failed(
                    at.get(),
                    Failure.TIMEOUT,
                    "no complete answer within " + properties.totalTimeout().toSeconds()
                            + " s (the fetch's hard deadline)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(at.get(), Failure.TIMEOUT, "stopped before the answer was complete");
        } catch (ExecutionException e) {
            return new Failed(at.get(), Failure.ERROR, String.valueOf(e.getCause()));
        }
    }

    /** The longest a fetch takes: its hard deadline. */
    public Duration deadline() {
        return properties.totalTimeout();
    }

    private Outcome follow(URI first, AtomicReference<HttpGet> current, AtomicReference<URI> at) {
        URI uri = first;
        for (int redirects = 0; ; redirects++) {
            at.set(uri);
            Object step = once(uri, redirects, current);
            if (!(step instanceof Redirect(String location))) {
                return (Outcome) step;
            }
            if (redirects >= properties.maxRedirects()) {
                return new Failed(
                        uri, Failure.TOO_MANY_REDIRECTS, "more than " + properties.maxRedirects() + " redirects");
            }
            try {
                uri = checked(uri.resolve(location.strip()));
            } catch (IllegalArgumentException e) {
                return new Failed(uri, Failure.BAD_URL, "redirect to an invalid URL: " + e.getMessage());
            }
        }
    }

    /** A redirect to follow. */
    private record Redirect(String location) {}

    /** One request: an {@link Outcome}, or a {@link Redirect} that has a Location to follow. */
    private Object once(URI uri, int redirects, AtomicReference<HttpGet> current) {
        HttpGet get = new HttpGet(uri);
        get.setHeader("Accept", "*/*");
        // no compressed bodies: what is hashed is what the server stores, and a gzip bomb has nothing to inflate
        get.setHeader("Accept-Encoding", "identity");
        current.set(get);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, get, null);
        } catch (IOException e) {
            return failure(uri, e);
        }
        try {
            int status = response.getCode();
            if (isRedirect(status)) {
                Header location = response.getFirstHeader("Location");
                get.cancel(); // a redirect's body is never read (it may be endless)
                return location == null
                        ? new Fetched(uri, status, null, new byte[0], redirects)
                        : new Redirect(location.getValue());
            }
            HttpEntity entity = response.getEntity();
            String type = entity == null ? null : entity.getContentType();
            long max = properties.maxBody().toBytes();
            if (entity != null && entity.getContentLength() > max) {
                get.cancel();
                return new Failed(uri, Failure.TOO_LARGE, "body of " + entity.getContentLength() + " bytes");
            }
            byte[] body = entity == null ? new byte[0] : read(entity, max, get);
            if (body == null) {
                return new Failed(uri, Failure.TOO_LARGE, "body over " + max + " bytes");
            }
            return new Fetched(uri, status, type, body, redirects);
        } catch (IOException e) {
            return failure(uri, e);
        } finally {
            try {
                response.close();
            } catch (IOException alreadyDropped) {
                // the connection was cancelled on purpose: the outcome is known
            }
        }
    }

    /** The body, or null when it is larger than {@code max} (a body still arriving at the deadline: see fetch). */
    private byte @Nullable [] read(HttpEntity entity, long max, HttpGet get) throws IOException {
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[(int) Math.min(max + 1, Math.max(8192, entity.getContentLength() + 1))];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > max) {
                        get.cancel();
                        return null;
                    }
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(max + 1, (long) buffer.length * 2));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length > max) {
                    get.cancel();
                    return null;
                }
            }
            return java.util.Arrays.copyOf(buffer, length);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI checked(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https are fetched, not '" + uri + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("no host in '" + uri + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("credentials in a URL are not sent: '" + uri.getHost() + "'");
        }
        return uri;
    }

    private static Failed failure(URI uri, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GuardedDns.RefusedAddressException) {
                return new Failed(uri, Failure.REFUSED_ADDRESS, t.getMessage());
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UnknownHostException) {
            return new Failed(uri, Failure.NO_SUCH_HOST, message);
        }
        if (e instanceof ConnectException) {
            return new Failed(uri, Failure.CONNECTION_REFUSED, message);
        }
        if (e instanceof InterruptedIOException) {
            return new Failed(uri, Failure.TIMEOUT, message);
        }
        return new Failed(uri, Failure.ERROR, message);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
