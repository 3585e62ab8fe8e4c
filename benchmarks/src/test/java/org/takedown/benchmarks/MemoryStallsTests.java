package org.takedown.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stall probe's accounting, on made-up step times. */
class MemoryStallsTests {

    private static final long MS = 1_000_000;

    @Test
    void countsStepsOverTheThresholdAndFindsTheirPeriod() {
        MemoryStalls.Stalls stalls = new MemoryStalls.Stalls(5 * MS);
        long now = 0;
        stalls.step(now);
        for (int ms = 1; ms <= 4_000; ms++) {
            // steps of 1 ms, except one of 30 ms every 512 steps and one of 8 ms at step 1 100
            now += ms % 512 == 0 ? 30 * MS : ms == 1_100 ? 8 * MS : MS;
            stalls.step(now);
        }

        assertThat(stalls.steps()).isEqualTo(4_000);
        assertThat(stalls.stalls()).isEqualTo(8);
        // the 30 ms stalls start 512 + 29 ms apart; the 8 ms one falls between two of them (105 and 443 ms)
        assertThat(stalls.commonIntervals(3))
                .containsExactly(Map.entry(540L, 5), Map.entry(100L, 1), Map.entry(440L, 1));
        assertThat(stalls.report(4))
                .startsWith("1000 steps/s; 8 steps over 5.0 ms, the longest 30.0 ms;")
                .endsWith("between them: 540-549 ms (5 times), 100-109 ms (1 times), 440-449 ms (1 times)");
    }

    @Test
    void aSteadyLoopHasNoStalls() {
        MemoryStalls.Stalls stalls = new MemoryStalls.Stalls(5 * MS);
        for (long t = 0; t <= 1_000 * MS; t += MS) {
            stalls.step(t);
        }

        assertThat(stalls.steps()).isEqualTo(1_000);
        assertThat(stalls.stalls()).isZero();
        assertThat(stalls.report(1))
                .isEqualTo(
                        "1000 steps/s; 0 steps over 5.0 ms, the longest 1.0 ms; most common intervals between them: none");
    }
}
