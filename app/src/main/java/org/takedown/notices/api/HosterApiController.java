package org.takedown.notices.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.notices.HosterView;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.HosterAccess;

/** The portal over REST for hosting companies' own systems (API key scope {@code hoster}, bound to the company). */
@RestController
@RequestMapping("/api/v1/hoster")
class HosterApiController {

    /** An answer about a URL. */
    record Answer(@Nullable String kind, @Nullable String reason) {}

    private final HosterView view;

    HosterApiController(HosterView view) {
        this.view = view;
    }

    @GetMapping("/notices")
    List<HosterView.Notice> notices() {
        return view.notices(company(), 100);
    }

    @GetMapping("/figures")
    Notices.Figures figures() {
        return view.figures(company());
    }

    @GetMapping("/notices/{noticeId}/urls/{urlId}/checks")
    List<Probes.Check> checks(@PathVariable long noticeId, @PathVariable long urlId) {
        return view.checks(company(), noticeId, urlId);
    }

    @PostMapping("/notices/{noticeId}/urls/{urlId}/response")
    ResponseEntity<Map<String, Object>> respond(
            @PathVariable long noticeId, @PathVariable long urlId, @RequestBody Answer answer) {
        Notices.Response kind;
        try {
            kind = Notices.Response.valueOf(String.valueOf(answer.kind()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("kind must be one of REMOVED, DISPUTE, NOT_OUR_CUSTOMER");
        }
        view.respond(company(), noticeId, urlId, kind, answer.reason());
        return ResponseEntity.accepted().body(Map.of("noticeId", noticeId, "urlId", urlId, "kind", kind.name()));
    }

    private static long company() {
        Long company = HosterAccess.currentCompany();
        if (company == null) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "This API key is not bound to a hosting company.");
        }
        return company;
    }
}
