package org.takedown.matching.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.matching.Exchange;
import org.takedown.matching.ExchangePage;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * Hash lists between Takedown instances. As a source (scope {@code exchange}): a list's changes after a cursor, and
 * feedback on its entries. As a subscriber (scope {@code banks}, the curators' own): subscriptions of a local list, a
 * sync on demand, feedback sent to the source, and the feedback a list received.
 */
@RestController
@Tag(name = "Hash list exchange", description = "Lists pulled between Takedown instances (scopes: exchange, banks)")
class ExchangeApiController {

    private final Exchange exchange;

    ExchangeApiController(Exchange exchange) {
        this.exchange = exchange;
    }

    /** A verdict on an entry. */
    record Verdict(
            @Nullable String type,
            @Nullable String value,
            @Nullable String verdict,
            @Nullable String note) {}

    /** A new subscription. */
    record NewSubscription(
            @Nullable String source,
            @Nullable String sourceBank,
            @Nullable String apiKey,
            @Nullable String every) {}

    @GetMapping("/api/v1/exchange/banks/{name}/changes")
    @Operation(summary = "The list's entries added and disabled after the cursor, a page at a time (source side)")
    ExchangePage changes(
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "10000") int limit) {
        return exchange.changes(name, after, limit);
    }

    @PostMapping("/api/v1/exchange/banks/{name}/feedback")
    @Operation(summary = "A subscriber's verdict on an entry: CONFIRMED, FALSE_POSITIVE or SEEN (source side)")
    ResponseEntity<Map<String, String>> receive(@PathVariable String name, @RequestBody Verdict verdict) {
        exchange.receiveFeedback(
                name, text(verdict.type(), "type"), text(verdict.value(), "value"), verdict.verdict(), verdict.note());
        return ResponseEntity.accepted().body(Map.of("bank", name, "verdict", String.valueOf(verdict.verdict())));
    }

    @GetMapping("/api/v1/banks/{name}/feedback")
    @Operation(summary = "The feedback subscribers sent on the list's entries, newest first")
    List<Exchange.Feedback> feedback(@PathVariable String name) {
        return exchange.feedback(name, 200);
    }

    @PostMapping("/api/v1/banks/{name}/subscriptions")
    @Operation(summary = "Subscribe the list to another Takedown's list: source URL, its list, the key it issued")
    ResponseEntity<Map<String, Object>> subscribe(@PathVariable String name, @RequestBody NewSubscription request) {
        Duration every;
        try {
            every = request.every() == null ? null : Duration.parse(request.every());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequestException("every is an ISO 8601 duration like PT1H, not '" + request.every() + "'");
        }
        long id = exchange.subscribe(name, request.source(), request.sourceBank(), request.apiKey(), every);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "bank", name));
    }

    @GetMapping("/api/v1/banks/{name}/subscriptions")
    @Operation(summary = "The list's subscriptions with their status (last success, last error, entries)")
    List<Exchange.Subscription> subscriptions(@PathVariable String name) {
        return exchange.subscriptions(name);
    }

    @PostMapping("/api/v1/banks/{name}/subscriptions/{id}/sync")
    @Operation(summary = "Sync a subscription now, until caught up or a request fails")
    Exchange.Subscription sync(@PathVariable String name, @PathVariable long id) {
        Exchange.Subscription subscription = own(name, id);
        exchange.sync(subscription.id());
        return own(name, id);
    }

    @PostMapping("/api/v1/banks/{name}/subscriptions/{id}/feedback")
    @Operation(summary = "Send a verdict on an entry back to the subscription's source")
    ResponseEntity<Map<String, String>> send(
            @PathVariable String name, @PathVariable long id, @RequestBody Verdict verdict) {
        own(name, id);
        exchange.sendFeedback(
                id,
                text(verdict.type(), "type"),
                text(verdict.value(), "value"),
                text(verdict.verdict(), "verdict"),
                verdict.note());
        return ResponseEntity.accepted().body(Map.of("sent", String.valueOf(verdict.verdict())));
    }

    private Exchange.Subscription own(String bank, long id) {
        return exchange.subscriptions(bank).stream()
                .filter(s -> s.id() == id)
                .findFirst()
                .orElseThrow(() ->
                        new org.takedown.shared.errors.NotFoundException("no subscription " + id + " of " + bank));
    }

    private static String text(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name + " is required");
        }
        return value;
    }
}
