package org.takedown.simulation;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.takedown.shared.net.IpLiterals;

/**
 * The simulated web of a scenario, drawn from its seed: domains of each fictional company at addresses of its range,
 * the URLs they host with the time each is reported and how its company will treat it after a notice. Knows, for any
 * simulated time, what a URL answers and where its host points. Thread-safe: the drawing is done at construction;
 * only notice times and re-uploads are learnt later.
 */
final class World {

    /** What a company does with a URL after the notice. */
    public enum Fate {
        REMOVED,
        PLACEHOLDER,
        NEVER,
        MOVED_ABROAD
    }

    /** One simulated URL. */
    public static final class SimUrl {
        final int id;
        final String url;
        final String host;
        final String path;
        final Scenario.Company company;
        final Instant reportAt;
        final Fate fate;
        final Duration delay;
        final int goneStatus;
        final boolean reupload;
        volatile @Nullable Instant notifiedAt;
        volatile @Nullable Integer reuploadedAs;

        SimUrl(
                int id,
                String url,
                String host,
                String path,
                Scenario.Company company,
                Instant reportAt,
                Fate fate,
                Duration delay,
                int goneStatus,
                boolean reupload) {
            this.id = id;
            this.url = url;
            this.host = host;
            this.path = path;
            this.company = company;
            this.reportAt = reportAt;
            this.fate = fate;
            this.delay = delay;
            this.goneStatus = goneStatus;
            this.reupload = reupload;
        }

        public String url() {
            return url;
        }

        public Scenario.Company company() {
            return company;
        }

        public Instant reportAt() {
            return reportAt;
        }

        public Fate fate() {
            return fate;
        }

        public @Nullable Instant notifiedAt() {
            return notifiedAt;
        }

        /** Learns the notice time (the first one counts). */
        public void notified(Instant at) {
            if (notifiedAt == null) {
                notifiedAt = at;
            }
        }

        /** Whether the content already came back at a new URL. */
        public boolean reuploaded() {
            return reuploadedAs != null;
        }

        /** Whether the content comes back at a new URL after its removal. */
        public boolean reupload() {
            return reupload;
        }

        /** When the company acts on it (null before the notice, or when it never does). */
        public @Nullable Instant actsAt() {
            Instant notified = notifiedAt;
            return notified == null || fate == Fate.NEVER ? null : notified.plus(delay);
        }

        /** When the content was removed from this URL (null when it never was, or moved instead). */
        public @Nullable Instant removedAt() {
            return fate == Fate.REMOVED || fate == Fate.PLACEHOLDER ? actsAt() : null;
        }
    }

    private final Scenario scenario;
    private final Instant origin;
    private final List<SimUrl> urls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, SimUrl> byUrl = new ConcurrentHashMap<>();
    private final Map<Integer, SimUrl> byId = new ConcurrentHashMap<>();
    private final Map<String, InetAddress> homes = new HashMap<>();
    private final Map<String, Scenario.Company> companyOf = new HashMap<>();
    private final Map<String, SimUrl> movedHosts = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> reuploadOf = new ConcurrentHashMap<>();
    private final @Nullable InetAddress abroad;
    private final SplittableRandom random;

    /** The world of a scenario whose simulated time starts at its own start. */
    public World(Scenario scenario) {
        this(scenario, scenario.start());
    }

    /** The world of a scenario whose reports arrive from {@code origin} on (a live run started then). */
    public World(Scenario scenario, Instant origin) {
        this.scenario = scenario;
        this.origin = origin;
        this.random = new SplittableRandom(scenario.seed());
        Scenario.Company foreign = scenario.abroad();
        this.abroad = foreign == null ? null : addresses(foreign).getFirst();
        for (Scenario.Company company : scenario.companies()) {
            List<InetAddress> ips = addresses(company);
            List<String> domains = new ArrayList<>();
            for (int d = 0; d < company.domains(); d++) {
                String domain = slug(company.name()) + "-" + (d + 1) + ".example";
                domains.add(domain);
                homes.put(domain, ips.get(d % ips.size()));
                companyOf.put(domain, company);
            }
            for (int u = 0; u < company.urls(); u++) {
                add(company, domains.get(random.nextInt(domains.size())), origin.plus(spread()));
            }
        }
        urls.sort(java.util.Comparator.comparing(SimUrl::reportAt));
    }

    private Duration spread() {
        long millis = scenario.reportingPeriod().toMillis();
        return Duration.ofMillis(millis <= 0 ? 0 : random.nextLong(millis));
    }

    private SimUrl add(Scenario.Company company, String domain, Instant reportAt) {
        Scenario.Removal r = company.removal();
        int id = byUrl.size() + 1;
        double draw = random.nextDouble();
        Fate fate;
        if (draw < r.never()) {
            fate = Fate.NEVER;
        } else if (draw < r.never() + r.placeholder()) {
            fate = Fate.PLACEHOLDER;
        } else if (draw < r.never() + r.placeholder() + r.movedAbroad() && abroad != null) {
            fate = Fate.MOVED_ABROAD;
        } else {
            fate = Fate.REMOVED;
        }
        // log-normal delay: median * e^(spread * N(0,1)), N(0,1) by Box-Muller
        double gaussian =
                Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        Duration delay = Duration.ofMillis(
                Math.max(60_000L, Math.round(r.median().toMillis() * Math.exp(r.spread() * gaussian))));
        // content that moves gets a host of its own, so its move does not carry the rest of the domain along
        String host = fate == Fate.MOVED_ABROAD ? "u" + id + "." + domain : domain;
        if (!host.equals(domain)) {
            homes.put(host, homes.get(domain));
            companyOf.put(host, company);
        }
        String path = "/media/" + id + "/" + Long.toHexString(random.nextLong() & 0xffffffffL) + ".png";
        SimUrl url = new SimUrl(
                id,
                "http://" + host + path,
                host,
                path,
                company,
                reportAt,
                fate,
                delay,
                random.nextDouble() < r.gone410() ? 410 : 404,
                fate == Fate.REMOVED && random.nextDouble() < r.reupload());
        urls.add(url);
        byUrl.put(host + path, url);
        byId.put(id, url);
        if (fate == Fate.MOVED_ABROAD) {
            movedHosts.put(host, url);
        }
        return url;
    }

    /** Every URL, in the order they are reported (re-uploads appended as they appear). */
    public List<SimUrl> urls() {
        synchronized (urls) {
            return List.copyOf(urls);
        }
    }

    /** The URLs after the first {@code known} of {@link #urls()}: those that appeared since a caller last looked. */
    public List<SimUrl> urlsAfter(int known) {
        synchronized (urls) {
            return known >= urls.size() ? List.of() : List.copyOf(urls.subList(known, urls.size()));
        }
    }

    public @Nullable SimUrl find(String host, String path) {
        return byUrl.get(host.toLowerCase(Locale.ROOT) + path);
    }

    public @Nullable SimUrl find(String url) {
        int slash = url.indexOf('/', "http://".length());
        return slash < 0 ? null : find(url.substring("http://".length(), slash), url.substring(slash));
    }

    /** The addresses of a host at a time: its company's, or abroad once its content moved. */
    public List<InetAddress> resolve(String host, Instant at) {
        InetAddress home = homes.get(host.toLowerCase(Locale.ROOT));
        if (home == null) {
            return List.of();
        }
        SimUrl moved = movedHosts.get(host.toLowerCase(Locale.ROOT));
        if (moved != null && abroad != null) {
            Instant acts = moved.actsAt();
            if (acts != null && !at.isBefore(acts)) {
                return List.of(abroad);
            }
        }
        return List.of(home);
    }

    /** All hosts. */
    public List<String> hosts() {
        return List.copyOf(homes.keySet());
    }

    /** A URL's content was removed and comes back at a new URL on the same domain: the new URL. */
    public SimUrl reupload(SimUrl original, Instant at) {
        synchronized (this) {
            if (original.reuploadedAs != null) {
                return byId.get(original.reuploadedAs);
            }
            SimUrl copy = add(original.company, original.host, at);
            original.reuploadedAs = copy.id;
            reuploadOf.put(copy.id, original.id);
            return copy;
        }
    }

    /** The content id a URL serves (a re-upload serves its original's). */
    int contentOf(SimUrl url) {
        Integer original = reuploadOf.get(url.id);
        return original == null ? url.id : original;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** When the run's simulated time began. */
    public Instant origin() {
        return origin;
    }

    /** The addresses of a company's range, first to last (at most 256). */
    static List<InetAddress> addresses(Scenario.Company company) {
        String[] bounds = company.range().split("-");
        byte[] first = IpLiterals.parse(bounds[0]).getAddress();
        byte[] last = IpLiterals.parse(bounds[bounds.length - 1]).getAddress();
        List<InetAddress> out = new ArrayList<>();
        int from = first[3] & 0xff;
        int to = last[3] & 0xff;
        for (int i = from; i <= to && out.size() < 256; i++) {
            byte[] ip = first.clone();
            ip[3] = (byte) i;
            try {
                out.add(InetAddress.getByAddress(ip));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(company.name() + ": empty range " + company.range());
        }
        return out;
    }

    static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "host" : slug;
    }
}
