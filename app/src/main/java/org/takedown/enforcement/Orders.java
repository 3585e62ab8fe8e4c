package org.takedown.enforcement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Decision.AddresseeKind;
import org.takedown.enforcement.Decision.Channel;
import org.takedown.intake.UrlId;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * Orders (bevelen): drafted on a case's URLs with a deadline of at most 12 hours after delivery, delivered by e-mail
 * through the notices outbox or by hand with a proof, and checked at the deadline from the probes' removal times.
 * Thread-safe.
 */
@Component
class Orders {

    /** The longest deadline the law allows for an order, after its delivery. */
    static final BigDecimal MAX_HOURS = BigDecimal.valueOf(12);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Notices notices;
    private final Probes probes;
    private final Cases cases;
    private final DecisionRecords records;
    private final DecisionDocuments documents;
    private final OwnReports ownReports;
    private final Addressees addressees;

    Orders(
            JdbcClient jdbc,
            Clock clock,
            AuditLog audit,
            Notices notices,
            Probes probes,
            Cases cases,
            DecisionRecords records,
            DecisionDocuments documents,
            OwnReports ownReports,
            Addressees addressees) {
        this.ownReports = ownReports;
        this.addressees = addressees;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.notices = notices;
        this.probes = probes;
        this.cases = cases;
        this.records = records;
        this.documents = documents;
    }

    long draft(
            long caseId,
            List<Long> urlIds,
            AddresseeKind addresseeKind,
            @Nullable Long addresseeId,
            @Nullable String legalBasis,
            @Nullable String reasons,
            @Nullable BigDecimal deadlineHours) {
        EnforcementCase enforcementCase = cases.getOpen(caseId);
        BigDecimal hours = deadlineHours(deadlineHours);
        Map<Long, String> hosted = hostedUrls(enforcementCase, urlIds);
        Addressee addressee = addressee(enforcementCase, addresseeKind, addresseeId);
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, state, addressee, addressee_id, addressee_kind,
                                                          legal_basis, reasons, deadline_hours, created_by, created_at)
                        VALUES (?, 'ORDER', 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        caseId,
                        addressee.name(),
                        addressee.companyId(),
                        addresseeKind.name(),
                        Required.text(legalBasis, "enforcement.refused.order.basis"),
                        Required.text(reasons, "enforcement.refused.order.reasons"),
                        hours,
                        Actors.current(),
                        now())
                .query(Long.class)
                .single();
        for (long urlId : urlIds.stream().distinct().toList()) {
            jdbc.sql("INSERT INTO enforcement_order_url (decision_id, url_id, url) VALUES (?, ?, ?)")
                    .params(id, urlId, hosted.get(urlId))
                    .update();
        }
        audit.record(
                "enforcement.order-drafted",
                "decision:" + id,
                Map.of("case", caseId, "urls", urlIds.size(), "deadlineHours", hours));
        return id;
    }

    /**
     * Whom an order goes to: the case's provider as its hoster, or another registered provider (the platform the
     * material is shared on, or a provider upstream) whose kind and address for service the authority registered.
     */
    private Addressee addressee(EnforcementCase c, AddresseeKind kind, @Nullable Long addresseeId) {
        if (kind == AddresseeKind.HOSTER) {
            if (addresseeId != null && addresseeId != c.companyId()) {
                throw InvalidRequestException.because("enforcement.refused.hoster", c.company());
            }
            return addressees.get(c.companyId());
        }
        if (addresseeId == null || addresseeId == c.companyId()) {
            throw InvalidRequestException.because("enforcement.refused.other-addressee");
        }
        Addressee other = addressees.get(addresseeId);
        if (!other.registered()) {
            throw InvalidRequestException.because("enforcement.refused.not-registered", other.name());
        }
        return other;
    }

    /** The case company's URLs by id, refused when an asked-for URL is not among them (an order names only those). */
    private Map<Long, String> hostedUrls(EnforcementCase enforcementCase, List<Long> urlIds) {
        if (urlIds.isEmpty()) {
            throw InvalidRequestException.because("enforcement.refused.no-url");
        }
        Map<Long, String> hosted = new java.util.HashMap<>(ownReports.of(enforcementCase.companyId()));
        hosted.putAll(notices.urlsOf(enforcementCase.companyId()).stream()
                .collect(Collectors.toMap(Notices.CompanyUrl::urlId, Notices.CompanyUrl::url, (a, b) -> a)));
        List<Long> foreign =
                urlIds.stream().filter(id -> !hosted.containsKey(id)).toList();
        if (!foreign.isEmpty()) {
            throw InvalidRequestException.because(
                    "enforcement.refused.foreign-urls", String.valueOf(foreign), enforcementCase.company());
        }
        return hosted;
    }

    /** An order's deadline in hours after delivery: more than 0, at most 12, to the hundredth. */
    static BigDecimal deadlineHours(@Nullable BigDecimal hours) {
        if (hours == null) {
            throw InvalidRequestException.because("enforcement.refused.deadline.none");
        }
        if (hours.signum() <= 0) {
            throw InvalidRequestException.because(
                    "enforcement.refused.deadline.zero",
                    hours.stripTrailingZeros().toPlainString());
        }
        if (hours.compareTo(MAX_HOURS) > 0) {
            throw InvalidRequestException.because(
                    "enforcement.refused.deadline.long",
                    hours.stripTrailingZeros().toPlainString());
        }
        return hours.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Delivers a signed decision of any kind the same way: an order's deadline and close checks run from its delivery;
     * a penalty payment forfeits only from its term after its delivery; a fine is due from its delivery.
     */
    Decision deliver(long orderId, Channel channel, @Nullable String proof) {
        Decision order = records.get(orderId);
        if (order.state() != Decision.State.SIGNED) {
            throw InvalidRequestException.because("enforcement.refused.deliver.unsigned." + order.kind());
        }
        if (order.deliveredAt() != null || order.channel() != null) {
            throw InvalidRequestException.because("enforcement.refused.deliver.again." + order.kind(), orderId);
        }
        if (channel == Channel.EMAIL && (proof == null || proof.isBlank())) {
            return send(order);
        }
        return delivered(order, channel, Required.text(proof, "enforcement.refused.proof"), clock.instant());
    }

    /** Queues the order, its PDF attached, in the notices outbox to the company's abuse address. */
    private Decision send(Decision order) {
        EnforcementCase c = cases.get(order.caseId());
        long orderId = order.id();
        DecisionDocument pdf = documents.get(orderId, "PDF");
        // every addressee is served the same way: at its registered address
        long to = order.addresseeId() != null ? order.addresseeId() : c.companyId();
        String messageId = notices.queueMessage(
                "decision:" + orderId,
                addressees.get(to).email(),
                documents.mailSubject(order),
                documents.mailText(order),
                pdf.content(),
                order.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + orderId + ".pdf");
        jdbc.sql("UPDATE enforcement_decision SET channel = 'EMAIL', delivery_proof = ? WHERE id = ?")
                .params("queued in the outbox as " + messageId, orderId)
                .update();
        audit.record("enforcement.decision-sent", "decision:" + orderId, Map.of("messageId", messageId));
        return records.get(orderId);
    }

    void messageSent(String reference, String messageId, Instant sentAt) {
        if (!reference.startsWith("decision:")) {
            return;
        }
        Decision order = records.get(Long.parseLong(reference.substring("decision:".length())));
        if (order.deliveredAt() == null) {
            delivered(
                    order,
                    Channel.EMAIL,
                    "e-mailed as Message-ID " + messageId + ", accepted by the mail server at " + sentAt,
                    sentAt);
        }
    }

    private Decision delivered(Decision order, Channel how, String evidence, Instant delivered) {
        if (order.kind() != Decision.Kind.ORDER) {
            jdbc.sql("UPDATE enforcement_decision SET channel = ?, delivery_proof = ?, delivered_at = ? WHERE id = ?")
                    .params(how.name(), evidence, Timestamp.from(delivered), order.id())
                    .update();
            audit.record(
                    "enforcement.decision-delivered",
                    "decision:" + order.id(),
                    Map.of("kind", order.kind().name(), "channel", how.name(), "proof", evidence));
            return records.get(order.id());
        }
        long minutes = order.deadlineHours().multiply(BigDecimal.valueOf(60)).longValue();
        Instant deadline = delivered.plus(Duration.ofMinutes(minutes));
        jdbc.sql("UPDATE enforcement_decision SET channel = ?, delivery_proof = ?, delivered_at = ?, deadline_at = ?"
                        + " WHERE id = ?")
                .params(how.name(), evidence, Timestamp.from(delivered), Timestamp.from(deadline), order.id())
                .update();
        // the authority's own reports were never notified: their watch starts with the order
        probes.watchIfNew(
                delivered,
                order.urls().stream()
                        .map(u -> new Probes.Watched(new UrlId(u.urlId()), u.url()))
                        .toList());
        probes.watchClosely(order.urls().stream().map(u -> new UrlId(u.urlId())).toList(), delivered, deadline);
        audit.record(
                "enforcement.order-delivered",
                "decision:" + order.id(),
                Map.of("channel", how.name(), "proof", evidence, "deadline", deadline.toString()));
        return records.get(order.id());
    }

    int checkDeadlines() {
        List<Long> due = jdbc.sql("""
                        SELECT id FROM enforcement_decision
                        WHERE kind = 'ORDER' AND state = 'SIGNED' AND checked_at IS NULL AND deadline_at <= ?
                        ORDER BY deadline_at FOR UPDATE SKIP LOCKED""").param(now()).query(Long.class).list();
        for (long orderId : due) {
            check(records.get(orderId));
        }
        return due.size();
    }

    /** Records each URL of an order as compliant when the checks found it removed at or before the deadline. */
    private void check(Decision order) {
        int complied = 0;
        var statuses = probes.statuses(
                order.urls().stream().map(u -> new UrlId(u.urlId())).toList());
        for (Decision.OrderUrl url : order.urls()) {
            Probes.Status status = statuses.get(url.urlId());
            Instant removed = status == null ? null : status.removedAt();
            boolean compliant = removed != null && !removed.isAfter(order.deadlineAt());
            complied += compliant ? 1 : 0;
            jdbc.sql("UPDATE enforcement_order_url SET compliant = ?, removed_at = ?, checked_at = ?"
                            + " WHERE decision_id = ? AND url_id = ?")
                    .params(compliant, removed == null ? null : Timestamp.from(removed), now(), order.id(), url.urlId())
                    .update();
        }
        jdbc.sql("UPDATE enforcement_decision SET checked_at = ? WHERE id = ?")
                .params(now(), order.id())
                .update();
        audit.record(
                "system:enforcement",
                "enforcement.order-checked",
                "decision:" + order.id(),
                Map.of("urls", order.urls().size(), "complied", complied));
    }

    @Nullable
    Instant nextDeadline() {
        return jdbc.sql("""
                        SELECT min(deadline_at) FROM enforcement_decision
                        WHERE kind = 'ORDER' AND state = 'SIGNED' AND checked_at IS NULL AND deadline_at IS NOT NULL""")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
