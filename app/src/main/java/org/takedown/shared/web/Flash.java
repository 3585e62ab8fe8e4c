package org.takedown.shared.web;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.text.Text;
import org.takedown.shared.text.Texts;

/**
 * The notice a page shows after an action (post, redirect, get): what was done, in the viewer's language, or why it
 * was refused.
 */
@Component
public class Flash {

    private final Texts texts;

    Flash(Texts texts) {
        this.texts = texts;
    }

    /** Runs an action and redirects, with what it did as the notice or why it was refused as the error. */
    public String act(RedirectAttributes redirect, String to, Supplier<Text> action) {
        try {
            notice(redirect, action.get());
        } catch (InvalidRequestException e) {
            error(redirect, e);
        }
        return "redirect:" + to;
    }

    /** Shows why an action was refused as the error on the page redirected to, in the viewer's language. */
    public void error(RedirectAttributes redirect, RuntimeException refusal) {
        redirect.addFlashAttribute("error", texts.why(refusal));
    }

    /** Why an action was refused, in the viewer's language, for a page shown at once. */
    public String why(RuntimeException refusal) {
        return texts.why(refusal);
    }

    /** Shows this text as the notice on the page redirected to. */
    public void notice(RedirectAttributes redirect, Text text) {
        redirect.addFlashAttribute("notice", texts.get(text));
    }

    /** Shows the message under this key as the notice on the page redirected to. */
    public void notice(RedirectAttributes redirect, String key, Object... args) {
        notice(redirect, Text.of(key, args));
    }
}
