package org.takedown.intake;

/**
 * A URL's assessment is final (confirmed by a supervisor where the source asks for four eyes). Routing, notices
 * and referrals start here.
 */
public record UrlAssessed(long urlId, String normalized, String host, Assessment assessment) {}
