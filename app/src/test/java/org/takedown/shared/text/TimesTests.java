package org.takedown.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimesTests {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void momentsReadInTheViewersZoneAndLanguage() {
        Instant winter = Instant.parse("2026-11-30T13:05:09Z");
        Instant summer = Instant.parse("2026-07-01T13:05:09Z");
        Times english = new Times(AMSTERDAM, Locale.ENGLISH);
        Times dutch = new Times(AMSTERDAM, Locale.forLanguageTag("nl"));
        assertThat(english.show(winter)).isEqualTo("30 Nov 2026 14:05");
        assertThat(dutch.show(winter)).isEqualTo("30 nov 2026 14:05");
        assertThat(dutch.show(summer)).as("summer time").isEqualTo("1 jul 2026 15:05");
        assertThat(english.seconds(winter)).isEqualTo("30 Nov 2026 14:05:09");
        assertThat(dutch.day(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("1 mrt 2026");
        assertThat(english.zone()).isEqualTo("Europe/Amsterdam");
    }

    @Test
    void aMissingMomentReadsAsADash() {
        Times times = new Times(AMSTERDAM, Locale.ENGLISH);
        assertThat(times.show(null)).isEqualTo(Times.NONE);
        assertThat(times.seconds(null)).isEqualTo(Times.NONE);
        assertThat(times.day(null)).isEqualTo(Times.NONE);
    }
}
