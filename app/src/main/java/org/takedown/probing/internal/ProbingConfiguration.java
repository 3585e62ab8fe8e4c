package org.takedown.probing.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.takedown.probing.ProbingProperties;
import org.takedown.shared.net.ConnectRoute;
import org.takedown.shared.net.HostResolver;

/** The prober's fetcher, using attribution's resolver (so tests and the simulation never query real DNS). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProbingProperties.class)
class ProbingConfiguration {

    @Bean(destroyMethod = "close")
    SafeFetcher safeFetcher(ProbingProperties properties, HostResolver resolver, ObjectProvider<ConnectRoute> route) {
        return new SafeFetcher(properties, resolver, route.getIfAvailable());
    }
}
