package org.takedown.shared.web;

import java.util.List;
import java.util.Optional;
import org.takedown.shared.text.Text;

/**
 * A guided path for a first visit: one reported URL followed along the chain, each step a link to the page that shows
 * it and the account that may open it. The demo's simulation provides one; without it the home page shows none.
 */
public interface Trail {

    /** A URL to follow, when one has come far enough along the chain to show. */
    Optional<Followed> follow();

    /** The URL and its steps, in the chain's order. */
    record Followed(String url, List<Step> steps) {}

    /**
     * One step.
     *
     * @param what what happened there, in words (a message key with its arguments)
     * @param path the page that shows it
     * @param who the (demo) account that may open it; empty for a public page
     */
    record Step(Text what, String path, String who) {}
}
