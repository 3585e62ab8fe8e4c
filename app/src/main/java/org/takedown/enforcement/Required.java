package org.takedown.enforcement;

import org.jspecify.annotations.Nullable;
import org.takedown.shared.errors.InvalidRequestException;

/** The texts a decision cannot do without (legal basis, reasons, a withdrawal's reason): present, or refused. */
final class Required {

    private Required() {}

    /** The text without surrounding space; refused with the message under {@code key} when missing or blank. */
    static String text(@Nullable String text, String key) {
        if (text == null || text.isBlank()) {
            throw InvalidRequestException.because(key);
        }
        return text.strip();
    }
}
