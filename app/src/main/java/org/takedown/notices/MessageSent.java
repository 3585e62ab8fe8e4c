package org.takedown.notices;

import java.time.Instant;

/**
 * A message queued with {@link Notices#queueMessage} was accepted by the mail server: the sender's proof of delivery.
 *
 * @param reference what the sender queued it for (e.g. {@code decision:12})
 * @param messageId its stable Message-ID
 * @param sentAt when the mail server accepted it
 */
public record MessageSent(String reference, String messageId, String recipient, Instant sentAt) {}
