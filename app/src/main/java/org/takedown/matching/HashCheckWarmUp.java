package org.takedown.matching;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;

/**
 * Warms the hash check up before readiness: once the hash lists are loaded, the server sends single-hash requests to
 * its own API over loopback until the JIT has compiled the request path (Tomcat, security, JSON, the search). Without
 * it, a server holding millions of entries that gets 1 000 requests a second at once spends its first minute
 * compiling while the requests queue. Readiness ({@link HashIndexHealth}) stays out of service meanwhile.
 *
 * <p>The requests carry a key held only in memory ({@link ApiKeys#issueInMemory}), forgotten at the end. Half check a
 * SHA-256, half a PDQ hash; half of each are random, half stored ones (PDQ 0 to 24 bits off), so that the path of
 * a match runs too, through every chunk of the index. Each client opens a new connection every
 * {@link #PER_CONNECTION} requests. The key goes through the same API-key cache and rate limit as a stored key, and
 * the lookups through the same auditing and counting code, so that the JIT compiles the path a real client's requests
 * take (a warm-up that skipped those parts left the first real requests to recompile them). Yet their matches are not
 * audited and their lookups count in neither the lists' usage nor the callers' metrics ({@link #ACTOR}). Lists
 * smaller than {@code takedown.matching.warm-up.min-entries} start without it.
 */
@Component
class HashCheckWarmUp implements ApplicationListener<WebServerInitializedEvent> {

    /** The id of the warm-up's in-memory key. */
    static final long KEY_ID = -1;

    /** The actor of the warm-up's requests, as {@link org.takedown.shared.audit.Actors} names it. */
    static final String ACTOR = "apikey:" + KEY_ID;

    /** Requests a warm-up client sends over one connection before it opens the next. */
    static final int PER_CONNECTION = 200;

    /**
     * The API keys used within this time are held in memory before readiness ({@link ApiKeys#holdRecentlyUsed}): the
     * clients of a busy service come back at once after a restart, and a database check of a key at its first request
     * held up every request that came meanwhile (the first 150 ms of a start at 1 000 requests a second).
     */
    static final Duration RECENT_KEYS = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(HashCheckWarmUp.class);

    private final HashIndexes indexes;
    private final HashCheck hashCheck;
    private final ApiKeys keys;
    private final MatchingProperties.WarmUp settings;
    private final Environment environment;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running;

    HashCheckWarmUp(
            HashIndexes indexes,
            HashCheck hashCheck,
            ApiKeys keys,
            MatchingProperties properties,
            Environment environment) {
        this.indexes = indexes;
        this.hashCheck = hashCheck;
        this.keys = keys;
        this.settings = properties.warmUp();
        this.environment = environment;
    }

    /** True from the web server's start until the warm-up ended or was found not needed. */
    boolean running() {
        return running;
    }

    /** Requests sent so far. */
    long sent() {
        return sent.get();
    }

    /** The requests the warm-up sends at least. */
    int planned() {
        return settings.requests();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a separate management server
        }
        if (environment.getProperty("server.ssl.enabled", Boolean.class, false)) {
            log.info("Hash check warm-up skipped: it speaks plain HTTP and this server uses TLS");
            return;
        }
        running = true;
        URI uri = URI.create("http://" + host() + ":" + event.getWebServer().getPort() + "/api/v1/hashcheck");
        Thread.ofPlatform().name("warm-up").daemon().start(() -> {
            try {
                warmUp(uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running = false;
            }
        });
    }

    /** The address to reach this server at: loopback unless it listens on one other address only. */
    private String host() {
        String address = environment.getProperty("server.address", "");
        if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::")) {
            return "127.0.0.1";
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private void warmUp(URI uri) throws InterruptedException {
        while (!indexes.loaded()) {
            Thread.sleep(100);
        }
        long entries = 0;
        for (HashType type : HashType.values()) {
            entries += indexes.size(type);
        }
        if (entries < settings.minEntries() || settings.requests() == 0) {
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compiledBefore = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        long started = System.nanoTime();
        long deadline = started + settings.maxTime().toNanos();
        String token = keys.issueInMemory(KEY_ID, "warm-up", Set.of(ApiScope.HASHCHECK));
        try {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                long seed = c;
                clients.add(Thread.ofPlatform()
                        .name("warm-up-" + c)
                        .daemon()
                        .start(() -> send(uri, token, seed, deadline)));
            }
            for (Thread thread : clients) {
                thread.join();
            }
        } finally {
            keys.forgetInMemory(token);
            hashCheck.forgetCaller(ACTOR);
        }
        long compiled = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        int held = keys.holdRecentlyUsed(RECENT_KEYS);
        log.info(
                "Hash check warmed up with {} requests in {} ms (JIT compile time meanwhile {} ms); {} API keys used"
                        + " within {} held",
                sent.get(),
                (System.nanoTime() - started) / 1_000_000,
                compiled - compiledBefore,
                held,
                RECENT_KEYS);
    }

    /**
     * One client: requests one after another until the planned number is sent, the deadline passes or one fails. It
     * opens a new connection every {@link #PER_CONNECTION} requests, as real clients come and go.
     */
    private void send(URI uri, String token, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(System.nanoTime() ^ seed);
        HexFormat hex = HexFormat.of();
        byte[] hash = new byte[32];
        HttpClient client = null;
        try {
            for (long n = 0; claimed.getAndIncrement() < settings.requests() && System.nanoTime() < deadline; n++) {
                if (n % PER_CONNECTION == 0) {
                    if (client != null) {
                        client.close();
                    }
                    client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
                }
                if (!sendOne(client, uri, token, random, hex, hash)) {
                    return;
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Sends one random or stored hash; false when the warm-up must end. */
    private boolean sendOne(
            HttpClient client, URI uri, String token, SplittableRandom random, HexFormat hex, byte[] hash) {
        HashType type = random.nextBoolean() ? HashType.PDQ : HashType.SHA256;
        random.nextBytes(hash);
        String value = hex.formatHex(hash);
        String stored = random.nextBoolean() ? indexes.someStored(type, random) : null;
        if (stored != null) {
            // a stored hash, PDQ 0 to 24 bits off as real near copies are: the path of a match (labels, JSON of the
            // matches), with matches found through every chunk of the index, not always the first
            byte[] bytes = hex.parseHex(stored);
            if (type == HashType.PDQ) {
                for (int flips = random.nextInt(25); flips > 0; flips--) {
                    int bit = random.nextInt(8 * bytes.length);
                    bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
            }
            value = hex.formatHex(bytes);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"hashes\":[{\"type\":\"" + type.id() + "\",\"value\":\"" + value + "\"}]}"))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                log.warn("Hash check warm-up ended early: the API answered {}", response.statusCode());
                return false;
            }
            sent.incrementAndGet();
            return true;
        } catch (java.io.IOException e) {
            log.warn("Hash check warm-up ended early: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
