/**
 * Intake: reports of URLs arrive (form, API, bulk, mailbox) and are normalised and deduplicated; each new URL is
 * announced ({@link org.takedown.intake.UrlReported}). Others read its reports only through its facade and its two
 * published views ({@code intake_reported_url}, {@code intake_report_note}).
 */
package org.takedown.intake;
