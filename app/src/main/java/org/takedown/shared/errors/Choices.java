package org.takedown.shared.errors;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads a choice a person typed or picked (a form field, a JSON value) into its enum, or says what it may be. */
public final class Choices {

    private Choices() {}

    /**
     * The constant of {@code type} named by {@code text} (case and surrounding space ignored).
     *
     * @param what the choice in words, for the message ("the delivery channel")
     * @param missing the message when nothing was chosen
     * @throws InvalidRequestException when nothing or something else was chosen
     */
    public static <E extends Enum<E>> E of(Class<E> type, @Nullable String text, String what, String missing) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(missing);
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new InvalidRequestException(
                what + " is one of " + Arrays.toString(type.getEnumConstants()) + ", not '" + text + "'");
    }
}
