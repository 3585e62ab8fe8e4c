package org.takedown.shared.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.shared.audit.AuditEntry;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.audit.AuditVerification;
import org.takedown.shared.errors.InvalidRequestException;

/** Read access to the audit log for external auditors (API key scope {@code audit}). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log", description = "Read and verify the append-only audit log (scope: audit)")
class AuditApiController {

    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/entries")
    @Operation(summary = "Entries after an id, in log order, to page through the whole log")
    List<AuditEntry> entries(
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit must be between 1 and 1000, not " + limit);
        }
        return audit.after(after, limit);
    }

    @GetMapping("/verification")
    @Operation(summary = "Recompute the hash chain and report the first broken entry, if any")
    AuditVerification verification() {
        return audit.verify();
    }
}
