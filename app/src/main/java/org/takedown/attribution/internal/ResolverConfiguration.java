package org.takedown.attribution.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.takedown.attribution.asn.AsnDatabase;
import org.takedown.shared.net.HostResolver;

/**
 * The resolver attribution (and the prober) use: the system's DNS, or a fixed table
 * ({@code takedown.attribution.resolver=static} with {@code takedown.attribution.static-hosts.<host>=ip,ip}) for tests,
 * which must never send queries out; with {@code resolver=simulation} the simulation provides it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResolverConfiguration.ResolverProperties.class)
class ResolverConfiguration {

    /**
     * @param resolver {@code system} or {@code static}
     * @param staticHosts for the static resolver: host to comma-separated IP addresses
     * @param dnsTimeout longest wait for one host's addresses; a name server that does not answer in time counts as
     *     "did not resolve" and is tried again later
     */
    @ConfigurationProperties("takedown.attribution")
    record ResolverProperties(
            @DefaultValue("system") String resolver,
            @DefaultValue Map<String, String> staticHosts,
            @DefaultValue("5s") java.time.Duration dnsTimeout) {}

    /** The simulation ({@code resolver=simulation}) brings its own resolver for its simulated web. */
    @Bean
    @ConditionalOnExpression("'${takedown.attribution.resolver:system}' != 'simulation'")
    HostResolver hostResolver(ResolverProperties properties) {
        if (!properties.resolver().equals("static")) {
            return HostResolver.system();
        }
        Map<String, String> table = Map.copyOf(properties.staticHosts());
        return host -> {
            String ips = table.get(host);
            if (ips == null) {
                throw new UnknownHostException(host + ": not in the static host table");
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String ip : ips.split(",")) {
                addresses.add(AsnDatabase.address(ip));
            }
            return addresses;
        };
    }
}
