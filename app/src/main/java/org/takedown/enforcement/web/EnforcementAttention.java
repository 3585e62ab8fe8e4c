package org.takedown.enforcement.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Enforcement;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.SignedInUser;
import org.takedown.shared.web.Attention;

/** Missed deadlines to take up, drafts to sign and orders to deliver, for the authority. */
@Component
class EnforcementAttention implements Attention {

    private final Enforcement enforcement;

    EnforcementAttention(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public List<Item> itemsFor(SignedInUser user) {
        List<Item> items = new ArrayList<>();
        if (user.role() != Role.OFFICER && user.role() != Role.AUTHORITY_SIGNATORY) {
            return items;
        }
        Enforcement.Waiting waiting = enforcement.waiting();
        if (user.role() == Role.OFFICER) {
            items.add(new Item("attention.flagged", enforcement.openCandidates().size(), "/enforcement"));
            items.add(new Item("attention.undelivered", waiting.undelivered(), "/enforcement"));
        }
        if (user.role() == Role.AUTHORITY_SIGNATORY) {
            items.add(new Item("attention.drafts", waiting.drafts(), "/enforcement"));
        }
        return items;
    }
}
