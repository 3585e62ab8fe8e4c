package org.takedown.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.takedown.shared.errors.InvalidRequestException;

/** Texts made in Java: English for records from the bundle, the viewer's language on pages, nested texts, moments. */
class TextTests {

    final Texts texts = new Texts(bundles(), "Europe/Amsterdam");

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void forgetTheLanguage() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aTextIsRecordedInEnglishAndShownInTheViewersLanguage() {
        Text flag = Text.of("watch.flag.online", 73L, 72L);
        assertThat(flag.english()).isEqualTo("a URL online 73 h after its notice (threshold: 72 h)");
        assertThat(flag).hasToString(flag.english()).isEqualTo(Text.of("watch.flag.online", 73L, 72L));

        LocaleContextHolder.setLocale(Locale.forLanguageTag("nl"));
        assertThat(texts.get(flag)).isEqualTo("een URL 73 u na de melding nog online (drempel: 72 u)");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(texts.get(flag)).isEqualTo(flag.english());
    }

    @Test
    void aTextAmongTheArgumentsIsWordedInTheSameLanguageAndAMomentAsOnThePages() {
        Text refusal = Text.of("enforcement.refused.number", Text.of("case.field.amount"), "ten");
        assertThat(refusal.english()).isEqualTo("the amount is a number, not 'ten'");
        LocaleContextHolder.setLocale(Locale.forLanguageTag("nl"));
        assertThat(texts.get(refusal)).isEqualTo("het bedrag is een getal, niet 'ten'");
        assertThat(texts.get("flash.order.delivered", Instant.parse("2026-11-30T13:05:00Z")))
                .isEqualTo("Bevel betekend; termijn tot 30 nov 2026 14:05.");
    }

    @Test
    void aRefusalKeepsItsEnglishMessageAndIsShownInTheViewersLanguage() {
        InvalidRequestException keyed = InvalidRequestException.because("triage.refused.claimed", 1234L, "anna");
        assertThat(keyed).hasMessage("URL 1234 is being assessed by anna");
        InvalidRequestException plain = new InvalidRequestException("no such thing");
        LocaleContextHolder.setLocale(Locale.forLanguageTag("nl"));
        assertThat(texts.why(keyed)).isEqualTo("URL 1234 wordt beoordeeld door anna");
        assertThat(texts.why(plain))
                .as("a refusal without a key reads as it was written")
                .isEqualTo("no such thing");
        assertThat(texts.why(new IllegalStateException("broken"))).isEqualTo("broken");
    }
}
