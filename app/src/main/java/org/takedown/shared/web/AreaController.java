package org.takedown.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page of each area whose module has no pages of its own yet. A module that adds its own controller
 * for its path takes over from this one (remove the path here when it does).
 */
@Controller
class AreaController {

    @GetMapping({"/probing", "/simulation"})
    String area(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Area area = Area.ALL.stream()
                .filter(candidate -> candidate.path().equals(path))
                .findFirst()
                .orElseThrow();
        model.addAttribute("area", area);
        return "area";
    }
}
