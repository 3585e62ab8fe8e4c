package org.takedown.shared.time;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the one {@link Clock} every module takes time from: the system clock in UTC, or a {@link SimulatedClock}
 * when {@code takedown.clock.mode=simulated}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClockProperties.class)
class ClockConfiguration {

    @Bean
    Clock clock(ClockProperties properties) {
        return switch (properties.mode()) {
            case SYSTEM -> Clock.systemUTC();
            case SIMULATED -> {
                Instant start = properties.start() != null
                        ? properties.start()
                        : Clock.systemUTC().instant();
                SimulatedClock clock = new SimulatedClock(start);
                clock.setSpeed(properties.speed());
                yield clock;
            }
        };
    }
}
