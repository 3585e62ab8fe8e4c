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
import java.util.function.Function;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;
import org.takedown.probing.ProbingProperties;
import org.takedown.shared.net.AddressPolicy;
import org.takedown.shared.net.ConnectRoute;
import org.takedown.shared.net.Egress;
import org.takedown.shared.net.GuardedDns;
import org.takedown.shared.net.HardDeadline;
import org.takedown.shared.net.HostResolver;

/**
 * Fetches a URL for hashing, guarded against server-side request forgery: every host (the first and each redirect's)
 * is resolved once by our resolver, each address is checked against the {@link AddressPolicy}, and the connection goes
 * only to an address that passed (the HTTP client asks this resolver, so a second answer cannot rebind it). Redirects
 * are followed by hand, at most {@code maxRedirects}; bodies are read into memory up to {@code maxBody} and never
 * written anywhere; no proxy, cookies or retries. Thread-safe; one instance shares its connection pool.
 *
 * <p>All bodies together take at most {@code bodiesInFlight} of memory: a fetch reserves room as its body grows and
 * keeps it while the caller looks at the body ({@link #fetch(String, Function)}); a fetch that finds no room before
 * its deadline ends {@link Failure#BUSY}. So however many checks run at once and however large their answers, the
 * bytes held for them are bounded.
 */
final class SafeFetcher implements AutoCloseable {

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
        /** No room for the body within the deadline: too many bodies in flight (try again later). */
        BUSY,
        ERROR
    }

    /** Room for all bodies in flight (one fetcher per process). */
    private final BodyRoom room;

    /** Room for bodies left, in bytes (for tests and metrics). */
    long roomLeft() {
        return room.left();
    }

    private final ProbingProperties properties;
    private final CloseableHttpClient client;

    public SafeFetcher(ProbingProperties properties, HostResolver resolver) {
        this(properties, resolver, null);
    }

    /** A fetcher that connects where {@code route} says (the simulation's loopback web), still guarded. */
    public SafeFetcher(ProbingProperties properties, HostResolver resolver, @Nullable ConnectRoute route) {
        this.properties = properties;
        if (properties.bodiesInFlight().toBytes() < 2 * (properties.maxBody().toBytes() + 1024)) {
            throw new IllegalArgumentException("takedown.probing.bodies-in-flight (" + properties.bodiesInFlight()
                    + ") must hold at least two bodies of max-body (" + properties.maxBody() + "): one being read"
                    + " and the larger buffer it grows into");
        }
        this.room = new BodyRoom(properties.bodiesInFlight());
        this.client = Egress.client(new Egress.Settings(
                resolver,
                properties.allowLoopback(),
                route,
                properties.connectTimeout(),
                properties.readTimeout(),
                properties.totalTimeout(),
                properties.maxPerHost(),
                Math.max(64, properties.maxPerHost() * 16),
                properties.userAgent()));
    }

    /**
     * Fetches a URL and lets {@code use} look at the outcome while the body's room is held; the room is given back
     * when {@code use} returns. Callers that keep anything of the body keep only what they derive from it (hashes).
     */
    public <T> T fetch(String url, Function<Outcome, T> use) {
        BodyRoom.Reservation reservation = room.reserve(properties.totalTimeout());
        try {
            return use.apply(fetch(url, reservation));
        } finally {
            reservation.close();
        }
    }

    /**
     * Fetches a URL (http or https), following redirects within the limits. Never throws for network trouble. The
     * whole fetch (look-ups, connections, TLS, headers, body, every redirect) ends by one hard deadline of
     * {@code totalTimeout} in real time, however slowly the server sends. The body's room is given back on return:
     * for tests and small answers; the chain uses {@link #fetch(String, Function)}.
     */
    Outcome fetch(String url) {
        return fetch(url, outcome -> outcome);
    }

    private Outcome fetch(String url, BodyRoom.Reservation reservation) {
        URI uri;
        try {
            uri = checked(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Failed(URI.create("about:invalid"), Failure.BAD_URL, "not a URL: " + e.getMessage());
        }
        AtomicReference<HttpGet> current = new AtomicReference<>();
        AtomicReference<URI> at = new AtomicReference<>(uri);
        try {
            return HardDeadline.within(properties.totalTimeout(), () -> follow(uri, current, at, reservation), () -> {
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

    private Outcome follow(
            URI first, AtomicReference<HttpGet> current, AtomicReference<URI> at, BodyRoom.Reservation reservation) {
        URI uri = first;
        for (int redirects = 0; ; redirects++) {
            at.set(uri);
            Object step = once(uri, redirects, current, reservation);
            if (!(step instanceof Redirect redirect)) {
                return (Outcome) step;
            }
            String location = redirect.location();
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
    private Object once(URI uri, int redirects, AtomicReference<HttpGet> current, BodyRoom.Reservation reservation) {
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
            byte[] body = entity == null ? new byte[0] : read(entity, max, get, reservation);
            if (body == null) {
                return new Failed(uri, Failure.TOO_LARGE, "body over " + max + " bytes");
            }
            return new Fetched(uri, status, type, body, redirects);
        } catch (NoRoomException e) {
            get.cancel();
            return new Failed(
                    uri,
                    Failure.BUSY,
                    "no room for the body: " + properties.bodiesInFlight() + " of bodies are in flight");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            get.cancel();
            return new Failed(uri, Failure.TIMEOUT, "stopped while waiting for room for the body");
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

    /** No room for a body in time. */
    private static final class NoRoomException extends Exception {}

    private static byte[] allocate(BodyRoom.Reservation reservation, int bytes)
            throws NoRoomException, InterruptedException {
        if (!reservation.grow(bytes)) {
            throw new NoRoomException();
        }
        return new byte[bytes];
    }

    /**
     * The body, or null when it is larger than {@code max} (a body still arriving at the deadline: see fetch). Every
     * buffer is paid for from the reservation before it is made.
     */
    private byte @Nullable [] read(HttpEntity entity, long max, HttpGet get, BodyRoom.Reservation reservation)
            throws IOException, NoRoomException, InterruptedException {
        long declared = entity.getContentLength(); // at most max: larger ones were refused before reading
        try (InputStream in = entity.getContent()) {
            byte[] buffer = allocate(reservation, (int) (declared >= 0 ? Math.max(1, declared) : 8192));
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length == declared) {
                        int more = in.read(); // the usual case ends here, in a buffer of the exact size
                        if (more < 0) {
                            return buffer;
                        }
                        declared = -1; // the server sends more than it said: read on, within max
                        buffer = grow(buffer, length, max, reservation);
                        buffer[length++] = (byte) more;
                        continue;
                    }
                    if (length > max) {
                        get.cancel();
                        return null;
                    }
                    buffer = grow(buffer, length, max, reservation);
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
            if (length == buffer.length) {
                return buffer;
            }
            byte[] body = allocate(reservation, length);
            System.arraycopy(buffer, 0, body, 0, length);
            reservation.shrink(buffer.length);
            return body;
        }
    }

    /** A buffer twice as large (at most one byte over {@code max}), paid for before the smaller one is given back. */
    private static byte[] grow(byte[] buffer, int length, long max, BodyRoom.Reservation reservation)
            throws NoRoomException, InterruptedException {
        byte[] larger = allocate(reservation, (int) Math.min(max + 1, Math.max(8192L, (long) buffer.length * 2)));
        System.arraycopy(buffer, 0, larger, 0, length);
        reservation.shrink(buffer.length);
        return larger;
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
