package org.takedown.simulation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.takedown.shared.net.ConnectRoute;
import org.takedown.shared.net.HostResolver;

/**
 * The simulated world of {@code takedown.simulation.scenario}: the scenario's web on loopback, the resolver that
 * answers for its hosts (attribution sees the documentation addresses), and the route that takes the prober's
 * connections to those addresses to the simulated web. Only active when a scenario is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("takedown.simulation.scenario")
class SimulationConfiguration {

    /**
     * The world: for a run from the command line it starts at the scenario's start; a live run (the demo) starts when
     * it first ran in this database and continues after a restart.
     */
    @Bean
    World world(
            @Value("${takedown.simulation.scenario}") String file,
            @Value("${takedown.simulation.live:false}") boolean live,
            JdbcClient jdbc,
            Clock clock) {
        Scenario scenario = Scenario.load(Path.of(file));
        if (!live) {
            return new World(scenario);
        }
        jdbc.sql("INSERT INTO simulation_run (scenario, origin) VALUES (?, ?) ON CONFLICT (scenario) DO NOTHING")
                .params(scenario.name(), java.sql.Timestamp.from(clock.instant()))
                .update();
        Instant origin = jdbc.sql("SELECT origin FROM simulation_run WHERE scenario = ?")
                .param(scenario.name())
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        return new World(scenario, origin);
    }

    @Bean(destroyMethod = "close")
    SimulatedWeb simulatedWeb(
            World world,
            Clock clock,
            @Value("${takedown.simulation.port:0}") int port,
            @Value("${takedown.simulation.timeout-stall:1500ms}") java.time.Duration stall) {
        return new SimulatedWeb(world, clock, port, stall.toMillis());
    }

    @Bean
    HostResolver simulatedDns(World world, Clock clock) {
        return host -> {
            List<InetAddress> found = world.resolve(host, clock.instant());
            if (found.isEmpty()) {
                throw new UnknownHostException(host + ": not a simulated host");
            }
            return found;
        };
    }

    @Bean
    ConnectRoute simulatedRoute(World world, SimulatedWeb web) {
        Set<InetAddress> simulated = new HashSet<>();
        for (Scenario.Company company : world.scenario().companies()) {
            simulated.addAll(World.addresses(company));
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), web.port());
        return (address, port) -> simulated.contains(address) ? loopback : null;
    }
}
