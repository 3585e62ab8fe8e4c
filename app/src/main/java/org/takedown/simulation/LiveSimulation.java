package org.takedown.simulation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.shared.time.SimulatedClock;

/**
 * A scenario running live in a server (the demo): its companies registered at start, its reports arriving on the
 * simulated clock every second, and the server's own schedules doing the rest, so every screen has live data. The
 * first start simulates the scenario's first {@code takedown.simulation.warm-up} ahead (breaches of the norm and
 * removals are there when the demo opens); a restart continues from the simulated time the run had reached.
 */
@Component
@ConditionalOnBooleanProperty("takedown.simulation.live")
class LiveSimulation {

    private static final Logger log = LoggerFactory.getLogger(LiveSimulation.class);

    private final Simulator simulator;
    private final World world;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration warmUp;
    private volatile boolean ready;

    LiveSimulation(
            Simulator simulator,
            World world,
            JdbcClient jdbc,
            Clock clock,
            @Value("${takedown.simulation.warm-up:PT0S}") Duration warmUp) {
        this.simulator = simulator;
        this.world = world;
        this.jdbc = jdbc;
        this.clock = clock;
        this.warmUp = warmUp;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Instant reached = jdbc.sql("SELECT simulated_at FROM simulation_run WHERE scenario = ?")
                .param(world.scenario().name())
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
        if (reached != null && reached.isAfter(clock.instant()) && clock instanceof SimulatedClock simulated) {
            simulated.set(reached);
        }
        simulator.setUp();
        simulator.restore();
        if (reached == null && !warmUp.isZero() && clock instanceof SimulatedClock) {
            // in the background: the pages are there at once and fill as the first days are simulated
            Thread.ofPlatform().name("simulation-warm-up").daemon(true).start(this::warmUp);
        } else {
            remember();
            ready = true;
        }
    }

    /**
     * Simulates the first days ahead at the checks' own interval, then lets the live run go on from there. A step
     * that meets a transient database failure (a deadlock victim, a lost connection) is tried again from where the
     * clock stands; whatever happens, the live run starts, so the demo never stands still.
     */
    private void warmUp() {
        long began = System.nanoTime();
        log.info(
                "simulating the first {} of {} ahead, so that the demo opens with data",
                warmUp,
                world.scenario().name());
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    simulator.catchUp(world.origin().plus(warmUp), Duration.ofMinutes(15));
                    break;
                } catch (org.springframework.dao.TransientDataAccessException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    log.warn("the warm-up met a transient failure at {}; going on from there", clock.instant(), e);
                }
            }
            log.info(
                    "simulated the first {} in {} s; the demo runs live from here",
                    warmUp,
                    (System.nanoTime() - began) / 1_000_000_000);
        } catch (RuntimeException e) {
            log.error("the warm-up stopped at {}; the demo runs live from there", clock.instant(), e);
        } finally {
            ready = true;
            remember();
        }
    }

    @Scheduled(fixedDelayString = "${takedown.simulation.tick:1s}")
    void tick() {
        if (ready) {
            simulator.tick();
            remember();
        }
    }

    private void remember() {
        jdbc.sql("UPDATE simulation_run SET simulated_at = ? WHERE scenario = ?")
                .params(Timestamp.from(clock.instant()), world.scenario().name())
                .update();
    }
}
