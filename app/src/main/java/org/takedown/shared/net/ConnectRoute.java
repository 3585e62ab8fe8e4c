package org.takedown.shared.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Where an outgoing connection really goes for a resolved address: only the simulation provides one, sending its
 * simulated hosting companies' documentation addresses to its web server on loopback. {@link GuardedDns} checks the
 * address actually connected to, so without the simulation's explicit loopback permission this changes nothing.
 */
@FunctionalInterface
public interface ConnectRoute {

    /** The socket address to connect to instead of {@code address:port}, or null to connect there. */
    @Nullable
    InetSocketAddress redirect(InetAddress address, int port);
}
