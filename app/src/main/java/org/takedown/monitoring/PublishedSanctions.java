package org.takedown.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * Where the monitor's report finds the authority's published sanction decisions: implemented by the enforcement
 * module, which comes after the monitor in the chain (without it the report has none).
 */
public interface PublishedSanctions {

    /** The decisions in the public register signed from {@code from} to {@code to} (days included, UTC). */
    List<MonitorReport.Sanction> published(LocalDate from, LocalDate to);
}
