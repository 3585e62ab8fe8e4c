package org.takedown.enforcement.web;

import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.shared.errors.InvalidRequestException;

/** Runs a page's action and redirects, with what it did as the notice or why it was refused as the error. */
final class Flash {

    private Flash() {}

    static String act(RedirectAttributes redirect, String to, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + to;
    }
}
