package org.takedown.shared.text;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Words a text in the language of the person being served (the locale Spring resolved for the request), for what Java hands to a page ready-made: a notice after an action, an error's detail.
 */
@Component
public class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    /** The message under this key with these arguments, in the viewer's language. */
    public String get(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** The text in the viewer's language. */
    public String get(Text text) {
        return get(text.key(), text.args());
    }
}
