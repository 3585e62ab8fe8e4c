package org.takedown.shared.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.jspecify.annotations.Nullable;

/**
 * The only way an outgoing HTTP client of Takedown (the prober, webhooks) finds addresses: each host is resolved once
 * by our {@link HostResolver}, every address is checked against the {@link AddressPolicy}, and only addresses that
 * passed are handed to the client, which connects to exactly those (a second DNS answer cannot rebind it). Literal
 * addresses are checked the same way. Immutable, thread-safe.
 */
public final class GuardedDns implements DnsResolver {

    /** A host that resolved only to addresses Takedown must not connect to. */
    public static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    private static final AddressPolicy STRICT = new AddressPolicy(false);

    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final @Nullable ConnectRoute reroute;

    /**
     * @param reroute null except in the simulation; the policy checks the address actually connected to. With a
     *     reroute, a permission for loopback holds only for the addresses it produced: any other address (a reported
     *     {@code http://127.0.0.1/}, a name resolving to loopback) is held to the strict policy, so the demo's own
     *     server on loopback is never a target
     */
    public GuardedDns(HostResolver resolver, AddressPolicy policy, @Nullable ConnectRoute reroute) {
        this.resolver = resolver;
        this.policy = policy;
        this.reroute = reroute;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> allowed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (InetAddress address : lookup(host)) {
            InetSocketAddress target = reroute == null ? null : reroute.redirect(address, port);
            InetSocketAddress connect = target != null ? target : new InetSocketAddress(address, port);
            AddressPolicy applied = reroute != null && target == null ? STRICT : policy;
            String why = applied.refusal(connect.getAddress());
            if (why == null) {
                allowed.add(connect);
            } else {
                refused.add(IpLiterals.text(connect.getAddress()) + " (" + why + ")");
            }
        }
        if (allowed.isEmpty()) {
            throw new RefusedAddressException("refused: " + host + " resolves to " + String.join(", ", refused));
        }
        return allowed;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        List<InetAddress> found = lookup(host);
        List<InetAddress> allowed = new ArrayList<>(found.size());
        List<String> refused = new ArrayList<>();
        for (InetAddress address : found) {
            String why = (reroute != null ? STRICT : policy).refusal(address);
            if (why == null) {
                allowed.add(address);
            } else {
                refused.add(IpLiterals.text(address) + " (" + why + ")");
            }
        }
        if (allowed.isEmpty()) {
            throw new RefusedAddressException(
                    refused.isEmpty()
                            ? host + ": no addresses"
                            : "refused: " + host + " resolves to " + String.join(", ", refused));
        }
        return allowed.toArray(InetAddress[]::new);
    }

    /** The host's addresses: a literal as it is, a name by our resolver (once per connection). */
    private List<InetAddress> lookup(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
            try {
                return List.of(IpLiterals.parse(name));
            } catch (IllegalArgumentException e) {
                throw new UnknownHostException(e.getMessage());
            }
        }
        List<InetAddress> found = resolver.resolve(name);
        if (found.isEmpty()) {
            throw new RefusedAddressException(name + ": no addresses");
        }
        return found;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
