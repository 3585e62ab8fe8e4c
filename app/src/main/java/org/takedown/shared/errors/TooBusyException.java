package org.takedown.shared.errors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Too much of this kind of work is waiting already; the client should retry later (429 with Retry-After). */
@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
public class TooBusyException extends RuntimeException {

    private final int retryAfterSeconds;

    public TooBusyException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds after which a retry is sensible. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
