package org.takedown.attribution.cli;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.takedown.attribution.HostResolver;
import org.takedown.attribution.Network;
import org.takedown.attribution.internal.AsnDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code takedown attribute URL_OR_IP}: the attribution chain as JSON. */
@Command(
        name = "attribute",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Print the attribution chain of a URL, host or IP address as JSON: host, its IP addresses (DNS A/AAAA)",
            "and for each the announced range, ASN, ASN organisation and country from the offline data",
            "(takedown data update). The hosting company and abuse contact come from the registry, which this",
            "command does not consult yet (null); the attribution pages and URL checks do."
        })
public final class AttributeCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(paramLabel = "URL_OR_IP", description = "e.g. https://example.nl/a.jpg, example.nl or 192.0.2.10")
    String target;

    @Option(names = "--resolve", paramLabel = "HOST=IP", description = "Use IP for HOST instead of DNS (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Mixin
    DataDirectory directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!AsnDatabase.present(directory.asnData())) {
            spec.commandLine()
                    .getErr()
                    .println("error: no IP-to-ASN data in " + directory.asnData() + "; run: takedown data update");
            return 1;
        }
        String host;
        try {
            host = host(target);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        AsnDatabase data = AsnDatabase.load(directory.asnData());
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("input", target);
        chain.put("host", host);
        List<Map<String, Object>> ips = new ArrayList<>();
        String error = null;
        try {
            for (InetAddress address : resolver().resolve(host)) {
                Network network = data.lookup(address);
                Map<String, Object> ip = new LinkedHashMap<>();
                ip.put("ip", network.ip());
                ip.put("range", network.range());
                ip.put("asn", network.asn() == 0 ? null : network.asn());
                ip.put("asnOrg", network.asnOrg());
                ip.put("country", network.country());
                ip.put("hostingCompany", null);
                ip.put("abuseContact", null);
                ips.add(ip);
            }
        } catch (UnknownHostException e) {
            error = "the host does not resolve: " + e.getMessage();
        }
        chain.put("ips", ips);
        if (error != null) {
            chain.put("error", error);
        }
        chain.put("attribution", AsnDatabase.ATTRIBUTION);
        spec.commandLine()
                .getOut()
                .println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(chain));
        return error == null ? 0 : 1;
    }

    private HostResolver resolver() {
        HostResolver system = HostResolver.system();
        return host -> {
            String ip = overrides.get(host);
            if (ip != null) {
                return List.of(AsnDatabase.address(ip));
            }
            if (isIpLiteral(host)) {
                return List.of(AsnDatabase.address(host));
            }
            return system.resolve(host);
        };
    }

    /** The host of a URL, or the host or IP given; IDNs in punycode. */
    static String host(String target) {
        String text = target.strip();
        if (text.contains("://")) {
            URI uri = URI.create(text.replace(" ", "%20"));
            if (uri.getHost() == null && uri.getAuthority() == null) {
                throw new IllegalArgumentException("no host in '" + target + "'");
            }
            text = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (isIpLiteral(text)) {
            return text;
        }
        return IDN.toASCII(text, IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
    }

    static boolean isIpLiteral(String text) {
        try {
            AsnDatabase.address(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
