package org.takedown.intake;

import org.takedown.shared.errors.InvalidRequestException;

/** A reported text that is not an http(s) URL Takedown can follow; the message says why. */
public class UrlRejectedException extends InvalidRequestException {
    public UrlRejectedException(String key, Object... args) {
        super(org.takedown.shared.text.Text.of(key, args));
    }
}
