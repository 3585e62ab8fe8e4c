package org.takedown.enforcement.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.takedown.enforcement.SanctionRegister;

/** The public register of published sanction decisions (no login). */
@Controller
class SanctionsController {

    private final SanctionRegister register;

    SanctionsController(SanctionRegister register) {
        this.register = register;
    }

    @GetMapping("/sanctions")
    String register(Model model) {
        model.addAttribute("publications", register.published());
        return "enforcement/sanctions";
    }
}
