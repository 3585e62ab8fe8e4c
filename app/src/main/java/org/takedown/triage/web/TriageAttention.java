package org.takedown.triage.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.SignedInUser;
import org.takedown.shared.web.Attention;
import org.takedown.triage.Triage;
import org.takedown.triage.TriageState;

/** The triage queue on the analysts' and supervisors' dashboards. */
@Component
class TriageAttention implements Attention {

    private final Triage triage;

    TriageAttention(Triage triage) {
        this.triage = triage;
    }

    @Override
    public List<Item> itemsFor(SignedInUser user) {
        List<Item> items = new ArrayList<>();
        if (user.role() == Role.ANALYST || user.role() == Role.HOTLINE_SUPERVISOR) {
            items.add(new Item("attention.queued", triage.count(TriageState.QUEUED), "/intake"));
        }
        if (user.role() == Role.HOTLINE_SUPERVISOR) {
            items.add(new Item("attention.confirm", triage.count(TriageState.AWAITING_CONFIRMATION), "/intake"));
        }
        return items;
    }
}
