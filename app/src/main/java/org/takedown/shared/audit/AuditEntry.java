package org.takedown.shared.audit;

import java.time.Instant;

/**
 * One entry of the audit log: who did what to which subject, when, with details as a JSON object.
 *
 * @param id position in the log, gapless from 1
 * @param occurredAt when it happened, by the application clock, to the microsecond
 * @param actor who did it, e.g. {@code user:alice}, {@code apikey:7}, {@code cli:root}, {@code system}
 * @param action what was done, dotted, e.g. {@code login.failed}, {@code apikey.created}
 * @param subject what it was done to, e.g. {@code user:alice}
 * @param details JSON object text, as normalised by PostgreSQL's {@code jsonb}
 * @param prevHash hash of the previous entry (64 zeros for the first)
 * @param hash SHA-256 over this entry's fields and {@code prevHash}, hex
 */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String subject,
        String details,
        String prevHash,
        String hash) {}
