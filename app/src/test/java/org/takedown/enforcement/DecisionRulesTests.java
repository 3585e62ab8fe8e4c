package org.takedown.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.takedown.enforcement.Decision.PenaltyState;
import org.takedown.shared.errors.Choices;
import org.takedown.shared.errors.InvalidRequestException;

/** The rules of decisions that need no database: deadlines, the fine cap, a penalty payment's state, the choices. */
class DecisionRulesTests {

    @Test
    void anOrdersDeadlineIsMoreThanNothingAndAtMostTwelveHours() {
        assertThat(Orders.deadlineHours(new BigDecimal("12"))).isEqualByComparingTo("12.00");
        assertThat(Orders.deadlineHours(new BigDecimal("0.5"))).isEqualByComparingTo("0.50");
        assertThatThrownBy(() -> Orders.deadlineHours(new BigDecimal("12.01")))
                .hasMessage("an order's deadline is at most 12 hours after delivery, not 12.01");
        assertThatThrownBy(() -> Orders.deadlineHours(BigDecimal.ZERO)).hasMessageContaining("more than 0 hours");
        assertThatThrownBy(() -> Orders.deadlineHours(null)).hasMessageContaining("needs a deadline");
    }

    @Test
    void aFineIsCappedAtTenPercentOfTurnoverRoundedDown() {
        assertThat(Fines.cap(new BigDecimal("2000000"))).isEqualByComparingTo("200000.00");
        assertThat(Fines.cap(new BigDecimal("1234.567"))).isEqualByComparingTo("123.45");
    }

    @Test
    void aPenaltyPaymentsStateFollowsItsAmounts() {
        assertThat(penalty(null, null, null).penaltyState()).isEqualTo(PenaltyState.IMPOSED);
        assertThat(penalty(new BigDecimal("5000"), null, null).penaltyState()).isEqualTo(PenaltyState.FORFEITED_PARTLY);
        assertThat(penalty(new BigDecimal("50000"), null, null).penaltyState()).isEqualTo(PenaltyState.FORFEITED_FULLY);
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(penalty(new BigDecimal("5000"), now, null).penaltyState()).isEqualTo(PenaltyState.ENDED);
        assertThat(penalty(new BigDecimal("5000"), now, now).penaltyState()).isEqualTo(PenaltyState.COLLECTED);
    }

    @Test
    void aChoiceIsReadWhateverItsCaseAndOtherwiseNamesTheChoices() {
        assertThat(Choices.of(Decision.Channel.class, " registered_mail ", "the channel", "no channel"))
                .isEqualTo(Decision.Channel.REGISTERED_MAIL);
        assertThatThrownBy(() -> Choices.of(Decision.Channel.class, "fax", "the delivery channel", "no channel"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the delivery channel is one of [EMAIL, REGISTERED_MAIL, BAILIFF, PORTAL], not 'fax'");
        assertThatThrownBy(() -> Choices.of(Decision.Channel.class, " ", "the channel", "a delivery needs its channel"))
                .hasMessage("a delivery needs its channel");
    }

    private static Decision penalty(
            @Nullable BigDecimal forfeited, @Nullable Instant endedAt, @Nullable Instant collectedAt) {
        Instant created = Instant.parse("2026-02-01T00:00:00Z");
        return new Decision(
                1,
                1,
                Decision.Kind.PENALTY,
                1,
                null,
                Decision.State.SIGNED,
                "Host",
                1L,
                Decision.AddresseeKind.HOSTER,
                "Art. 3",
                "reasons",
                null,
                null,
                null,
                null,
                null,
                null,
                9L,
                new BigDecimal("5000"),
                24,
                new BigDecimal("50000"),
                collectedAt,
                endedAt,
                null,
                null,
                null,
                "olga",
                created,
                "sam",
                created,
                null,
                null,
                null,
                Decision.ObjectionStatus.NONE,
                null,
                0,
                null,
                new Decision.Publication(true, null, null, null, null, null, null),
                List.of(),
                forfeited);
    }
}
