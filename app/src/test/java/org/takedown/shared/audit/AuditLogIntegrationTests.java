package org.takedown.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
    void theApplicationsLoginCanOnlyReadAndAppend() {
        for (String change : new String[] {
            "UPDATE audit_log SET actor = 'mallory'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN"
                    + " NULL; END $$"
        }) {
            assertThatThrownBy(() -> jdbc.sql(change).update())
                    .as(change)
                    .rootCause()
                    .hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }
        // only the trigger stops the owner
        assertThatThrownBy(() -> asOwner("UPDATE audit_log SET actor = 'mallory'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> asOwner("DELETE FROM audit_log")).hasMessageContaining("append-only");
    }

    @Test
    @Order(2)
    void noEntryCanBeMadeHuge() {
        String huge = "x".repeat(1_000_000);
        java.util.List<Integer> many =
                java.util.stream.IntStream.range(0, 5_000).boxed().toList();
        AuditEntry entry = audit.record(
                huge, "test.huge", huge, Map.of("text", huge, "list", many, "nested", Map.of("deeper", huge)));
        assertThat(entry.actor()).hasSizeLessThan(AuditLog.MAX_NAME + 60).endsWith("more characters left out)");
        assertThat(entry.subject()).hasSizeLessThan(AuditLog.MAX_NAME + 60);
        assertThat(entry.details())
                .hasSizeLessThan(4 * AuditLog.MAX_TEXT + 2_000)
                .contains("998000 more characters left out", "4900 more items left out");
        assertThat(audit.verify().intact()).isTrue();
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

    /** Changes the log as a database administrator could: as the owner, switching the guard trigger off first. */
    private void tamper(String sql) {
        try {
            asOwner("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; " + sql
                    + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void asOwner(String sql) throws SQLException {
        TestDatabase.Info owner = TestDatabase.Info.of(environment).asOwner();
        try (Connection connection = DriverManager.getConnection(owner.url(), owner.username(), owner.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String cli(String... args) {
        return Cli.run(TestDatabase.Info.of(environment), args);
    }
}
