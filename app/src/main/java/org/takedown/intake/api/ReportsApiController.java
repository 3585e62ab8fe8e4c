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
import org.takedown.shared.errors.InvalidRequestException;

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
        return reports.submit(Channel.API, request.source(), request.reference(), request.note(), null, request.urls());
    }

    /** A report. */
    record NewReport(
            @Nullable List<String> urls,
            String source,
            @Nullable String reference,
            @Nullable String note) {}
}
