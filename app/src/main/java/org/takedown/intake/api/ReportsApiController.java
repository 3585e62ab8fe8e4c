package org.takedown.intake.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.intake.Channel;
import org.takedown.intake.ReportReceipt;
import org.takedown.intake.Reports;
import org.takedown.shared.errors.ForbiddenException;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.ApiKey;
import org.takedown.shared.security.ApiKeyAuthentication;

/** Reports from partners: police, foreign hotlines, trusted flaggers (API key scope {@code report}). */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "Report URLs to the hotline (scope: report)")
class ReportsApiController {

    private final Reports reports;

    ReportsApiController(Reports reports) {
        this.reports = reports;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Report up to 10 000 URLs",
            description = "Each URL is normalised; one already open joins its case (duplicate: true). URLs that are"
                    + " not http(s) are refused with a reason; the rest of the report is still taken.")
    ReportReceipt report(@RequestBody NewReport request) {
        if (request.urls() == null) {
            throw new InvalidRequestException("urls: a list of URLs is required");
        }
        String source = claimedSource(request.source());
        return reports.submit(Channel.API, source, request.reference(), request.note(), null, request.urls());
    }

    /**
     * The source a report may claim: one its key was issued for. A key for one source may leave it out.
     *
     * @throws ForbiddenException when the key was not issued for the claimed source
     */
    static String claimedSource(@Nullable String claimed) {
        List<String> allowed =
                ApiKeyAuthentication.current().map(ApiKey::reportSources).orElse(List.of());
        if (claimed == null || claimed.isBlank()) {
            if (allowed.size() == 1) {
                return allowed.getFirst();
            }
            throw new InvalidRequestException(
                    "source: name the source of this report, one of " + String.join(", ", allowed));
        }
        String source = claimed.strip();
        if (!allowed.contains(source)) {
            throw new ForbiddenException("this API key reports for "
                    + (allowed.isEmpty() ? "no source" : String.join(", ", allowed)) + ", not for '" + source + "'");
        }
        return source;
    }

    /** A report. */
    record NewReport(
            @Nullable List<String> urls,
            @Nullable String source,
            @Nullable String reference,
            @Nullable String note) {}
}
