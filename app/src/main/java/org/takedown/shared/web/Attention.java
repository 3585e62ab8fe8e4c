package org.takedown.shared.web;

import java.util.List;
import org.takedown.shared.security.SignedInUser;

/**
 * What needs a signed-in user's attention, for the dashboard: each module that has work waiting for a role provides
 * one (shared cannot look into the modules; they come to it).
 */
public interface Attention {

    /** {@code count} things wait, described by the message under {@code key}, to be handled at {@code path}. */
    record Item(String key, long count, String path) {}

    /** The items waiting for this user; empty or zero counts are left out of the dashboard. */
    List<Item> itemsFor(SignedInUser user);
}
