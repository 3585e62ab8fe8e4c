package org.takedown.shared.security;

import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.shared.audit.AuditLog;

/**
 * Sign-in failures that no account answers for (unknown usernames, attempts while throttled) go into the audit log
 * as one summary per network and window, not one entry each: anyone can cause them, so they must not grow the log
 * without bound. A network is an IPv4 /24 or an IPv6 /48; at most {@link #MAX_NETWORKS} networks are told apart per
 * window, the rest are counted together. So one window adds at most {@code MAX_NETWORKS + 1} entries, whatever the
 * attacker sends. Windows are measured in real time, like the throttle (a fast simulated clock must not make them
 * short); the summary names them on the application's clock, like every audit entry. Thread-safe.
 */
@Component
class SignInFailures {

    /** Networks told apart per window; failures from further networks share one summary. */
    static final int MAX_NETWORKS = 1_000;

    /** Usernames named in one summary at most (each capped in length). */
    static final int MAX_NAMES = 5;

    static final String OTHERS = "other networks";

    private static final java.util.regex.Pattern LITERAL =
            java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final AuditLog audit;
    private final Duration window;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private Instant windowStart;
    private long windowStartNanos;
    private Map<String, Tally> tallies = new ConcurrentHashMap<>();

    @Autowired
    SignInFailures(AuditLog audit, SecurityProperties properties, Clock clock) {
        this(audit, properties.login().window(), clock, System::nanoTime);
    }

    SignInFailures(AuditLog audit, Duration window, Clock clock, LongSupplier nanoTime) {
        this.audit = audit;
        this.window = window;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.windowStart = clock.instant();
        this.windowStartNanos = nanoTime.getAsLong();
    }

    private static final class Tally {
        int failures;
        int throttled;
        final Set<String> names = new TreeSet<>();
        final Set<String> addresses = new TreeSet<>();
    }

    /** Counts a failure; {@code throttled} when the attempt was refused unchecked. */
    void count(String address, String username, boolean throttled) {
        flushIfDue();
        synchronized (lock) {
            String network = network(address);
            if (!tallies.containsKey(network) && tallies.size() >= MAX_NETWORKS) {
                network = OTHERS;
            }
            Tally tally = tallies.computeIfAbsent(network, n -> new Tally());
            if (throttled) {
                tally.throttled++;
            } else {
                tally.failures++;
            }
            if (tally.names.size() < MAX_NAMES) {
                tally.names.add(username.length() > 64 ? username.substring(0, 64) : username);
            }
            if (tally.addresses.size() < MAX_NAMES) {
                tally.addresses.add(address);
            }
        }
    }

    @Scheduled(fixedDelay = 60_000)
    void flushIfDue() {
        long started;
        synchronized (lock) {
            started = windowStartNanos;
        }
        if (nanoTime.getAsLong() - started >= window.toNanos()) {
            flush();
        }
    }

    @PreDestroy
    void flushAtShutdown() {
        try {
            flush();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SignInFailures.class)
                    .warn("Could not write the sign-in failures of the last window: {}", e.getMessage());
        }
    }

    /** Writes the summaries of the window so far and starts a new one. */
    void flush() {
        Map<String, Tally> done;
        Instant from;
        Instant to = clock.instant();
        synchronized (lock) {
            done = tallies;
            from = windowStart;
            tallies = new ConcurrentHashMap<>();
            windowStart = to;
            windowStartNanos = nanoTime.getAsLong();
        }
        for (Map.Entry<String, Tally> entry : done.entrySet()) {
            Tally tally = entry.getValue();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("network", entry.getKey());
            details.put("from", from.toString());
            details.put("to", to.toString());
            details.put("failures", tally.failures);
            details.put("throttled", tally.throttled);
            details.put("someUsernames", new ArrayList<>(tally.names));
            details.put("someAddresses", new ArrayList<>(tally.addresses));
            audit.record("anonymous", "login.failures", "network:" + entry.getKey(), details);
        }
    }

    /** The address's network: IPv4 /24 or IPv6 /48, written as a prefix. */
    static String network(String address) {
        if (!LITERAL.matcher(address).matches()) {
            return OTHERS; // never a name: a look-up would go to DNS
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int keep = bytes.length == 4 ? 3 : 6;
            byte[] prefix = new byte[bytes.length];
            System.arraycopy(bytes, 0, prefix, 0, keep);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + keep * 8;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return OTHERS;
        }
    }
}
