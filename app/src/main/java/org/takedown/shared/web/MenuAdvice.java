package org.takedown.shared.web;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the menu (the areas the current user may open) into the model of every page. It advises the page controllers'
 * packages only: {@code annotations = Controller.class} also matched every {@code @RestController}, and building
 * this model for each API request took 6-10 % of a single hash check's CPU. {@code ArchitectureTests} checks that
 * every page controller is in one of these packages.
 */
@ControllerAdvice(
        basePackages = {
            "org.takedown.attribution.web",
            "org.takedown.enforcement.web",
            "org.takedown.intake.web",
            "org.takedown.matching.web",
            "org.takedown.monitoring.web",
            "org.takedown.notices.web",
            "org.takedown.triage.web",
            "org.takedown.shared.web",
            "org.takedown.shared.errors"
        })
class MenuAdvice {

    private final Languages languages;

    MenuAdvice(Languages languages) {
        this.languages = languages;
    }

    /** The languages offered, for the switch on every page (none shown with one). */
    @ModelAttribute("languages")
    List<String> languages() {
        return languages.offered();
    }

    @ModelAttribute("menu")
    List<Area> menu() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        List<String> authorities = authentication == null
                ? List.of()
                : authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList();
        return visibleTo(authorities);
    }

    /** The areas a holder of {@code authorities} may open, in chain order: their own first, then the public ones. */
    static List<Area> visibleTo(List<String> authorities) {
        List<Area> own = Area.ALL.stream()
                .filter(area ->
                        !area.isPublic() && List.of(area.authorities()).stream().anyMatch(authorities::contains))
                .toList();
        List<Area> open = Area.ALL.stream().filter(Area::isPublic).toList();
        return java.util.stream.Stream.concat(own.stream(), open.stream()).toList();
    }
}
