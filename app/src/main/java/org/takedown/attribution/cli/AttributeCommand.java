package org.takedown.attribution.cli;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.attribution.Attribution;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.Network;
import org.takedown.attribution.asn.AsnDatabase;
import org.takedown.shared.cli.ApplicationContexts;
import org.takedown.shared.cli.DatabaseOptions;
import org.takedown.shared.net.HostResolver;
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
            "(takedown data update), and the hosting company, its abuse contact and the hosting country from the",
            "registry of the Takedown database (the embedded one under --data-dir, attached to a running demo, or",
            "--db-url). Without a database, or with --offline, the registry's fields are null."
        })
public final class AttributeCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(paramLabel = "URL_OR_IP", description = "e.g. https://example.nl/a.jpg, example.nl or 192.0.2.10")
    String target;

    @Option(names = "--resolve", paramLabel = "HOST=IP", description = "Use IP for HOST instead of DNS (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--offline", description = "Do not consult the registry (no database needed; faster)")
    boolean offline;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path asnData = database.dataDir().resolve("ip-location-db");
        if (!AsnDatabase.present(asnData)) {
            spec.commandLine()
                    .getErr()
                    .println("error: no IP-to-ASN data in " + asnData + "; run: takedown data update");
            return 1;
        }
        String host;
        try {
            host = host(target);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        AsnDatabase data = AsnDatabase.load(asnData);
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("input", target);
        chain.put("host", host);
        List<Network> networks = new ArrayList<>();
        String error = null;
        try {
            for (InetAddress address : resolver().resolve(host)) {
                networks.add(data.lookup(address));
            }
        } catch (UnknownHostException e) {
            error = "the host does not resolve: " + e.getMessage();
        }
        List<Attribution> attributions = new ArrayList<>();
        String registry = consultRegistry(host, networks, attributions);
        List<Map<String, Object>> ips = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            ips.add(describe(networks.get(i), attributions.isEmpty() ? null : attributions.get(i)));
        }
        chain.put("ips", ips);
        chain.put("registry", registry);
        if (error != null) {
            chain.put("error", error);
        }
        chain.put("attribution", AsnDatabase.ATTRIBUTION);
        spec.commandLine()
                .getOut()
                .println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(chain));
        return error == null ? 0 : 1;
    }

    /** Attributes the networks with the registry when there is a database; says whether it was consulted. */
    private String consultRegistry(String host, List<Network> networks, List<Attribution> attributions) {
        if (offline) {
            return "not consulted (--offline)";
        }
        if (database.url() == null
                && System.getenv("TAKEDOWN_DB_URL") == null
                && !Files.exists(database.dataDir().resolve("postgres/PG_VERSION"))) {
            return "not consulted: no Takedown database in " + database.dataDir()
                    + " (give --db-url, or --offline to skip it)";
        }
        ApplicationContexts contexts = (ApplicationContexts) spec.root().userObject();
        try (ConfigurableApplicationContext context = contexts.startBatch(database)) {
            HostingCompanies companies = context.getBean(HostingCompanies.class);
            for (Network network : networks) {
                attributions.add(companies.attribute(host, network));
            }
        }
        return "consulted";
    }

    /** One address of the chain: its network and, when the registry was consulted, its company. */
    private static Map<String, Object> describe(Network network, @Nullable Attribution found) {
        Map<String, Object> ip = new LinkedHashMap<>();
        ip.put("ip", network.ip());
        ip.put("range", network.range());
        ip.put("asn", network.asn() == 0 ? null : network.asn());
        ip.put("asnOrg", network.asnOrg());
        ip.put("country", network.country());
        ip.put("hostingCompany", found == null ? null : found.hostingCompany());
        ip.put("abuseContact", found == null ? null : found.abuseContact());
        ip.put("matchedBy", found == null ? null : found.matchedBy());
        ip.put("hostedIn", found == null ? network.country() : found.hostedIn());
        return ip;
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
