package org.takedown.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.support.IntegrationTest;

/**
 * Events between modules go through the event publication registry in PostgreSQL: published in the sender's
 * transaction, marked complete when the listener succeeded, and left incomplete (to be retried) when it failed.
 */
@IntegrationTest
@Import(EventPublicationIntegrationTests.Listener.class)
class EventPublicationIntegrationTests {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deliveredEventIsCompletedInTheRegistry() {
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> events.publishEvent(new Pinged(id, false)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Listener.HANDLED.contains(id));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(completion(id)).isEqualTo("completed"));
    }

    @Test
    void failedListenerLeavesThePublicationIncomplete() {
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> events.publishEvent(new Pinged(id, true)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Listener.FAILED.contains(id));
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(completion(id)).isEqualTo("incomplete"));
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new Pinged(id, false));
            status.setRollbackOnly();
        });
        assertThat(completion(id)).isEqualTo("absent");
    }

    private String completion(String id) {
        return jdbc.sql("SELECT completion_date IS NOT NULL FROM event_publication WHERE serialized_event LIKE ?")
                .param("%" + id + "%")
                .query(Boolean.class)
                .optional()
                .map(done -> done ? "completed" : "incomplete")
                .orElse("absent");
    }

    /** A test event. */
    record Pinged(String id, boolean fail) {}

    @TestConfiguration
    static class Listener {
        static final Set<String> HANDLED = ConcurrentHashMap.newKeySet();
        static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

        @ApplicationModuleListener
        void on(Pinged event) {
            if (event.fail()) {
                FAILED.add(event.id());
                throw new IllegalStateException("listener failed on purpose");
            }
            HANDLED.add(event.id());
        }
    }
}
