package org.takedown.matching;

import java.util.HexFormat;
import java.util.Locale;

/** The kinds of hash a hash list holds: exact digests of a file's bytes, and PDQ for the picture itself. */
public enum HashType {
    MD5(16),
    SHA1(20),
    SHA256(32),
    PDQ(32);

    /** Length of the hash in bytes. */
    public final int bytes;

    HashType(int bytes) {
        this.bytes = bytes;
    }

    /** The lower-case name used in the API, files and database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a type name in any case. */
    public static HashType parse(String name) {
        for (HashType type : values()) {
            if (type.id().equalsIgnoreCase(name.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown type '" + name + "'; types are md5, sha1, sha256 and pdq");
    }

    /**
     * Decodes a hash value from hex (either case, surrounding spaces ignored).
     *
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    public byte[] decode(String hex) {
        String value = hex.strip();
        if (value.length() != 2 * bytes) {
            throw new IllegalArgumentException(
                    "a " + id() + " value has " + 2 * bytes + " hex digits, not " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit at position " + (i + 1) + " of the " + id()
                        + " value: '" + value.charAt(i) + "'");
            }
        }
        return HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
    }
}
