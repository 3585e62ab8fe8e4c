package org.takedown.shared.errors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The request asks for more than is allowed at once; the message says the limit (413). */
@ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
public class TooLargeException extends RuntimeException {
    public TooLargeException(String message) {
        super(message);
    }
}
