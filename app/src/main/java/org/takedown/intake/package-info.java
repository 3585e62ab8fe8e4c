/** Intake and triage: reports of URLs arrive (form, API, bulk, mailbox), are normalised, deduplicated and assessed. */
package org.takedown.intake;
