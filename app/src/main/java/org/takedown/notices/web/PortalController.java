package org.takedown.notices.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.takedown.shared.security.HosterAccess;

/**
 * The hoster portal: a HOSTER sees the notices of their own hosting company, never another's. Notices arrive with
 * the notice-and-takedown issue; the binding of each account to its company is enforced here from the start.
 */
@Controller
class PortalController {

    @GetMapping("/portal")
    String portal() {
        Long company = HosterAccess.currentCompany();
        if (company == null) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "The portal is for accounts of a hosting company.");
        }
        return "redirect:/portal/companies/" + company;
    }

    @GetMapping("/portal/companies/{companyId}")
    String company(@PathVariable long companyId, Model model) {
        HosterAccess.requireCompany(companyId);
        model.addAttribute("companyId", companyId);
        return "portal";
    }
}
