package org.takedown.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Looks up a host's addresses with a timeout: a name server that never answers costs at most {@code timeout}, after
 * which the look-up fails as {@link LookupTimeoutException} (a kind of {@link UnknownHostException}, so callers retry
 * it like any unresolved host). Thread-safe.
 */
public final class TimedResolver {

    /** A look-up, as the resolver in use does it. */
    @FunctionalInterface
    public interface Lookup {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The look-up did not answer in time. */
    public static final class LookupTimeoutException extends UnknownHostException {
        LookupTimeoutException(String message) {
            super(message);
        }
    }

    private TimedResolver() {}

    /** The addresses of {@code host} by {@code lookup}, or a failure within {@code timeout}. */
    public static List<InetAddress> resolve(Lookup lookup, String host, Duration timeout) throws UnknownHostException {
        try {
            return HardDeadline.within(timeout, () -> lookup.resolve(host), () -> {});
        } catch (TimeoutException e) {
            throw new LookupTimeoutException(
                    host + ": the name server did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException failed = new UnknownHostException(host + ": " + e.getCause());
            failed.initCause(e.getCause());
            throw failed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupTimeoutException(host + ": interrupted while resolving");
        }
    }
}
