/**
 * Triage: the analysts' workbench, downstream of what it shows. Each reported URL waits here with the facts
 * attribution and the first look found (fed by their events), is assessed (four eyes where its source asks), and
 * {@link org.takedown.triage.UrlAssessed} sends it on to notices and the monitor.
 */
@org.jspecify.annotations.NullMarked
package org.takedown.triage;
