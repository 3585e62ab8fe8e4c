package org.takedown.shared.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Computes an audit entry's hash: SHA-256 over its id, time (epoch microseconds), actor, action, subject, details
 * and the previous entry's hash, each text field length-prefixed so that no two entries can be made to collide by
 * moving characters between fields. Stateless and thread-safe.
 */
final class EntryHasher {

    static final String GENESIS = "0".repeat(64);

    private EntryHasher() {}

    static String hash(
            long id, Instant occurredAt, String actor, String action, String subject, String details, String prevHash) {
        MessageDigest sha256 = sha256();
        ByteBuffer numbers = ByteBuffer.allocate(16);
        numbers.putLong(id).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt));
        sha256.update(numbers.array());
        for (String field : new String[] {actor, action, subject, details, prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
