package org.takedown.attribution.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.attribution.OfflineData;
import org.takedown.attribution.UrlAttributions;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.web.Flash;

/** The attribution history of one reported URL (every check, per address), and checking it again now. */
@Controller
class UrlAttributionController {

    private final UrlAttributions attributions;
    private final Flash flash;

    UrlAttributionController(Flash flash, UrlAttributions attributions) {
        this.flash = flash;
        this.attributions = attributions;
    }

    @GetMapping("/attribution/urls/{id}")
    String url(@PathVariable long id, Model model) {
        model.addAttribute("urlId", id);
        model.addAttribute("history", attributions.history(id));
        model.addAttribute("unresolved", attributions.unresolved(id).orElse(null));
        model.addAttribute("dataAttribution", OfflineData.ATTRIBUTION);
        return "attribution/url";
    }

    @PostMapping("/attribution/urls/{id}/check")
    String checkAgain(@PathVariable long id, RedirectAttributes redirect) {
        try {
            attributions.checkAgain(id);
            flash.notice(redirect, "flash.attribution.again", id);
        } catch (NotFoundException e) {
            flash.error(redirect, e);
        }
        return "redirect:/attribution/urls/" + id;
    }
}
