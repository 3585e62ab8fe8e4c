package org.takedown.attribution;

import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.takedown.shared.errors.Choices;
import org.takedown.shared.errors.InvalidRequestException;

/** The rules for what is typed into a hosting company's registry entry: each field clean, or refused with why. */
final class CompanyFields {

    private CompanyFields() {}

    static String requireText(@Nullable String text, String what) {
        if (text == null || text.isBlank()) {
            throw InvalidRequestException.because("company.refused.needs", what);
        }
        return text.strip();
    }

    static String country(@Nullable String code) {
        String clean = requireText(code, "a country (two-letter ISO code)").toUpperCase(Locale.ROOT);
        if (!clean.matches("[A-Z]{2}")) {
            throw InvalidRequestException.because("company.refused.country", code);
        }
        return clean;
    }

    static String email(@Nullable String address) {
        String clean = requireText(address, "an abuse e-mail address");
        if (!clean.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw InvalidRequestException.because("company.refused.email", clean);
        }
        return clean;
    }

    static String channel(@Nullable String channel) {
        return Choices.of(NoticeChannel.class, channel, "the notice channel", "needs a notice channel")
                .name();
    }

    static @Nullable BigDecimal turnover(@Nullable BigDecimal turnover) {
        if (turnover != null && turnover.signum() < 0) {
            throw InvalidRequestException.because("company.refused.turnover");
        }
        return turnover;
    }
}
