package org.takedown.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.takedown.shared.text.Text;

/** The watch list's thresholds at their edges, and the months-in-a-row count, without a database. */
class WatchListRulesTests {

    final WatchList watch = new WatchList(null, null, null, defaults(), null);

    static EnforcementProperties defaults() {
        return new EnforcementProperties(
                Duration.ofDays(14),
                Duration.ofSeconds(30),
                new EnforcementProperties.Watch(
                        Duration.ofDays(90),
                        Duration.ofHours(24),
                        10,
                        0.80,
                        Duration.ofHours(72),
                        3,
                        Duration.ofHours(1),
                        Duration.ofDays(30)),
                Locale.forLanguageTag("nl"));
    }

    static ProviderStanding standing(long judged, long within, Duration longest, int months) {
        return new ProviderStanding(1, "Host", judged, judged, within, 0, judged - within, longest, months, List.of());
    }

    @Test
    void theShareIsJudgedFromTenUrlsAndEightyPercentIsEnough() {
        assertThat(Text.english(watch.flags(standing(9, 0, Duration.ofHours(30), 0))))
                .as("9 URLs: not judged")
                .isEmpty();
        assertThat(Text.english(watch.flags(standing(10, 8, Duration.ofHours(30), 0))))
                .as("exactly 80 %")
                .isEmpty();
        assertThat(Text.english(watch.flags(standing(10, 7, Duration.ofHours(30), 0))))
                .containsExactly("removed 70 % of 10 URLs within 24 h (threshold: below 80 % with at least 10 URLs)");
    }

    @Test
    void aUrlOnlineLongerThanSeventyTwoHoursAndThreeMonthsInARowAreFlagged() {
        assertThat(Text.english(watch.flags(standing(1, 1, Duration.ofHours(72), 0))))
                .as("exactly 72 h")
                .isEmpty();
        assertThat(Text.english(watch.flags(standing(1, 1, Duration.ofHours(73), 0))))
                .containsExactly("a URL online 73 h after its notice (threshold: 72 h)");
        assertThat(watch.flags(standing(1, 1, Duration.ofHours(1), 2))).isEmpty();
        assertThat(Text.english(watch.flags(standing(1, 1, Duration.ofHours(1), 3))))
                .containsExactly("breaches of the norm in 3 consecutive months (threshold: 3)");
    }

    @Test
    void monthsInARowCountOnlyRunsThatReachTheWindow() {
        YearMonth start = YearMonth.of(2026, 9);
        YearMonth last = YearMonth.of(2026, 11);
        TreeSet<YearMonth> months = new TreeSet<>(
                List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3), YearMonth.of(2026, 4)));
        assertThat(WatchList.longestRun(months, start, last))
                .as("a long run long ago")
                .isZero();
        months = new TreeSet<>(List.of(YearMonth.of(2026, 8), YearMonth.of(2026, 9), YearMonth.of(2026, 10)));
        assertThat(WatchList.longestRun(months, start, last))
                .as("begun before the window")
                .isEqualTo(3);
        months = new TreeSet<>(List.of(YearMonth.of(2026, 9), YearMonth.of(2026, 11)));
        assertThat(WatchList.longestRun(months, start, last))
                .as("a gap breaks the run")
                .isEqualTo(1);
    }
}
