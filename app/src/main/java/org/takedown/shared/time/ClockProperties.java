package org.takedown.shared.time;

import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Takedown's time comes from.
 *
 * @param mode {@code system} (default) or {@code simulated}
 * @param start for a simulated clock: the instant it starts at (default: now)
 * @param speed for a simulated clock: simulated seconds per real second (default 1; 0 = stopped)
 */
@ConfigurationProperties("takedown.clock")
public record ClockProperties(
        @DefaultValue("system") Mode mode,
        Instant start,
        @DefaultValue("1") double speed) {

    /** The kinds of clock. */
    public enum Mode {
        SYSTEM,
        SIMULATED
    }
}
