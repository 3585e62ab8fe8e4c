package org.takedown.probing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.takedown.probing.CheckResult;
import org.takedown.probing.ProbingProperties;

class CheckScheduleTests {

    private static final Instant NOTICE = Instant.parse("2026-03-02T10:00:00Z");

    private final CheckSchedule schedule = new CheckSchedule(ProbingProperties.Schedule.standard());

    private static Instant at(Duration after) {
        return NOTICE.plus(after);
    }

    @Test
    void checksEveryQuarterHourOnTheNoticesGridForThreeDays() {
        // a check that ran late (at 17 minutes) is followed at 30, not at 32
        assertThat(schedule.next(NOTICE, at(Duration.ofMinutes(17)), RemovalRule.START, null))
                .isEqualTo(at(Duration.ofMinutes(30)));
        assertThat(schedule.next(NOTICE, NOTICE, RemovalRule.START, null)).isEqualTo(at(Duration.ofMinutes(15)));
    }

    @Test
    void afterThreeDaysEverySixHoursUntilTheWatchEndsAfterThirtyDays() {
        assertThat(schedule.next(NOTICE, at(Duration.ofHours(73)), RemovalRule.START, null))
                .isEqualTo(at(Duration.ofHours(78)));
        assertThat(schedule.next(NOTICE, at(Duration.ofDays(30)), RemovalRule.START, null))
                .isNull();
    }

    @Test
    void anUnsettledRunIsCheckedAgainAfterFiveMinutesEvenLateInTheWatch() {
        RemovalRule failing = RemovalRule.START.after(CheckResult.OFFLINE, at(Duration.ofHours(100)));
        assertThat(schedule.next(NOTICE, at(Duration.ofHours(100)), failing, null))
                .isEqualTo(at(Duration.ofHours(100).plusMinutes(5)));
    }

    @Test
    void anOrdersDeadlineIsWatchedCloselyAndCheckedAtTheDeadlineItself() {
        Instant now = at(Duration.ofDays(40)); // the ordinary watch is long over
        Instant deadline = now.plus(Duration.ofMinutes(20));
        assertThat(schedule.next(NOTICE, now, RemovalRule.START, deadline)).isEqualTo(now.plus(Duration.ofMinutes(15)));
        Instant later = now.plus(Duration.ofMinutes(15));
        assertThat(schedule.next(NOTICE, later, RemovalRule.START, deadline)).isEqualTo(deadline);
        assertThat(schedule.next(NOTICE, deadline, RemovalRule.START, deadline)).isNull();
    }
}
