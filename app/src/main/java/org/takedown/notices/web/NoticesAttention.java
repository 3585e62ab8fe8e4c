package org.takedown.notices.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.takedown.notices.Notices;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.SignedInUser;
import org.takedown.shared.web.Attention;

/** Missed deadlines and hosting companies' answers for the hotline; open notices for a hosting company. */
@Component
class NoticesAttention implements Attention {

    private final Notices notices;

    NoticesAttention(Notices notices) {
        this.notices = notices;
    }

    @Override
    public List<Item> itemsFor(SignedInUser user) {
        List<Item> items = new ArrayList<>();
        if (user.role() == Role.HOTLINE_SUPERVISOR || user.role() == Role.ANALYST) {
            items.add(new Item("attention.breaches", notices.breachesOpen(), "/notices"));
            items.add(new Item("attention.answers", notices.responsesToReviewCount(), "/notices"));
        }
        if (user.role() == Role.HOSTER && user.hostingCompanyId() != null) {
            items.add(new Item("attention.open-notices", notices.openNoticesOf(user.hostingCompanyId()), "/portal"));
        }
        return items;
    }
}
