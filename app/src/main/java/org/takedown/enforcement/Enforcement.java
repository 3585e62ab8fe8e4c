package org.takedown.enforcement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.enforcement.internal.DecisionDocuments;
import org.takedown.enforcement.internal.DecisionRecords;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.security.Role;

/**
 * The authority's case management: candidates from missed deadlines, cases per hosting company, and the decisions in
 * a case — orders with a deadline of at most 12 hours after delivery whose compliance the probes measure, penalty
 * payments whose forfeited amount is computed from the checks, fines within 10 % of the annual turnover — with
 * four-eyes sign-off, immutable documents, objection and appeal, and withdrawal. Every action is audited; every refusal
 * is an {@link InvalidRequestException} that says why. Thread-safe.
 */
@Service
public class Enforcement {

    /** The longest deadline the law allows for an order, after its delivery. */
    public static final BigDecimal MAX_ORDER_HOURS = BigDecimal.valueOf(12);

    /** The fine cap: this share of the annual turnover. */
    public static final BigDecimal FINE_CAP = new BigDecimal("0.10");

    /** How an order can be delivered. */
    public static final List<String> CHANNELS = List.of("EMAIL", "REGISTERED_MAIL", "BAILIFF", "PORTAL");

    /** The steps of objection and appeal. */
    public static final List<String> OBJECTION_STATUSES =
            List.of("NONE", "OBJECTION_FILED", "OBJECTION_DECIDED", "APPEAL", "FINAL");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final HostingCompanies companies;
    private final Notices notices;
    private final Probes probes;
    private final DecisionDocuments documents;
    private final DecisionRecords records;
    private final EnforcementProperties properties;

    Enforcement(
            JdbcClient jdbc,
            Clock clock,
            AuditLog audit,
            HostingCompanies companies,
            Notices notices,
            Probes probes,
            DecisionDocuments documents,
            DecisionRecords records,
            EnforcementProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.companies = companies;
        this.notices = notices;
        this.probes = probes;
        this.documents = documents;
        this.records = records;
        this.properties = properties;
    }

    // ---------------------------------------------------------------- candidates and cases

    /** Candidates still waiting for an officer, oldest first. */
    public List<Candidate> openCandidates() {
        return records.openCandidates();
    }

    /** Drafts waiting for a supervisor's signature, and signed orders not yet delivered. */
    public record Waiting(long drafts, long undelivered) {}

    public Waiting waiting() {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE state = 'DRAFT'),
                               count(*) FILTER (WHERE kind = 'ORDER' AND state = 'SIGNED' AND channel IS NULL)
                        FROM enforcement_decision""")
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** Accepts a candidate into the company's open case (opened when there is none). */
    @Transactional
    public long accept(long candidateId) {
        Candidate candidate = openCandidate(candidateId);
        if (candidate.companyId() == null) {
            throw new InvalidRequestException(
                    "the company of notice " + candidate.noticeId() + " is not in the registry; register it first");
        }
        long caseId = jdbc.sql("SELECT id FROM enforcement_case WHERE company_id = ? AND state = 'OPEN' ORDER BY id"
                        + " LIMIT 1")
                .param(candidate.companyId())
                .query(Long.class)
                .optional()
                .orElseGet(() -> open(
                        candidate.companyId(),
                        "deadline of notice " + candidate.noticeId() + " missed at " + candidate.missedAt()));
        jdbc.sql("UPDATE enforcement_candidate SET state = 'ACCEPTED', case_id = ?, decided_by = ?, decided_at = ?"
                        + " WHERE id = ?")
                .params(caseId, Actors.current(), now(), candidateId)
                .update();
        audit.record("enforcement.candidate-accepted", "case:" + caseId, Map.of("candidate", candidateId));
        return caseId;
    }

    /** Dismisses a candidate; the reason is required and kept. */
    @Transactional
    public void dismiss(long candidateId, @Nullable String reason) {
        openCandidate(candidateId);
        String why = required(reason, "dismissing a candidate needs a reason");
        jdbc.sql("UPDATE enforcement_candidate SET state = 'DISMISSED', reason = ?, decided_by = ?, decided_at = ?"
                        + " WHERE id = ?")
                .params(why, Actors.current(), now(), candidateId)
                .update();
        audit.record("enforcement.candidate-dismissed", "candidate:" + candidateId, Map.of("reason", why));
    }

    private Candidate openCandidate(long id) {
        Candidate candidate = records.candidate(id).orElseThrow(() -> new NotFoundException("no candidate " + id));
        if (!candidate.state().equals("OPEN")) {
            throw new InvalidRequestException(
                    "candidate " + id + " was already " + candidate.state().toLowerCase(Locale.ROOT));
        }
        return candidate;
    }

    /** Opens a case by hand. */
    @Transactional
    public long openCase(long companyId, @Nullable String reason) {
        return open(companyId, required(reason, "a case needs a reason"));
    }

    private long open(long companyId, String reason) {
        HostingCompany company = companies.get(companyId);
        long id = jdbc.sql("""
                        INSERT INTO enforcement_case (company_id, company, reason, opened_at, opened_by)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(companyId, company.name(), reason, now(), Actors.current())
                .query(Long.class)
                .single();
        audit.record("enforcement.case-opened", "case:" + id, Map.of("company", company.name(), "reason", reason));
        return id;
    }

    public List<EnforcementCase> cases() {
        return records.cases();
    }

    public EnforcementCase getCase(long id) {
        return records.enforcementCase(id).orElseThrow(() -> new NotFoundException("no case " + id));
    }

    // ---------------------------------------------------------------- orders

    /**
     * Drafts an order to make URLs of the case's company inaccessible within {@code deadlineHours} of delivery.
     *
     * @param addresseeKind HOSTER, or UPSTREAM with {@code upstream} naming the provider when the hosting company
     *     cannot be reached
     */
    @Transactional
    public long draftOrder(
            long caseId,
            List<Long> urlIds,
            String addresseeKind,
            @Nullable String upstream,
            @Nullable String legalBasis,
            @Nullable String reasons,
            @Nullable BigDecimal deadlineHours) {
        EnforcementCase enforcementCase = openCaseOf(caseId);
        BigDecimal hours = deadlineHours(deadlineHours);
        if (urlIds.isEmpty()) {
            throw new InvalidRequestException("an order names at least one URL");
        }
        Map<Long, String> hosted = notices.urlsOf(enforcementCase.companyId()).stream()
                .collect(Collectors.toMap(Notices.CompanyUrl::urlId, Notices.CompanyUrl::url, (a, b) -> a));
        List<Long> foreign =
                urlIds.stream().filter(id -> !hosted.containsKey(id)).toList();
        if (!foreign.isEmpty()) {
            throw new InvalidRequestException("URL(s) " + foreign + " are not hosted by " + enforcementCase.company()
                    + " (not in a notice to it): an order names only the addressee's URLs");
        }
        String addressee = addressee(enforcementCase, addresseeKind, upstream);
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, state, addressee, addressee_kind, legal_basis,
                                                          reasons, deadline_hours, created_by, created_at)
                        VALUES (?, 'ORDER', 'DRAFT', ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        caseId,
                        addressee,
                        addresseeKind.toUpperCase(Locale.ROOT),
                        required(legalBasis, "an order needs its legal basis"),
                        required(reasons, "an order needs its reasons"),
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

    private static BigDecimal deadlineHours(@Nullable BigDecimal hours) {
        if (hours == null) {
            throw new InvalidRequestException("an order needs a deadline (hours after delivery, at most 12)");
        }
        if (hours.signum() <= 0) {
            throw new InvalidRequestException("an order's deadline lies after its delivery: more than 0 hours, not "
                    + hours.stripTrailingZeros().toPlainString());
        }
        if (hours.compareTo(MAX_ORDER_HOURS) > 0) {
            throw new InvalidRequestException("an order's deadline is at most 12 hours after delivery, not "
                    + hours.stripTrailingZeros().toPlainString());
        }
        return hours.setScale(2, RoundingMode.HALF_UP);
    }

    private static String addressee(EnforcementCase c, String kind, @Nullable String upstream) {
        return switch (kind.toUpperCase(Locale.ROOT)) {
            case "HOSTER" -> c.company();
            case "UPSTREAM" -> required(upstream, "an order to the upstream provider names that provider");
            default -> throw new InvalidRequestException("the addressee is HOSTER or UPSTREAM, not '" + kind + "'");
        };
    }

    /**
     * Delivers a signed order. By {@code EMAIL} without a proof it goes through the notices outbox to the company's abuse
     * address with its PDF attached, and is delivered when the mail server accepts it ({@link #messageSent}); by any
     * other channel (or an e-mail sent elsewhere) the officer records the delivery with its proof. From the delivery
     * the deadline runs, and the probes check the order's URLs at the short interval until the deadline and at it.
     */
    @Transactional
    public Decision deliver(long orderId, @Nullable String channel, @Nullable String proof) {
        Decision order = get(orderId);
        if (!order.kind().equals("ORDER")) {
            throw new InvalidRequestException("decision " + orderId + " is not an order");
        }
        if (!order.state().equals("SIGNED")) {
            throw new InvalidRequestException("an order is delivered after it is signed");
        }
        if (order.deliveredAt() != null || order.channel() != null) {
            throw new InvalidRequestException("order " + orderId + " was delivered (or sent) already");
        }
        String how = required(channel, "a delivery needs its channel").toUpperCase(Locale.ROOT);
        if (!CHANNELS.contains(how)) {
            throw new InvalidRequestException("the delivery channel is one of " + CHANNELS + ", not '" + channel + "'");
        }
        if (how.equals("EMAIL") && (proof == null || proof.isBlank())) {
            if (!order.addresseeKind().equals("HOSTER")) {
                throw new InvalidRequestException("an order to the upstream provider is delivered by hand: record the"
                        + " delivery with its proof");
            }
            EnforcementCase c = getCase(order.caseId());
            String messageId = notices.queueMessage(
                    "decision:" + orderId,
                    companies.get(c.companyId()).abuseEmail(),
                    "Order " + orderId + ": make material inaccessible within "
                            + order.deadlineHours().stripTrailingZeros().toPlainString() + " hours",
                    orderText(order),
                    document(orderId, "PDF").content(),
                    "order-" + orderId + ".pdf");
            jdbc.sql("UPDATE enforcement_decision SET channel = 'EMAIL', delivery_proof = ? WHERE id = ?")
                    .params("queued in the outbox as " + messageId, orderId)
                    .update();
            audit.record("enforcement.order-sent", "decision:" + orderId, Map.of("messageId", messageId));
            return get(orderId);
        }
        return delivered(
                order,
                how,
                required(proof, "a delivery needs its proof (message id, receipt, bailiff's report)"),
                clock.instant());
    }

    /** The outbox sent an order: it is delivered now, with the mail server's acceptance as its proof. */
    @Transactional
    public void messageSent(String reference, String messageId, Instant sentAt) {
        if (!reference.startsWith("decision:")) {
            return;
        }
        Decision order = get(Long.parseLong(reference.substring("decision:".length())));
        if (order.deliveredAt() == null) {
            delivered(
                    order,
                    "EMAIL",
                    "e-mailed as Message-ID " + messageId + ", accepted by the mail server at " + sentAt,
                    sentAt);
        }
    }

    private Decision delivered(Decision order, String how, String evidence, Instant delivered) {
        long minutes = order.deadlineHours().multiply(BigDecimal.valueOf(60)).longValue();
        Instant deadline = delivered.plus(Duration.ofMinutes(minutes));
        jdbc.sql("UPDATE enforcement_decision SET channel = ?, delivery_proof = ?, delivered_at = ?, deadline_at = ?"
                        + " WHERE id = ?")
                .params(how, evidence, Timestamp.from(delivered), Timestamp.from(deadline), order.id())
                .update();
        probes.watchClosely(order.urls().stream().map(Decision.OrderUrl::urlId).toList(), delivered, deadline);
        audit.record(
                "enforcement.order-delivered",
                "decision:" + order.id(),
                Map.of("channel", how, "proof", evidence, "deadline", deadline.toString()));
        return get(order.id());
    }

    private static String orderText(Decision order) {
        StringBuilder text = new StringBuilder("Order ")
                .append(order.id())
                .append(" to ")
                .append(order.addressee())
                .append(".\n\nMake the material at the URLs below inaccessible within ")
                .append(order.deadlineHours().stripTrailingZeros().toPlainString())
                .append(" hours of receiving this order. Its compliance is checked automatically up to and at the"
                        + " deadline.\n\nLegal basis: ")
                .append(order.legalBasis())
                .append("\n\n");
        for (Decision.OrderUrl url : order.urls()) {
            text.append("- ").append(url.url()).append('\n');
        }
        return text.append("\nThe signed decision, with how to object, is attached.\n")
                .toString();
    }

    /**
     * Records each URL's compliance with orders whose deadline has passed, from the probes: inaccessible when the checks
     * found it removed at or before the deadline. Called by the scheduler; idempotent.
     *
     * @return how many orders were checked
     */
    @Transactional
    public int checkDeadlines() {
        List<Long> due = jdbc.sql("""
                        SELECT id FROM enforcement_decision
                        WHERE kind = 'ORDER' AND state = 'SIGNED' AND checked_at IS NULL AND deadline_at <= ?
                        ORDER BY deadline_at FOR UPDATE SKIP LOCKED""").param(now()).query(Long.class).list();
        for (long orderId : due) {
            Decision order = get(orderId);
            int complied = 0;
            for (Decision.OrderUrl url : order.urls()) {
                Instant removed =
                        probes.status(url.urlId()).map(Probes.Status::removedAt).orElse(null);
                boolean compliant = removed != null && !removed.isAfter(order.deadlineAt());
                complied += compliant ? 1 : 0;
                jdbc.sql("UPDATE enforcement_order_url SET compliant = ?, removed_at = ?, checked_at = ?"
                                + " WHERE decision_id = ? AND url_id = ?")
                        .params(
                                compliant,
                                removed == null ? null : Timestamp.from(removed),
                                now(),
                                orderId,
                                url.urlId())
                        .update();
            }
            jdbc.sql("UPDATE enforcement_decision SET checked_at = ? WHERE id = ?")
                    .params(now(), orderId)
                    .update();
            audit.record(
                    "system:enforcement",
                    "enforcement.order-checked",
                    "decision:" + orderId,
                    Map.of("urls", order.urls().size(), "complied", complied));
        }
        return due.size();
    }

    /** When the next order deadline is due for its check, or null. */
    public @Nullable Instant nextDeadline() {
        return jdbc.sql("""
                        SELECT min(deadline_at) FROM enforcement_decision
                        WHERE kind = 'ORDER' AND state = 'SIGNED' AND checked_at IS NULL AND deadline_at IS NOT NULL""")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    // ---------------------------------------------------------------- penalty payments and fines

    /** Drafts a penalty payment on a checked order: an amount per non-compliant URL per period, up to a maximum. */
    @Transactional
    public long draftPenalty(
            long caseId,
            long orderId,
            @Nullable BigDecimal amountPerUrl,
            @Nullable Integer periodHours,
            @Nullable BigDecimal maxTotal,
            @Nullable String legalBasis,
            @Nullable String reasons) {
        openCaseOf(caseId);
        Decision order = get(orderId);
        if (!order.kind().equals("ORDER")
                || order.caseId() != caseId
                || !order.state().equals("SIGNED")) {
            throw new InvalidRequestException("a penalty payment rests on a signed order of the same case");
        }
        if (amountPerUrl == null || amountPerUrl.signum() <= 0) {
            throw new InvalidRequestException("a penalty payment needs a positive amount per URL per period");
        }
        if (periodHours == null || periodHours <= 0) {
            throw new InvalidRequestException("a penalty payment needs a period of at least one hour");
        }
        if (maxTotal == null || maxTotal.compareTo(amountPerUrl) < 0) {
            throw new InvalidRequestException("a penalty payment needs a maximum total of at least one amount");
        }
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, state, addressee, addressee_kind, legal_basis,
                                                          reasons, order_id, amount_per_url, period_hours, max_total,
                                                          created_by, created_at)
                        VALUES (?, 'PENALTY', 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        caseId,
                        order.addressee(),
                        order.addresseeKind(),
                        required(legalBasis, "a penalty payment needs its legal basis"),
                        required(reasons, "a penalty payment needs its reasons"),
                        orderId,
                        amountPerUrl,
                        periodHours,
                        maxTotal,
                        Actors.current(),
                        now())
                .query(Long.class)
                .single();
        audit.record(
                "enforcement.penalty-drafted",
                "decision:" + id,
                Map.of("order", orderId, "amountPerUrl", amountPerUrl, "periodHours", periodHours, "max", maxTotal));
        return id;
    }

    /** Drafts a fine; refused without a registered turnover or above 10 % of it. */
    @Transactional
    public long draftFine(
            long caseId,
            @Nullable BigDecimal amount,
            @Nullable String breaches,
            @Nullable String legalBasis,
            @Nullable String reasons) {
        EnforcementCase c = openCaseOf(caseId);
        BigDecimal turnover = companies.get(c.companyId()).annualTurnoverEur();
        if (turnover == null) {
            throw new InvalidRequestException(
                    "a fine needs the annual turnover of " + c.company() + " registered (the cap is 10 % of it)");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidRequestException("a fine needs a positive amount");
        }
        BigDecimal cap = turnover.multiply(FINE_CAP).setScale(2, RoundingMode.DOWN);
        if (amount.compareTo(cap) > 0) {
            throw new InvalidRequestException("a fine is at most 10 % of the annual turnover: at most EUR "
                    + cap.toPlainString() + ", not " + amount.toPlainString());
        }
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, state, addressee, addressee_kind, legal_basis,
                                                          reasons, amount, turnover, breaches, created_by, created_at)
                        VALUES (?, 'FINE', 'DRAFT', ?, 'HOSTER', ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        caseId,
                        c.company(),
                        required(legalBasis, "a fine needs its legal basis"),
                        required(reasons, "a fine needs its grounds"),
                        amount,
                        turnover,
                        required(breaches, "a fine names the breaches it covers"),
                        Actors.current(),
                        now())
                .query(Long.class)
                .single();
        audit.record("enforcement.fine-drafted", "decision:" + id, Map.of("amount", amount, "cap", cap));
        return id;
    }

    /** Marks a forfeited penalty payment as collected (what was forfeited at that moment). */
    @Transactional
    public Change collect(long penaltyId) {
        Decision penalty = signedOfKind(penaltyId, "PENALTY");
        if (penalty.forfeited() == null || penalty.forfeited().signum() == 0) {
            throw new InvalidRequestException("nothing forfeited to collect on penalty payment " + penaltyId);
        }
        if (secondPersonNeeded(
                penalty,
                ChangeKind.COLLECT,
                waiting(penaltyId, ChangeKind.COLLECT),
                "collect" + " what was forfeited")) {
            return Change.REQUESTED;
        }
        jdbc.sql("UPDATE enforcement_decision SET collected_at = ?, ended_at = coalesce(ended_at, ?) WHERE id = ?")
                .params(now(), now(), penaltyId)
                .update();
        audit.record("enforcement.penalty-collected", "decision:" + penaltyId, Map.of("amount", penalty.forfeited()));
        return Change.DONE;
    }

    /** Ends a penalty payment: no more is forfeited after now. */
    @Transactional
    public Change endPenalty(long penaltyId) {
        Decision penalty = signedOfKind(penaltyId, "PENALTY");
        if (secondPersonNeeded(
                penalty,
                ChangeKind.END_PENALTY,
                waiting(penaltyId, ChangeKind.END_PENALTY),
                "end the penalty payment")) {
            return Change.REQUESTED;
        }
        jdbc.sql("UPDATE enforcement_decision SET ended_at = coalesce(ended_at, ?) WHERE id = ?")
                .params(now(), penaltyId)
                .update();
        audit.record("enforcement.penalty-ended", "decision:" + penaltyId, Map.of());
        return Change.DONE;
    }

    // ---------------------------------------------------------------- sign-off, versions, documents, objection

    /**
     * Signs a draft: only a supervisor, never the person who drafted it (four eyes). The signed decision's documents
     * (HTML and PDF) are made and kept unchangeable, their SHA-256 in the audit log; a new version supersedes the old.
     */
    @Transactional
    public Decision sign(long decisionId) {
        Decision draft = get(decisionId);
        if (!draft.state().equals("DRAFT")) {
            throw new InvalidRequestException("decision " + decisionId + " is "
                    + draft.state().toLowerCase(Locale.ROOT) + ": only a draft is signed");
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !Role.SUPERVISOR.heldBy(user)) {
            throw new InvalidRequestException("a decision is signed by a supervisor");
        }
        String signer = Actors.current();
        if (signer.equals(draft.createdBy())) {
            throw new InvalidRequestException(
                    "four eyes: " + signer + " drafted decision " + decisionId + " and cannot sign it too");
        }
        if (signer.equals(editedBy(decisionId))) {
            throw new InvalidRequestException("four eyes: " + signer + " last changed decision " + decisionId
                    + " and cannot sign it too; another supervisor signs");
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE enforcement_decision SET state = 'SIGNED', signed_by = ?, signed_at = ?, publish_after = ?"
                        + " WHERE id = ?")
                .params(
                        signer,
                        Timestamp.from(now),
                        Timestamp.from(now.plus(properties.publicationDelay())),
                        decisionId)
                .update();
        if (draft.supersedes() != null) {
            jdbc.sql("UPDATE enforcement_decision SET state = 'SUPERSEDED' WHERE id = ?")
                    .param(draft.supersedes())
                    .update();
        }
        Decision signed = get(decisionId);
        Map<String, String> hashes = documents.issue(signed, getCase(signed.caseId()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", signed.kind());
        details.put("version", signed.version());
        details.put("drafter", signed.createdBy());
        details.putAll(hashes);
        audit.record("enforcement.decision-signed", "decision:" + decisionId, details);
        return signed;
    }

    /** Changes a draft's legal basis and reasons; a signed decision is never edited (make a new version). */
    @Transactional
    public void edit(long decisionId, @Nullable String legalBasis, @Nullable String reasons) {
        Decision decision = get(decisionId);
        if (!decision.state().equals("DRAFT")) {
            throw new InvalidRequestException("decision " + decisionId + " is signed and is not edited; make a new"
                    + " version, which replaces it when signed");
        }
        jdbc.sql("UPDATE enforcement_decision SET legal_basis = ?, reasons = ?, edited_by = ? WHERE id = ?")
                .params(
                        required(legalBasis, "a decision needs its legal basis"),
                        required(reasons, "a decision" + " needs its reasons"),
                        Actors.current(),
                        decisionId)
                .update();
        audit.record("enforcement.decision-edited", "decision:" + decisionId, Map.of());
    }

    /** A new draft version of a signed decision, with the same content, to be changed and signed. */
    @Transactional
    public long newVersion(long decisionId) {
        Decision old = get(decisionId);
        if (!old.state().equals("SIGNED")) {
            throw new InvalidRequestException("a new version is made of a signed decision; edit the draft instead");
        }
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, version, supersedes, state, addressee,
                            addressee_kind, legal_basis, reasons, deadline_hours, order_id, amount_per_url,
                            period_hours, max_total, amount, turnover, breaches, created_by, created_at)
                        SELECT case_id, kind, version + 1, id, 'DRAFT', addressee, addressee_kind, legal_basis,
                               reasons, deadline_hours, order_id, amount_per_url, period_hours, max_total, amount,
                               turnover, breaches, ?, ? FROM enforcement_decision WHERE id = ? RETURNING id""")
                .params(Actors.current(), now(), decisionId)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO enforcement_order_url (decision_id, url_id, url)
                        SELECT ?, url_id, url FROM enforcement_order_url WHERE decision_id = ?""").params(id, decisionId).update();
        audit.record("enforcement.decision-new-version", "decision:" + id, Map.of("supersedes", decisionId));
        return id;
    }

    /** Records the step of objection and appeal a signed decision has reached, with its date and outcome. */
    @Transactional
    public void objection(long decisionId, @Nullable String status, @Nullable String outcome) {
        Decision decision = get(decisionId);
        if (decision.signedAt() == null) {
            throw new InvalidRequestException("objection and appeal concern a signed decision");
        }
        String step = required(status, "the status of objection or appeal").toUpperCase(Locale.ROOT);
        if (!OBJECTION_STATUSES.contains(step)) {
            throw new InvalidRequestException("the status is one of " + OBJECTION_STATUSES + ", not '" + status + "'");
        }
        if (OBJECTION_STATUSES.indexOf(step) < OBJECTION_STATUSES.indexOf(decision.objectionStatus())) {
            throw new InvalidRequestException(
                    "the decision is at " + decision.objectionStatus() + " already; " + step + " comes before it");
        }
        jdbc.sql("UPDATE enforcement_decision SET objection_status = ?, objection_outcome = ?,"
                        + " objection_updated_at = ? WHERE id = ?")
                .params(step, outcome == null || outcome.isBlank() ? null : outcome.strip(), now(), decisionId)
                .update();
        audit.record(
                "enforcement.objection",
                "decision:" + decisionId,
                Map.of("status", step, "outcome", outcome == null ? "" : outcome.strip()));
    }

    /**
     * Withdraws a signed decision (kept, and shown as withdrawn in the register): asked for by one person, done when
     * a second confirms (see {@link Change}).
     */
    @Transactional
    public Change withdraw(long decisionId, @Nullable String reason) {
        Decision decision = get(decisionId);
        if (decision.signedAt() == null || decision.withdrawnAt() != null) {
            throw new InvalidRequestException("only a signed decision that is not withdrawn can be withdrawn");
        }
        ChangeRequest waiting = waiting(decisionId, ChangeKind.WITHDRAW);
        String why = waiting != null ? waiting.reason() : required(reason, "a withdrawal needs its reason");
        if (secondPersonNeeded(decision, ChangeKind.WITHDRAW, waiting, why)) {
            return Change.REQUESTED;
        }
        jdbc.sql("UPDATE enforcement_decision SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?")
                .params(now(), why, decisionId)
                .update();
        audit.record("enforcement.decision-withdrawn", "decision:" + decisionId, Map.of("reason", why));
        return Change.DONE;
    }

    /** What became of a change of a signed decision. */
    public enum Change {
        /** Asked for; it waits for a second person to confirm it. */
        REQUESTED,
        /** Confirmed by a second person and done. */
        DONE
    }

    /** The changes of a signed decision that need a second person. */
    enum ChangeKind {
        WITHDRAW,
        END_PENALTY,
        COLLECT
    }

    /** A change asked for and waiting for a second person. */
    public record ChangeRequest(long decisionId, String kind, String reason, String requestedBy, Instant requestedAt) {}

    /** The changes waiting for a second person, of every decision of a case. */
    public List<ChangeRequest> pendingChanges(long caseId) {
        return jdbc.sql("""
                        SELECT r.decision_id, r.kind, r.reason, r.requested_by, r.requested_at
                        FROM enforcement_change_request r JOIN enforcement_decision d ON d.id = r.decision_id
                        WHERE d.case_id = ? ORDER BY r.requested_at""").param(caseId).query(Enforcement::changeRequest).list();
    }

    /**
     * Four eyes on a change of a signed decision: the first person asks for it (recorded, audited, and true is
     * returned: nothing changes yet); a second person, a supervisor who neither asked for it nor drafted or last
     * edited the decision, confirms it (the request is removed and false returned: the caller makes the change).
     *
     * @param waiting the request of this kind already made, or null
     */
    private boolean secondPersonNeeded(
            Decision decision, ChangeKind kind, @Nullable ChangeRequest waiting, String reason) {
        String actor = Actors.current();
        if (waiting == null) {
            jdbc.sql("INSERT INTO enforcement_change_request (decision_id, kind, reason, requested_by, requested_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(decision.id(), kind.name(), reason, actor, now())
                    .update();
            audit.record(
                    "enforcement.change-requested",
                    "decision:" + decision.id(),
                    Map.of("change", kind.name(), "reason", reason));
            return true;
        }
        String requester = waiting.requestedBy();
        if (actor.equals(requester)) {
            throw new InvalidRequestException("four eyes: " + actor + " asked for this change of decision "
                    + decision.id() + "; a second person confirms it");
        }
        if (actor.equals(decision.createdBy()) || actor.equals(editedBy(decision.id()))) {
            throw new InvalidRequestException("four eyes: " + actor + " drafted or last changed decision "
                    + decision.id() + " and cannot confirm a change of it");
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !Role.SUPERVISOR.heldBy(user)) {
            throw new InvalidRequestException("a change of a signed decision is confirmed by a supervisor");
        }
        jdbc.sql("DELETE FROM enforcement_change_request WHERE decision_id = ? AND kind = ?")
                .params(decision.id(), kind.name())
                .update();
        audit.record(
                "enforcement.change-confirmed",
                "decision:" + decision.id(),
                Map.of("change", kind.name(), "requestedBy", requester));
        return false;
    }

    /** The request of {@code kind} waiting for a second person on a decision, or null. */
    private @Nullable ChangeRequest waiting(long decisionId, ChangeKind kind) {
        return jdbc.sql("""
                        SELECT decision_id, kind, reason, requested_by, requested_at FROM enforcement_change_request
                        WHERE decision_id = ? AND kind = ?""")
                .params(decisionId, kind.name())
                .query(Enforcement::changeRequest)
                .optional()
                .orElse(null);
    }

    private static ChangeRequest changeRequest(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ChangeRequest(
                rs.getLong("decision_id"),
                rs.getString("kind"),
                rs.getString("reason"),
                rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant());
    }

    private @Nullable String editedBy(long decisionId) {
        return jdbc.sql("SELECT edited_by FROM enforcement_decision WHERE id = ?")
                .param(decisionId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    // ---------------------------------------------------------------- reading

    public Decision get(long id) {
        return records.decision(id).orElseThrow(() -> new NotFoundException("no decision " + id));
    }

    /** The decisions of a case, oldest first. */
    public List<Decision> decisions(long caseId) {
        return records.decisionsOfCase(caseId);
    }

    /** Every signed decision, newest first (the register and the statistics filter these). */
    public List<Decision> signedDecisions() {
        return records.signedDecisions();
    }

    /** A stored document of a signed decision: HTML or PDF. */
    public DecisionDocuments.Document document(long decisionId, String format) {
        return documents
                .find(decisionId, format.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("no " + format + " document of decision " + decisionId));
    }

    private Decision signedOfKind(long id, String kind) {
        Decision decision = get(id);
        if (!decision.kind().equals(kind) || decision.signedAt() == null) {
            throw new InvalidRequestException("decision " + id + " is not a signed " + kind.toLowerCase(Locale.ROOT));
        }
        return decision;
    }

    private EnforcementCase openCaseOf(long caseId) {
        EnforcementCase c = getCase(caseId);
        if (!c.state().equals("OPEN")) {
            throw new InvalidRequestException("case " + caseId + " is closed");
        }
        return c;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String required(@Nullable String text, String message) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(message);
        }
        return text.strip();
    }
}
