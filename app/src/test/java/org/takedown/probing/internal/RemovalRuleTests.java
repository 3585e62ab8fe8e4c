package org.takedown.probing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.probing.CheckResult.INCONCLUSIVE;
import static org.takedown.probing.CheckResult.OFFLINE;
import static org.takedown.probing.CheckResult.ONLINE;
import static org.takedown.probing.CheckResult.REPLACED;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.takedown.probing.CheckResult;

/** The removal rule: three non-ONLINE results in a row, one of them conclusive; timed from the first conclusive one. */
class RemovalRuleTests {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    static RemovalRule run(List<CheckResult> results) {
        RemovalRule rule = RemovalRule.START;
        for (int i = 0; i < results.size(); i++) {
            rule = rule.after(results.get(i), T0.plusSeconds(900L * i));
        }
        return rule;
    }

    @Test
    void threeInARowWithAnOfflineRemoveAtTheOffline() {
        RemovalRule rule = run(List.of(ONLINE, ONLINE, OFFLINE, INCONCLUSIVE, INCONCLUSIVE));
        assertThat(rule.removed()).isTrue();
        assertThat(rule.firstConclusiveAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(rule.lastOnlineAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void aReplacedPageCountsAsRemoved() {
        assertThat(run(List.of(ONLINE, REPLACED, REPLACED, REPLACED)).removed()).isTrue();
    }

    @Test
    void inconclusiveResultsAloneNeverRemove() {
        RemovalRule rule = run(List.of(ONLINE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE));
        assertThat(rule.removed()).isFalse();
        assertThat(rule.unsettled()).isTrue();
        // a later OFFLINE settles it, dated by that OFFLINE: a timeout before it proves nothing about the content
        RemovalRule settled = rule.after(OFFLINE, T0.plusSeconds(99_000));
        assertThat(settled.removed()).isTrue();
        assertThat(settled.firstConclusiveAt()).isEqualTo(T0.plusSeconds(99_000));
        assertThat(settled.lastOnlineAt()).isEqualTo(T0);
    }

    @Test
    void anOnlineResultInBetweenStartsOver() {
        RemovalRule rule = run(List.of(OFFLINE, OFFLINE, ONLINE, OFFLINE, OFFLINE));
        assertThat(rule.removed()).isFalse();
        assertThat(rule.streak()).isEqualTo(2);
        assertThat(rule.lastOnlineAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(run(List.of(OFFLINE, OFFLINE)).removed()).isFalse();
    }

    @Test
    void aUrlGoneBeforeItsFirstCheckHasNoLastOnlineTime() {
        RemovalRule rule = run(List.of(OFFLINE, OFFLINE, OFFLINE));
        assertThat(rule.removed()).isTrue();
        assertThat(rule.lastOnlineAt()).isNull();
        assertThat(rule.firstConclusiveAt()).isEqualTo(T0);
    }
}
