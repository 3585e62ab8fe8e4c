package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.takedown.shared.documents.LineFile;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.IntegrationTest;
import org.takedown.support.ServerProcess;
import org.takedown.support.TestDatabase;

/**
 * How long a subscriber takes to pull a list of {@code takedown.bench.entries} (default 1 000 000) entries from
 * another instance (a {@code takedown serve} process on the same machine and PostgreSQL), in pages of 10 000. Prints
 * the import time at the source, the sync time and entries per second. Run with
 * {@code ./mvnw -pl app -am test -Dtest=ExchangeSyncLoadTests -Dtakedown.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "takedown.bench", matches = "true")
@TestPropertySource(
        properties = {"takedown.matching.exchange.allow-loopback=true", "takedown.matching.exchange.check-interval=1h"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExchangeSyncLoadTests {

    @Autowired
    Banks banks;

    @Autowired
    Exchange exchange;

    @Autowired
    ApiKeys keys;

    @Autowired
    Environment environment;

    @Test
    void aMillionEntriesArePulledFromAnotherInstance() throws Exception {
        int entries = Integer.getInteger("takedown.bench.entries", 1_000_000);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String source = "bench-source-" + suffix;
        String copy = "bench-copy-" + suffix;
        banks.create(source, "police", null, null);
        banks.create(copy, "exchange", null, null);
        StringBuilder csv = new StringBuilder(entries * 45);
        java.util.Random random = new java.util.Random(17);
        byte[] md5 = new byte[16];
        for (int i = 0; i < entries; i++) {
            random.nextBytes(md5);
            csv.append("md5,")
                    .append(HexFormat.of().formatHex(md5))
                    .append(",entry ")
                    .append(i)
                    .append('\n');
        }
        long started = System.nanoTime();
        banks.importEntries(
                source,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                LineFile.Format.CSV,
                "bench",
                n -> {});
        Duration imported = Duration.ofNanos(System.nanoTime() - started);
        csv = null;
        banks.setShared(source, true);
        String key = keys.create("bench-exchange", List.of(ApiScope.EXCHANGE), null, null)
                .token();
        try (ServerProcess server = ServerProcess.start(
                "exchange-bench-source",
                TestDatabase.Info.of(environment),
                Map.of("takedown.matching.exchange.check-interval", "1h"))) {
            server.awaitReady(Duration.ofSeconds(300));
            long id = exchange.subscribe(copy, "http://127.0.0.1:" + server.port(), source, key, Duration.ofHours(1));
            started = System.nanoTime();
            int pages = exchange.sync(id);
            Duration synced = Duration.ofNanos(System.nanoTime() - started);
            Exchange.Subscription status = exchange.subscriptions(copy).getFirst();
            assertThat(status.lastError()).isNull();
            assertThat(status.entriesAdded()).isEqualTo(entries);
            System.out.printf(
                    "exchange bench: %d entries imported at the source in %.1f s; pulled in %d pages in %.1f s"
                            + " (%.0f entries/s)%n",
                    entries,
                    imported.toMillis() / 1000.0,
                    pages,
                    synced.toMillis() / 1000.0,
                    entries * 1000.0 / Math.max(1, synced.toMillis()));
        }
    }
}
