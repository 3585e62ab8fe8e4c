package org.takedown.intake;

/**
 * A URL was reported: a new case ({@code firstReport}) or another report of an open one. Attribution starts here.
 *
 * @param urlId the case
 * @param normalized the URL in normal form
 * @param host its host (punycode for IDNs)
 * @param channel how this report came in ({@link Channel#AUTHORITY}: the authority's own, not for the hotline)
 */
public record UrlReported(UrlId urlId, String normalized, String host, boolean firstReport, Channel channel) {}
