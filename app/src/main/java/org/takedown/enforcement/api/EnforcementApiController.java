package org.takedown.enforcement.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.enforcement.Candidate;
import org.takedown.enforcement.Decision;
import org.takedown.enforcement.Enforcement;
import org.takedown.enforcement.EnforcementCase;
import org.takedown.enforcement.SanctionRegister;
import org.takedown.shared.errors.Choices;

/**
 * The authority's case data over REST (API key scope {@code enforcement}): candidates, cases, decisions, drafting
 * orders with the same rules as the form (at most 12 hours, only the addressee's URLs), and the statistics. Signing
 * stays with an authority signatory in the UI: a key has no role, so four eyes cannot be met by it.
 */
@RestController
@RequestMapping("/api/v1/enforcement")
class EnforcementApiController {

    /** A draft order. */
    record OrderDraft(
            @Nullable List<Long> urlIds,
            @Nullable String addressee,
            @Nullable Long addresseeId,
            @Nullable String legalBasis,
            @Nullable String reasons,
            @Nullable BigDecimal deadlineHours) {}

    private final Enforcement enforcement;
    private final SanctionRegister register;

    EnforcementApiController(Enforcement enforcement, SanctionRegister register) {
        this.enforcement = enforcement;
        this.register = register;
    }

    @GetMapping("/candidates")
    List<Candidate> candidates() {
        return enforcement.openCandidates();
    }

    @GetMapping("/cases")
    List<EnforcementCase> cases() {
        return enforcement.cases();
    }

    @GetMapping("/cases/{id}/decisions")
    List<Decision> decisions(@PathVariable long id) {
        enforcement.getCase(id);
        return enforcement.decisions(id);
    }

    @GetMapping("/decisions/{id}")
    Decision decision(@PathVariable long id) {
        return enforcement.get(id);
    }

    @PostMapping("/cases/{id}/orders")
    ResponseEntity<Map<String, Object>> draftOrder(@PathVariable long id, @RequestBody OrderDraft draft) {
        long order = enforcement.draftOrder(
                id,
                draft.urlIds() == null ? List.of() : draft.urlIds(),
                draft.addressee() == null
                        ? Decision.AddresseeKind.HOSTER
                        : Choices.of(Decision.AddresseeKind.class, draft.addressee(), "the addressee", "the addressee"),
                draft.addresseeId(),
                draft.legalBasis(),
                draft.reasons(),
                draft.deadlineHours());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("id", order, "state", "DRAFT", "location", "/api/v1/enforcement/decisions/" + order));
    }

    @GetMapping("/statistics")
    SanctionRegister.Statistics statistics(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        return register.statistics(from, to);
    }
}
