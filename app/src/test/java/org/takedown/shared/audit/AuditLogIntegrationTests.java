package org.takedown.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.takedown.shared.time.SimulatedClock;
import org.takedown.support.Cli;
import org.takedown.support.TestDatabase;

/**
 * The audit log on real PostgreSQL: chained appends on the application clock, the database refusing changes, and
 * tampering (a changed, removed or inserted row) detected by {@code takedown audit verify}. Runs on its own
 * database, with a simulated clock, because it tampers with the log.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "takedown.clock.mode=simulated",
            "takedown.clock.start=2030-01-01T00:00:00Z",
            "takedown.clock.speed=0"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogIntegrationTests {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    @Order(1)
    void entriesChainOnTheApplicationClock() {
        AuditEntry first = audit.record("user:alice", "test.first", "thing:1", Map.of("b", 2, "a", "x"));
        ((SimulatedClock) clock).advance(Duration.ofHours(3));
        AuditEntry second = audit.record("user:bob", "test.second", "thing:1", Map.of());

        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(second.occurredAt()).isEqualTo(Instant.parse("2030-01-01T03:00:00Z"));
        assertThat(second.id()).isEqualTo(first.id() + 1);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(audit.about("thing:1", 10))
                .extracting(AuditEntry::action)
                .containsExactly("test.second", "test.first");
        assertThat(audit.verify().intact()).isTrue();
        assertThat(cli("audit", "verify")).startsWith("0|Audit log intact: ");
    }

    @Test
    @Order(2)
    void databaseRefusesUpdatesAndDeletes() {
        assertThatThrownBy(
                        () -> jdbc.sql("UPDATE audit_log SET actor = 'mallory'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log").update()).hasMessageContaining("append-only");
    }

    @Test
    @Order(3)
    void changedEntryIsNamedByVerify() {
        for (int i = 0; i < 5; i++) {
            audit.record("system", "test.filler", "thing:" + i, Map.of("i", i));
        }
        long victim = audit.latest(1).get(0).id() - 2;
        String anchor = audit.latest(1).get(0).hash();
        tamper("UPDATE audit_log SET details = '{\"i\": 99}' WHERE id = " + victim);

        AuditVerification result = audit.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(victim);
        assertThat(result.problem()).contains("changed");
        assertThat(cli("audit", "verify")).startsWith("1|Audit log BROKEN at entry " + victim + ":");
        assertThat(cli("audit", "verify", "--expect", anchor)).startsWith("1|");
    }

    @Test
    @Order(4)
    void removedEntryIsNamedByVerify() {
        long first = audit.latest(100).getLast().id();
        tamper("DELETE FROM audit_log WHERE id = " + (first + 1));
        AuditVerification result = audit.verify();
        assertThat(result.firstBrokenId()).isEqualTo(first + 2);
        assertThat(result.problem()).contains("missing");
    }

    /** Changes the log as someone with direct database access would: switching the guard trigger off first. */
    private void tamper(String sql) {
        jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
                    .update();
        }
    }

    private String cli(String... args) {
        return Cli.run(TestDatabase.Info.of(environment), args);
    }
}
