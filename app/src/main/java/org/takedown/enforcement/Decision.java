package org.takedown.enforcement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A decision in a case: an order (bevel) to make URLs inaccessible within at most 12 hours of delivery, a penalty
 * payment (last onder dwangsom) per URL per period the order is not complied with, or an administrative fine. Signed
 * decisions never change; a change is a new version that supersedes the old one on its signing.
 *
 * @param addresseeId the registered provider addressed (null for decisions from before the register)
 * @param addresseeKind how the addressee relates to the material: its hoster, the platform it is shared on, or a
 *     provider upstream of the hoster
 * @param channel how an order was delivered (or sent), null before
 * @param urls an order's URLs with their compliance (empty for other kinds)
 * @param forfeited a penalty payment's amount forfeited so far, computed from the checks (null for other kinds)
 * @param termHours a penalty payment's term: it forfeits only from this many hours after its delivery
 * @param turnoverSource a fine's turnover figure: "registry", or the source of the officer's estimate
 * @param publication whether and how a sanction decision is published
 */
public record Decision(
        long id,
        long caseId,
        Kind kind,
        int version,
        @Nullable Long supersedes,
        State state,
        String addressee,
        @Nullable Long addresseeId,
        AddresseeKind addresseeKind,
        String legalBasis,
        String reasons,
        @Nullable BigDecimal deadlineHours,
        @Nullable Channel channel,
        @Nullable Instant deliveredAt,
        @Nullable String deliveryProof,
        @Nullable Instant deadlineAt,
        @Nullable Instant checkedAt,
        @Nullable Long orderId,
        @Nullable BigDecimal amountPerUrl,
        @Nullable Integer periodHours,
        @Nullable BigDecimal maxTotal,
        @Nullable Instant collectedAt,
        @Nullable Instant endedAt,
        @Nullable BigDecimal amount,
        @Nullable BigDecimal turnover,
        @Nullable String breaches,
        String createdBy,
        Instant createdAt,
        @Nullable String signedBy,
        @Nullable Instant signedAt,
        @Nullable Instant publishAfter,
        @Nullable Instant withdrawnAt,
        @Nullable String withdrawnReason,
        ObjectionStatus objectionStatus,
        @Nullable String objectionOutcome,
        @Nullable Integer termHours,
        @Nullable String turnoverSource,
        Publication publication,
        List<OrderUrl> urls,
        @Nullable BigDecimal forfeited) {

    /**
     * Publication as a decision of its own: a sanction decision (penalty payment, fine) is published after the delay
     * unless it was decided not to, with reasons; a court's suspension stops or removes it; an annulled decision leaves
     * the register. Orders are never published as sanctions.
     */
    public record Publication(
            boolean publish,
            @Nullable String reasonsNot,
            @Nullable String decidedBy,
            @Nullable Instant suspendedAt,
            @Nullable String suspension,
            @Nullable Instant annulledAt,
            @Nullable String annulment) {

        /** True when it may be in the public register (once its delay has passed). */
        public boolean allowed() {
            return publish && suspendedAt == null && annulledAt == null;
        }
    }

    /** The same decision with its URLs and its forfeited amount. */
    public Decision with(List<OrderUrl> orderUrls, @Nullable BigDecimal forfeitedAmount) {
        return new Decision(
                id,
                caseId,
                kind,
                version,
                supersedes,
                state,
                addressee,
                addresseeId,
                addresseeKind,
                legalBasis,
                reasons,
                deadlineHours,
                channel,
                deliveredAt,
                deliveryProof,
                deadlineAt,
                checkedAt,
                orderId,
                amountPerUrl,
                periodHours,
                maxTotal,
                collectedAt,
                endedAt,
                amount,
                turnover,
                breaches,
                createdBy,
                createdAt,
                signedBy,
                signedAt,
                publishAfter,
                withdrawnAt,
                withdrawnReason,
                objectionStatus,
                objectionOutcome,
                termHours,
                turnoverSource,
                publication,
                orderUrls,
                forfeitedAmount);
    }

    /** A URL of an order and whether it was inaccessible by the deadline (null until checked). */
    public record OrderUrl(
            long urlId,
            String url,
            @Nullable Boolean compliant,
            @Nullable Instant removedAt,
            @Nullable Instant checkedAt) {}

    /** What a decision is. */
    public enum Kind {
        /** An order (bevel) to make material inaccessible within at most 12 hours of delivery. */
        ORDER,
        /** A penalty payment (last onder dwangsom) per URL per period an order is not complied with. */
        PENALTY,
        /** An administrative fine, at most 10 % of the annual turnover. */
        FINE
    }

    /** Where a decision stands: drafted, signed (then never changed), or replaced by a signed newer version. */
    public enum State {
        DRAFT,
        SIGNED,
        SUPERSEDED
    }

    /** How a decision's addressee relates to the material: each is a registered provider, served the same way. */
    public enum AddresseeKind {
        /** The provider of the hosting service that stores it (the case's provider). */
        HOSTER,
        /** The provider of the communication service on which it is shared. */
        PLATFORM,
        /** A provider upstream of the hoster, when the hoster is not reached. */
        UPSTREAM
    }

    /** How an order is delivered. */
    public enum Channel {
        EMAIL,
        REGISTERED_MAIL,
        BAILIFF,
        PORTAL
    }

    /** The steps of objection and appeal, in the order they are reached. */
    public enum ObjectionStatus {
        NONE,
        OBJECTION_FILED,
        OBJECTION_DECIDED,
        APPEAL,
        FINAL
    }

    /** A penalty payment's state, from its amounts. */
    public enum PenaltyState {
        IMPOSED,
        FORFEITED_PARTLY,
        FORFEITED_FULLY,
        COLLECTED,
        ENDED
    }

    /** True for an order that is signed (it can be delivered, checked, and carry penalty payments). */
    public boolean isSignedOrder() {
        return kind == Kind.ORDER && state == State.SIGNED;
    }

    /** A penalty payment's state (null for other kinds). */
    public @Nullable PenaltyState penaltyState() {
        if (kind != Kind.PENALTY) {
            return null;
        }
        if (collectedAt != null) {
            return PenaltyState.COLLECTED;
        }
        if (endedAt != null) {
            return PenaltyState.ENDED;
        }
        if (forfeited == null || forfeited.signum() == 0) {
            return PenaltyState.IMPOSED;
        }
        return maxTotal != null && forfeited.compareTo(maxTotal) >= 0
                ? PenaltyState.FORFEITED_FULLY
                : PenaltyState.FORFEITED_PARTLY;
    }
}
