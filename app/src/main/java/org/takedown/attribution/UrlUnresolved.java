package org.takedown.attribution;

import java.time.Instant;
import org.takedown.intake.UrlId;

/** A reported URL's host did not resolve (again); attribution tries again at {@code nextAttemptAt}. */
public record UrlUnresolved(UrlId urlId, String host, int attempts, Instant nextAttemptAt) {}
