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
 * @param kind ORDER, PENALTY or FINE
 * @param state DRAFT, SIGNED or SUPERSEDED
 * @param addresseeKind HOSTER, or UPSTREAM when the order goes to the provider upstream of the hosting company
 * @param urls an order's URLs with their compliance (empty for other kinds)
 * @param forfeited a penalty payment's amount forfeited so far, computed from the checks (null for other kinds)
 * @param objectionStatus NONE, OBJECTION_FILED, OBJECTION_DECIDED, APPEAL or FINAL
 */
public record Decision(
        long id,
        long caseId,
        String kind,
        int version,
        @Nullable Long supersedes,
        String state,
        String addressee,
        String addresseeKind,
        String legalBasis,
        String reasons,
        @Nullable BigDecimal deadlineHours,
        @Nullable String channel,
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
        String objectionStatus,
        @Nullable String objectionOutcome,
        List<OrderUrl> urls,
        @Nullable BigDecimal forfeited) {

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

    /** A penalty payment's state, from its amounts: IMPOSED, FORFEITED_PARTLY, FORFEITED_FULLY, COLLECTED or ENDED. */
    public @Nullable String penaltyState() {
        if (!kind.equals("PENALTY")) {
            return null;
        }
        if (collectedAt != null) {
            return "COLLECTED";
        }
        if (endedAt != null) {
            return "ENDED";
        }
        if (forfeited == null || forfeited.signum() == 0) {
            return "IMPOSED";
        }
        return maxTotal != null && forfeited.compareTo(maxTotal) >= 0 ? "FORFEITED_FULLY" : "FORFEITED_PARTLY";
    }
}
