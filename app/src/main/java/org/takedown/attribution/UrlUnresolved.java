package org.takedown.attribution;

import java.time.Instant;

/** A reported URL's host did not resolve (again); attribution tries again at {@code nextAttemptAt}. */
public record UrlUnresolved(long urlId, String host, int attempts, Instant nextAttemptAt) {}
