package org.takedown.enforcement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.enforcement.Decision.AddresseeKind;
import org.takedown.enforcement.Decision.Channel;
import org.takedown.enforcement.Decision.ObjectionStatus;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * The authority's case management, the module's one entry point: the watch list of providers and the candidates it
 * flags ({@link WatchList}), cases per provider, and the decisions in a case — orders with a deadline of at most 12 hours after delivery whose compliance
 * the probes measure ({@link Orders}), penalty payments whose forfeited amount is computed from the checks
 * ({@link PenaltyPayments}), fines within 10 % of the annual turnover ({@link Fines}) — with four-eyes sign-off,
 * immutable documents, objection and appeal, and withdrawal ({@link DecisionLifecycle}). Each command is one
 * transaction; every action is audited; every refusal is an {@link InvalidRequestException} that says why.
 * Thread-safe.
 */
@Service
public class Enforcement {

    /** The longest deadline the law allows for an order, after its delivery. */
    public static final BigDecimal MAX_ORDER_HOURS = Orders.MAX_HOURS;

    /** The fine cap: this share of the annual turnover. */
    public static final BigDecimal FINE_CAP = Fines.CAP;

    private final Cases cases;
    private final Orders orders;
    private final PenaltyPayments penalties;
    private final Fines fines;
    private final DecisionLifecycle lifecycle;
    private final FourEyes fourEyes;
    private final DecisionRecords records;
    private final DecisionDocuments documents;
    private final WatchList watchList;
    private final Publications publications;
    private final Transparency transparency;
    private final OwnReports ownReports;
    private final Addressees addressees;

    Enforcement(
            Cases cases,
            Orders orders,
            PenaltyPayments penalties,
            Fines fines,
            DecisionLifecycle lifecycle,
            FourEyes fourEyes,
            DecisionRecords records,
            DecisionDocuments documents,
            WatchList watchList,
            Publications publications,
            Transparency transparency,
            OwnReports ownReports,
            Addressees addressees) {
        this.ownReports = ownReports;
        this.addressees = addressees;
        this.transparency = transparency;
        this.watchList = watchList;
        this.publications = publications;
        this.cases = cases;
        this.orders = orders;
        this.penalties = penalties;
        this.fines = fines;
        this.lifecycle = lifecycle;
        this.fourEyes = fourEyes;
        this.records = records;
        this.documents = documents;
    }

    /** Drafts waiting for an authority signatory's signature, and signed orders not yet delivered. */
    public record Waiting(long drafts, long undelivered) {}

    /** What became of a change of a signed decision. */
    public enum Change {
        /** Asked for; it waits for a second person to confirm it. */
        REQUESTED,
        /** Confirmed by a second person and done. */
        DONE
    }

    /** The changes of a signed decision that need a second person. */
    public enum ChangeKind {
        WITHDRAW,
        END_PENALTY,
        COLLECT
    }

    /** A change asked for and waiting for a second person. */
    public record ChangeRequest(
            long decisionId, ChangeKind kind, String reason, String requestedBy, Instant requestedAt) {}

    // ---------------------------------------------------------------- watch list, candidates and cases

    /** Every notified provider's standing over the rolling window, flagged ones first. */
    public List<ProviderStanding> watchList() {
        return watchList.standings();
    }

    /**
     * Turns each newly flagged provider into a candidate; at most once per {@code takedown.enforcement.watch.every}.
     * Called by the scheduler.
     *
     * @return how many candidates were added
     */
    @Transactional
    public int flagProviders() {
        return watchList.flag();
    }

    /** The breaches of the norm by one provider as the authority recorded them, newest first. */
    public List<Breach> breaches(long companyId, int limit) {
        return watchList.breaches(companyId, limit);
    }

    /**
     * Registers a URL the authority received or found itself: attributed and checked like any report, never in the
     * hotline's triage; once attributed to a provider it can be named in an order to it without a hotline notice.
     *
     * @return the URL's id
     */
    @Transactional
    public long registerOwnReport(@Nullable String url, OwnReport.Origin origin, @Nullable String reference) {
        return ownReports.register(url, origin, reference);
    }

    /** A registered provider as an addressee of decisions. */
    public Addressee addressee(long companyId) {
        return addressees.get(companyId);
    }

    /** Registers a provider's kind of service and address for service, so decisions can be addressed to it. */
    @Transactional
    public Addressee registerAddressee(long companyId, Addressee.ServiceKind kind, @Nullable String serviceAddress) {
        return addressees.register(companyId, kind, serviceAddress);
    }

    /** The authority's own reports, newest first, with the provider each was attributed to. */
    public List<OwnReport> ownReports() {
        return ownReports.all();
    }

    /** When the watch list is next evaluated. */
    public @Nullable Instant nextWatch() {
        return watchList.nextDue();
    }

    /** Candidates still waiting for an officer, oldest first. */
    public List<Candidate> openCandidates() {
        return cases.openCandidates();
    }

    public Waiting waiting() {
        return cases.waiting();
    }

    /** Accepts a candidate into the company's open case (opened when there is none); returns the case. */
    @Transactional
    public long accept(long candidateId) {
        return cases.accept(candidateId);
    }

    /** Dismisses a candidate; the reason is required and kept. */
    @Transactional
    public void dismiss(long candidateId, @Nullable String reason) {
        cases.dismiss(candidateId, reason);
    }

    /** Opens a case by hand. */
    @Transactional
    public long openCase(long companyId, @Nullable String reason) {
        return cases.open(companyId, Required.text(reason, "enforcement.refused.case.reason"));
    }

    public List<EnforcementCase> cases() {
        return cases.all();
    }

    public EnforcementCase getCase(long id) {
        return cases.get(id);
    }

    // ---------------------------------------------------------------- orders

    /**
     * Drafts an order to make URLs of the case's company inaccessible within {@code deadlineHours} of delivery.
     *
     * @param addresseeId the registered provider addressed when it is not the case's provider (the platform the material
     *     is shared on, or a provider upstream); null for the hoster
     */
    @Transactional
    public long draftOrder(
            long caseId,
            List<Long> urlIds,
            AddresseeKind addressee,
            @Nullable Long addresseeId,
            @Nullable String legalBasis,
            @Nullable String reasons,
            @Nullable BigDecimal deadlineHours) {
        return orders.draft(caseId, urlIds, addressee, addresseeId, legalBasis, reasons, deadlineHours);
    }

    /**
     * Delivers a signed decision of any kind (order, penalty payment, fine). By {@code EMAIL} without a proof it goes through the notices outbox to the company's abuse
     * address with its PDF attached, and is delivered when the mail server accepts it ({@link #messageSent}); by any
     * other channel (or an e-mail sent elsewhere) the officer records the delivery with its proof. From an order's
     * delivery its deadline runs, and the probes check its URLs at the short interval until the deadline and at it; a
     * penalty payment forfeits only from its term after its delivery.
     */
    @Transactional
    public Decision deliver(long orderId, Channel channel, @Nullable String proof) {
        return orders.deliver(orderId, channel, proof);
    }

    /** The outbox sent an order: it is delivered now, with the mail server's acceptance as its proof. */
    @Transactional
    public void messageSent(String reference, String messageId, Instant sentAt) {
        orders.messageSent(reference, messageId, sentAt);
    }

    /**
     * Records each URL's compliance with orders whose deadline has passed, from the probes: inaccessible when the checks
     * found it removed at or before the deadline. Called by the scheduler; idempotent.
     *
     * @return how many orders were checked
     */
    @Transactional
    public int checkDeadlines() {
        return orders.checkDeadlines();
    }

    /** When the next order deadline is due for its check, or null. */
    public @Nullable Instant nextDeadline() {
        return orders.nextDeadline();
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
            @Nullable Integer termHours,
            @Nullable String legalBasis,
            @Nullable String reasons) {
        return penalties.draft(caseId, orderId, amountPerUrl, periodHours, maxTotal, termHours, legalBasis, reasons);
    }

    /**
     * Drafts a fine of at most 10 % of the annual turnover: the registered one, or, when none is registered, the
     * officer's {@code estimate} with its {@code estimateSource} (the decision shows which).
     */
    @Transactional
    public long draftFine(
            long caseId,
            @Nullable BigDecimal amount,
            @Nullable String breaches,
            @Nullable String legalBasis,
            @Nullable String reasons,
            @Nullable BigDecimal estimate,
            @Nullable String estimateSource) {
        return fines.draft(caseId, amount, breaches, legalBasis, reasons, estimate, estimateSource);
    }

    /** Decides whether a sanction decision is published (reasons needed when not); by an authority signatory. */
    @Transactional
    public void decidePublication(long decisionId, boolean publish, @Nullable String reasons) {
        publications.decide(decisionId, publish, reasons);
    }

    /** Records a court's suspension of a sanction decision's publication: it leaves, or never enters, the register. */
    @Transactional
    public void suspendPublication(long decisionId, @Nullable String ruling) {
        publications.suspend(decisionId, ruling);
    }

    /** Records the annulment of a signed decision by a court or on objection: it leaves the register. */
    @Transactional
    public void annul(long decisionId, @Nullable String ruling) {
        publications.annul(decisionId, ruling);
    }

    /** Marks a forfeited penalty payment as collected (what was forfeited at that moment), by four eyes. */
    @Transactional
    public Change collect(long penaltyId) {
        return penalties.collect(penaltyId);
    }

    /** Ends a penalty payment, by four eyes: no more is forfeited after now. */
    @Transactional
    public Change endPenalty(long penaltyId) {
        return penalties.end(penaltyId);
    }

    // ---------------------------------------------------------------- sign-off, versions, documents, objection

    /**
     * Signs a draft: only an authority signatory, never the person who drafted it (four eyes). The signed decision's documents
     * (HTML and PDF) are made and kept unchangeable, their SHA-256 in the audit log; a new version supersedes the old.
     */
    @Transactional
    public Decision sign(long decisionId) {
        return lifecycle.sign(decisionId);
    }

    /** Changes a draft's legal basis and reasons; a signed decision is never edited (make a new version). */
    @Transactional
    public void edit(long decisionId, @Nullable String legalBasis, @Nullable String reasons) {
        lifecycle.edit(decisionId, legalBasis, reasons);
    }

    /** A new draft version of a signed decision, with the same content, to be changed and signed. */
    @Transactional
    public long newVersion(long decisionId) {
        return lifecycle.newVersion(decisionId);
    }

    /** Records the step of objection and appeal a signed decision has reached, with its outcome; never backwards. */
    @Transactional
    public void objection(long decisionId, ObjectionStatus status, @Nullable String outcome) {
        lifecycle.objection(decisionId, status, outcome);
    }

    /**
     * Withdraws a signed decision (kept, and shown as withdrawn in the register): asked for by one person, done when
     * a second confirms (see {@link Change}).
     */
    @Transactional
    public Change withdraw(long decisionId, @Nullable String reason) {
        return lifecycle.withdraw(decisionId, reason);
    }

    /** The changes waiting for a second person, of every decision of a case. */
    public List<ChangeRequest> pendingChanges(long caseId) {
        return fourEyes.pending(caseId);
    }

    // ---------------------------------------------------------------- reading

    public Decision get(long id) {
        return records.get(id);
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
    public DecisionDocument document(long decisionId, String format) {
        return documents.get(decisionId, format);
    }

    // ---------------------------------------------------------------- for providers: their DSA duties

    /** A provider's article 15(1) figures on the notices and orders it received in a period (at most 366 days). */
    public DsaFigures dsaFigures(long companyId, LocalDate from, LocalDate to) {
        return transparency.figures(companyId, from, to);
    }

    /** A statement of reasons per URL the provider removed on a notice or order sent in the period. */
    public List<StatementOfReasons> statementsOfReasons(long companyId, LocalDate from, LocalDate to) {
        return transparency.statements(companyId, from, to);
    }
}
