package org.takedown.shared.errors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.takedown.shared.text.Text;
import org.takedown.shared.text.Worded;

/**
 * The request cannot be carried out as asked; the message says why, in words for the user (400). Made from a {@link
 * Text}, pages show it in the viewer's language; the message (logs, API problem details) is its English.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidRequestException extends RuntimeException implements Worded {

    private final transient Text text;

    public InvalidRequestException(String message) {
        super(message);
        this.text = Text.plain(message);
    }

    public InvalidRequestException(Text text) {
        super(text.english());
        this.text = text;
    }

    /** Refused for the reason under this message key, with its arguments. */
    public static InvalidRequestException because(String key, Object... args) {
        return new InvalidRequestException(Text.of(key, args));
    }

    @Override
    public Text text() {
        return text;
    }
}
