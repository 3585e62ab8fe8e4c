package org.takedown.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTests {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final AtomicLong realNanos = new AtomicLong(1_000);

    SimulatedClock clock(double speed) {
        return new SimulatedClock(START, speed, realNanos::get, ZoneOffset.UTC);
    }

    @Test
    void stoppedClockStandsStill() {
        SimulatedClock clock = new SimulatedClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void runsAtItsSpeedFactor() {
        SimulatedClock clock = clock(3600);
        realNanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));
    }

    @Test
    void setAndAdvanceMoveIt() {
        SimulatedClock clock = clock(0);
        clock.advance(Duration.ofHours(48));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(48)));
        clock.set(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("forward");
    }

    @Test
    void changingSpeedKeepsTheCurrentTime() {
        SimulatedClock clock = clock(60);
        realNanos.addAndGet(Duration.ofSeconds(10).toNanos());
        clock.setSpeed(0);
        Instant frozen = clock.instant();
        assertThat(frozen).isEqualTo(START.plus(Duration.ofMinutes(10)));
        realNanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(clock.instant()).isEqualTo(frozen);
        clock.setSpeed(1);
        realNanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(clock.instant()).isEqualTo(frozen.plusSeconds(5));
        assertThat(clock.speed()).isEqualTo(1);
    }

    @Test
    void refusesNegativeOrInfiniteSpeed() {
        assertThatThrownBy(() -> clock(-1)).hasMessageContaining("speed");
        assertThatThrownBy(() -> clock(0).setSpeed(Double.POSITIVE_INFINITY)).hasMessageContaining("speed");
        assertThatThrownBy(() -> clock(0).setSpeed(Double.NaN)).hasMessageContaining("speed");
    }
}
