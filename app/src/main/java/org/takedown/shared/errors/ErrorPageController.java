package org.takedown.shared.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers every error the servlet container routes to {@code /error} (unknown routes, access denied, failures):
 * as an HTML page for browsers and as RFC 9457 problem details for everything else. Never shows a stack trace.
 */
@Controller
class ErrorPageController implements ErrorController {

    private final MessageSource messages;

    ErrorPageController(MessageSource messages) {
        this.messages = messages;
    }

    /** The page for people, in their language (its words from {@code error.page.<status>}, else English). */
    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request, Model model) {
        HttpStatus status = status(request);
        Locale language = LocaleContextHolder.getLocale();
        String kind = status.is5xxServerError() ? "5xx" : String.valueOf(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute(
                "title",
                messages.getMessage("error.title." + status.value(), null, status.getReasonPhrase(), language));
        model.addAttribute("message", messages.getMessage("error.page." + kind, null, message(status), language));
        return "error";
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String message(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case FORBIDDEN -> "You are signed in, but your role may not open this.";
            case UNAUTHORIZED -> "Please sign in first.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case CONTENT_TOO_LARGE -> "The request is too large.";
            case BAD_REQUEST -> "The request could not be understood.";
            default ->
                status.is5xxServerError()
                        ? "Something went wrong on our side; it has been logged."
                        : status.getReasonPhrase();
        };
    }
}
