package org.takedown.shared.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Moments as people read them on a page or in a document: in the viewer's time zone (Europe/Amsterdam unless set
 * otherwise), in the page's language, as {@code 30 Nov 2026 14:05} — never raw ISO or UTC. APIs keep ISO 8601 UTC.
 * Templates reach it as {@code #times} ({@link TimesDialect}). Immutable and thread-safe; a missing moment reads "—".
 */
public final class Times {

    /** What a missing moment reads as. */
    public static final String NONE = "—";

    private final ZoneId zone;
    private final DateTimeFormatter minutes;
    private final DateTimeFormatter seconds;
    private final DateTimeFormatter days;

    public Times(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.minutes = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", locale).withZone(zone);
        this.seconds =
                DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", locale).withZone(zone);
        this.days = DateTimeFormatter.ofPattern("d MMM yyyy", locale).withZone(zone);
    }

    /** {@code 30 Nov 2026 14:05}. */
    public String show(@Nullable Instant moment) {
        return moment == null ? NONE : minutes.format(moment);
    }

    /** {@code 30 Nov 2026 14:05:09}, where the seconds matter (checks, the audit log). */
    public String seconds(@Nullable Instant moment) {
        return moment == null ? NONE : seconds.format(moment);
    }

    /** {@code 30 Nov 2026}. */
    public String day(@Nullable Instant moment) {
        return moment == null ? NONE : days.format(moment);
    }

    /** The zone times are shown in, e.g. {@code Europe/Amsterdam}. */
    public String zone() {
        return zone.getId();
    }
}
