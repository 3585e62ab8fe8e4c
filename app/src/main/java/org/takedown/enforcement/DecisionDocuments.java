package org.takedown.enforcement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.intake.UrlId;
import org.takedown.probing.Probes;
import org.takedown.shared.documents.Pdf;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.text.Texts;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The documents of signed decisions: HTML from a template with the facts (URLs, times, the checks' evidence), the
 * legal grounds and how to object, and the same laid out as PDF. Stored once, unchangeable (the database refuses
 * updates and deletes), with their SHA-256 for the audit log. Thread-safe.
 */
@Component
class DecisionDocuments {

    private final JdbcClient jdbc;
    private final ITemplateEngine templates;
    private final Probes probes;
    private final Clock clock;
    private final Addressees addressees;
    private final Locale language;
    private final Texts texts;

    DecisionDocuments(
            JdbcClient jdbc,
            ITemplateEngine templates,
            Probes probes,
            Clock clock,
            Addressees addressees,
            EnforcementProperties properties,
            Texts texts) {
        this.texts = texts;
        this.addressees = addressees;
        this.language = properties.documentLanguage();
        this.jdbc = jdbc;
        this.templates = templates;
        this.probes = probes;
        this.clock = clock;
    }

    /** Makes and stores the HTML and PDF of a signed decision; returns their SHA-256 by format. */
    Map<String, String> issue(Decision decision, EnforcementCase enforcementCase) {
        Context context = new Context(language);
        context.setVariable("d", decision);
        context.setVariable("c", enforcementCase);
        context.setVariable(
                "addressee",
                addressees.get(decision.addresseeId() != null ? decision.addresseeId() : enforcementCase.companyId()));
        Map<Long, Probes.Status> found = probes.statuses(
                decision.urls().stream().map(u -> new UrlId(u.urlId())).toList());
        Map<Long, Probes.Status> checks = new LinkedHashMap<>();
        for (Decision.OrderUrl url : decision.urls()) {
            if (found.containsKey(url.urlId())) {
                checks.put(url.urlId(), found.get(url.urlId()));
            }
        }
        context.setVariable("checks", checks);
        String html = templates.process("enforcement/decision-document", context);
        byte[] htmlBytes = html.getBytes(StandardCharsets.UTF_8);
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("htmlSha256", store(decision.id(), "HTML", htmlBytes));
        hashes.put("pdfSha256", store(decision.id(), "PDF", Pdf.of(html)));
        return hashes;
    }

    private String store(long decisionId, String format, byte[] content) {
        String hash = sha256(content);
        jdbc.sql("INSERT INTO enforcement_document (decision_id, format, content, sha256, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(decisionId, format, content, hash, Timestamp.from(clock.instant()))
                .update();
        return hash;
    }

    /**
     * The stored document of a decision in {@code format} (HTML or PDF, any case).
     *
     * @throws NotFoundException when there is none (the decision is not signed, or no such format)
     */
    DecisionDocument get(long decisionId, String format) {
        String stored = format.toUpperCase(Locale.ROOT);
        return jdbc.sql("SELECT content, sha256 FROM enforcement_document WHERE decision_id = ? AND format = ?"
                        + " ORDER BY id DESC LIMIT 1")
                .params(decisionId, stored)
                .query((rs, n) -> new DecisionDocument(decisionId, stored, rs.getBytes(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new NotFoundException("no " + format + " document of decision " + decisionId));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The subject of the mail that serves a decision, in the documents' language. */
    String mailSubject(Decision d) {
        return switch (d.kind()) {
            case ORDER -> text("decision.mail.subject.ORDER", d.id(), hours(d.deadlineHours()));
            case PENALTY -> text("decision.mail.subject.PENALTY", d.id(), d.orderId());
            case FINE -> text("decision.mail.subject.FINE", d.id());
        };
    }

    /** The body of the mail that serves a decision (its signed PDF is attached), in the documents' language. */
    String mailText(Decision d) {
        String attached = "\n\n" + text("decision.mail.attached") + "\n";
        String basis = "\n\n" + text("decision.mail.basis", d.legalBasis());
        return switch (d.kind()) {
            case PENALTY ->
                text(
                                "decision.mail.PENALTY",
                                d.id(),
                                d.addressee(),
                                d.orderId(),
                                d.amountPerUrl().toPlainString(),
                                d.periodHours(),
                                d.termHours(),
                                d.maxTotal().toPlainString())
                        + basis
                        + attached;
            case FINE ->
                text("decision.mail.FINE", d.id(), d.addressee(), d.amount().toPlainString()) + basis + attached;
            case ORDER -> {
                StringBuilder text = new StringBuilder(
                                text("decision.mail.ORDER", d.id(), d.addressee(), hours(d.deadlineHours())))
                        .append(basis)
                        .append("\n\n");
                for (Decision.OrderUrl url : d.urls()) {
                    text.append("- ").append(url.url()).append('\n');
                }
                yield text.append(attached.substring(1)).toString();
            }
        };
    }

    private static String hours(java.math.BigDecimal hours) {
        return hours.stripTrailingZeros().toPlainString();
    }

    private String text(String key, Object... args) {
        return texts.in(language, key, args);
    }
}
