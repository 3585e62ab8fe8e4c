package org.takedown.shared.text;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Words a text in the language of the person being served (the locale Spring resolved for the request), for what
 * Java hands to a page ready-made: a notice after an action, an error's detail. A moment among the arguments reads
 * as on the pages ({@code 30 nov 2026 14:05}, in {@code takedown.ui.time-zone}); a text among them is worded too.
 */
@Component
public class Texts {

    /** The languages the message bundles are written in. */
    public static final List<String> LANGUAGES = List.of("nl", "en");

    private final MessageSource messages;
    private final ZoneId zone;

    Texts(MessageSource messages, @Value("${takedown.ui.time-zone:Europe/Amsterdam}") String zone) {
        this.messages = messages;
        this.zone = ZoneId.of(zone);
    }

    /** The message under this key with these arguments, in the viewer's language. */
    public String get(String key, Object... args) {
        return in(LocaleContextHolder.getLocale(), key, args);
    }

    /** The message under this key with these arguments, in this language (a document's, a chart's). */
    public String in(Locale language, String key, Object... args) {
        Object[] shown = args.clone();
        Times times = null;
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Instant moment) {
                times = times == null ? new Times(zone, language) : times;
                shown[i] = times.show(moment);
            } else if (shown[i] instanceof Text part) {
                shown[i] = in(language, part.key(), part.args());
            }
        }
        return messages.getMessage(key, shown, language);
    }

    /** The text in the viewer's language. */
    public String get(Text text) {
        return get(text.key(), text.args());
    }

    /** Why something failed, in the viewer's language when it was worded with a key, else its message. */
    public String why(Throwable failure) {
        return failure instanceof Worded worded ? get(worded.text()) : String.valueOf(failure.getMessage());
    }
}
