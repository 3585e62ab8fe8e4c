package org.takedown.shared.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A clock for the simulation: set to any instant, advanced by hand, and optionally running at a speed factor
 * (speed 60 makes one real second a simulated minute; speed 0 stops it).
 *
 * <p>Simulated time never runs backwards through {@link #advance}; {@link #set} may move it anywhere. Thread-safe:
 * every read and change is synchronized on the clock. All arguments must be non-null.
 */
public final class SimulatedClock extends Clock {

    private final LongSupplier nanoTime;
    private final ZoneId zone;

    /** Simulated instant at the moment {@link #anchorNanos} was read. */
    private Instant anchor;

    private long anchorNanos;
    private double speed;

    /** A stopped clock showing {@code start}, in UTC. */
    public SimulatedClock(Instant start) {
        this(start, 0, System::nanoTime, ZoneOffset.UTC);
    }

    /** A clock showing {@code start} and running at {@code speed}, measuring real time with {@code nanoTime}. */
    public SimulatedClock(Instant start, double speed, LongSupplier nanoTime, ZoneId zone) {
        requireSpeed(speed);
        this.nanoTime = nanoTime;
        this.zone = zone;
        this.anchor = start;
        this.anchorNanos = nanoTime.getAsLong();
        this.speed = speed;
    }

    @Override
    public synchronized Instant instant() {
        if (speed == 0) {
            return anchor;
        }
        long realNanos = nanoTime.getAsLong() - anchorNanos;
        return anchor.plusNanos(Math.round(realNanos * speed));
    }

    /** Moves the clock to {@code instant}; it keeps its speed from there. */
    public synchronized void set(Instant instant) {
        anchor = instant;
        anchorNanos = nanoTime.getAsLong();
    }

    /** Moves the clock forward by {@code duration}, which must not be negative. */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a simulated clock only advances forward, not by " + duration);
        }
        set(instant().plus(duration));
    }

    /** Runs the clock at {@code speed} simulated seconds per real second from now on; 0 stops it. */
    public synchronized void setSpeed(double speed) {
        requireSpeed(speed);
        Instant now = instant();
        this.speed = speed;
        set(now);
    }

    /** The current speed factor. */
    public synchronized double speed() {
        return speed;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException(
                "a simulated clock is shared; take the zone from configuration, not from the clock");
    }

    private static void requireSpeed(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0, not " + speed);
        }
    }
}
