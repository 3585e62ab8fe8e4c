package org.takedown.matching;

import java.util.HexFormat;
import java.util.Locale;
import org.takedown.pdq.Vpdq;

/**
 * The kinds of hash a hash list holds: exact digests of a file's bytes, PDQ for a picture, and vPDQ for a video (a PDQ
 * hash a second, so of no fixed length).
 */
public enum HashType {
    MD5(16),
    SHA1(20),
    SHA256(32),
    PDQ(32),
    VPDQ(0);

    /** Length of the hash in bytes; 0 for vPDQ, whose length depends on the video. */
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
        throw new IllegalArgumentException("unknown type '" + name + "'; types are md5, sha1, sha256, pdq and vpdq");
    }

    /**
     * Decodes a hash value from its text: hex (either case, surrounding spaces ignored), or for vPDQ the frames in any
     * form {@link Vpdq#parse} reads, stored in its binary form.
     *
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    public byte[] decode(String text) {
        if (this == VPDQ) {
            return Vpdq.encode(Vpdq.parse(text));
        }
        String value = text.strip();
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

    /**
     * The type of an HMA signal type name ({@code video_md5} is HMA's MD5 of a file; Takedown's own names are read
     * too).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static HashType fromHma(String signalType) {
        return signalType.strip().equalsIgnoreCase("video_md5") ? MD5 : parse(signalType);
    }

    /**
     * The text of a stored value: lower-case hex, or for vPDQ Meta's text form (a line per frame), which keeps every
     * field, so a value read back is the same value (HMA's one-line form drops the frame numbers).
     */
    public String format(byte[] value) {
        return this == VPDQ
                ? Vpdq.toText(Vpdq.decode(value)).strip()
                : HexFormat.of().formatHex(value);
    }

    /** The text of a stored value in HMA's form: hex, or for vPDQ a JSON array of "pdq,quality,seconds" strings. */
    public String formatForHma(byte[] value) {
        return this == VPDQ ? Vpdq.toJson(Vpdq.decode(value)) : HexFormat.of().formatHex(value);
    }
}
