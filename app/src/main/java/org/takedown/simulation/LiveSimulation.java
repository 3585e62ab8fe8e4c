package org.takedown.simulation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scenario running live in a server (the demo): its companies registered at start, its reports arriving on the
 * simulated clock every second, and the server's own schedules doing the rest, so every screen has live data.
 */
@Component
@ConditionalOnBooleanProperty("takedown.simulation.live")
class LiveSimulation {

    private final Simulator simulator;
    private volatile boolean ready;

    LiveSimulation(Simulator simulator) {
        this.simulator = simulator;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        simulator.setUp();
        simulator.restore();
        ready = true;
    }

    @Scheduled(fixedDelayString = "${takedown.simulation.tick:1s}")
    void tick() {
        if (ready) {
            simulator.tick();
        }
    }
}
