package org.takedown.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulated world's timeline: a live run replays its scenario from the moment it first ran, on any date. */
class WorldTests {

    static final Scenario SCENARIO = Scenario.load(Path.of("src/test/resources/scenarios/tiny.yaml"));

    @Test
    void aLiveRunReportsFromItsOriginWhateverTheScenariosStart() {
        Instant origin = SCENARIO.start().plus(Duration.ofDays(400)); // the demo started long after the scenario's date
        World live = new World(SCENARIO, origin);
        assertThat(live.urls())
                .isNotEmpty()
                .allSatisfy(url -> assertThat(url.reportAt())
                        .isAfterOrEqualTo(origin)
                        .isBefore(origin.plus(SCENARIO.reportingPeriod()).plusMillis(1)));
    }

    @Test
    void aRunFromTheCommandLineStartsAtTheScenariosStartAndBothDrawTheSameSpread() {
        World fromStart = new World(SCENARIO);
        World live = new World(SCENARIO, SCENARIO.start().plus(Duration.ofDays(3)));
        assertThat(fromStart.urls())
                .allSatisfy(url -> assertThat(url.reportAt()).isAfterOrEqualTo(SCENARIO.start()));
        assertThat(live.urls().getFirst().reportAt())
                .isEqualTo(fromStart.urls().getFirst().reportAt().plus(Duration.ofDays(3)));
    }
}
