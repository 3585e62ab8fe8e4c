package org.takedown.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Finds the IP addresses (A and AAAA) of a host name. Pluggable: tests and the simulation use their own. */
public interface HostResolver {

    /**
     * The addresses of {@code host} (ASCII, IDNs already in punycode).
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
