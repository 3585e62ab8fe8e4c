package org.takedown.pdq;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * vPDQ, Meta's video hash: the PDQ hash of one frame per second, each with its quality and time, and the rule by which
 * two videos match. Reads and writes the hash in Meta's text format ({@code frame,quality,pdq,seconds} per line, as
 * {@code vpdq-hash-video} writes it), in HMA's form (a JSON array of {@code "pdq,quality,seconds"} strings) and in a
 * compact binary form for storage (41 bytes a frame). Stateless and thread-safe; no method accepts or returns null.
 */
public final class Vpdq {

    /** Frames of lower quality are left out of matching (Meta's default quality tolerance). */
    public static final int MIN_QUALITY = PdqHash.MIN_RELIABLE_QUALITY;

    /** Meta's default share of the query's frames that must match, in per cent. */
    public static final double DEFAULT_QUERY_PERCENT = 80.0;

    /** Meta's default share of the listed video's frames that must match, in per cent. */
    public static final double DEFAULT_COMPARED_PERCENT = 0.0;

    /** Most frames a hash may have: four hours at one frame a second. */
    public static final int MAX_FRAMES = 4 * 3600;

    /** Bytes a frame takes in the binary form. */
    public static final int FRAME_BYTES = 32 + 1 + 4 + 4;

    private Vpdq() {}

    /**
     * One hashed frame.
     *
     * @param number the frame's number in the decoded video, from 0
     * @param quality the PDQ quality, 0 to 100
     * @param hash the frame's PDQ hash
     * @param seconds when the frame is shown, in seconds from the start
     */
    public record Frame(int number, int quality, Hash256 hash, double seconds) {

        /** Checks the ranges. */
        public Frame {
            if (number < 0 || quality < 0 || quality > 100 || !(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("a frame needs a number >= 0, a quality 0..100 and a time >= 0");
            }
        }
    }

    /**
     * How much of two videos matched.
     *
     * @param queryPercent share of the query's usable frames that have a frame of the other video within the distance
     * @param comparedPercent share of the other video's usable frames that have a frame of the query within it
     * @param closest the smallest frame distance seen, or -1 when no frame matched
     */
    public record Comparison(double queryPercent, double comparedPercent, int closest) {

        /** True when both shares reach their thresholds. */
        public boolean matches(double queryThreshold, double comparedThreshold) {
            return closest >= 0 && queryPercent >= queryThreshold && comparedPercent >= comparedThreshold;
        }
    }

    /**
     * The frames that take part in matching: quality at least {@link #MIN_QUALITY}, each distinct hash once (the first
     * frame that has it), in the order given.
     */
    public static List<Frame> usable(List<Frame> frames) {
        Map<Hash256, Frame> distinct = new LinkedHashMap<>();
        for (Frame frame : frames) {
            if (frame.quality() >= MIN_QUALITY) {
                distinct.putIfAbsent(frame.hash(), frame);
            }
        }
        return List.copyOf(distinct.values());
    }

    /**
     * Compares two videos frame by frame, every pair (the reference the index is tested against): a frame matches when
     * a usable frame of the other video is within {@code maxDistance} bits.
     */
    public static Comparison compare(List<Frame> query, List<Frame> compared, int maxDistance) {
        List<Frame> q = usable(query);
        List<Frame> c = usable(compared);
        if (q.isEmpty() || c.isEmpty()) {
            return new Comparison(0, 0, -1);
        }
        boolean[] comparedHit = new boolean[c.size()];
        int queryHits = 0;
        int closest = -1;
        for (Frame a : q) {
            boolean hit = false;
            for (int j = 0; j < c.size(); j++) {
                int distance = a.hash().distance(c.get(j).hash());
                if (distance <= maxDistance) {
                    hit = true;
                    comparedHit[j] = true;
                    closest = closest < 0 ? distance : Math.min(closest, distance);
                }
            }
            queryHits += hit ? 1 : 0;
        }
        int comparedHits = 0;
        for (boolean hit : comparedHit) {
            comparedHits += hit ? 1 : 0;
        }
        return new Comparison(percent(queryHits, q.size()), percent(comparedHits, c.size()), closest);
    }

    /** {@code part} of {@code whole} in per cent. */
    public static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /**
     * Reads a vPDQ hash in any of the forms in use: Meta's text ({@code frame,quality,pdq,seconds} per line), HMA's
     * JSON array of {@code "pdq,quality,seconds"} strings, or lines of {@code pdq,quality,seconds}. Lines may also be
     * separated by semicolons; blank ones are skipped.
     *
     * @throws IllegalArgumentException naming the frame that is wrong and why, or when there is no frame or more than
     *     {@link #MAX_FRAMES}
     */
    public static List<Frame> parse(String text) {
        String trimmed = text.strip();
        List<String> items = trimmed.startsWith("[") ? jsonStrings(trimmed) : List.of(trimmed.split("[;\\r\\n]+"));
        List<Frame> frames = new ArrayList<>();
        for (String item : items) {
            String line = item.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (frames.size() == MAX_FRAMES) {
                throw new IllegalArgumentException("a vPDQ hash has at most " + MAX_FRAMES + " frames");
            }
            frames.add(frame(line, frames.size()));
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a vPDQ hash needs at least one frame");
        }
        return List.copyOf(frames);
    }

    private static Frame frame(String line, int index) {
        String[] fields = line.split(",");
        try {
            if (fields.length == 4) {
                return new Frame(
                        Integer.parseInt(fields[0].strip()),
                        Integer.parseInt(fields[1].strip()),
                        Hash256.fromHex(fields[2].strip()),
                        Double.parseDouble(fields[3].strip()));
            }
            if (fields.length == 3) {
                return new Frame(
                        index,
                        Integer.parseInt(fields[1].strip()),
                        Hash256.fromHex(fields[0].strip()),
                        Double.parseDouble(fields[2].strip()));
            }
            throw new IllegalArgumentException("it has " + fields.length + " fields, not 4 (frame,quality,pdq,seconds)"
                    + " or 3 (pdq,quality,seconds)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vPDQ frame " + (index + 1) + " ('" + shorten(line) + "'): "
                    + (e instanceof NumberFormatException ? "not a number: " : "") + e.getMessage());
        }
    }

    /** The strings of a JSON array of strings without escapes (HMA's form); anything else is refused. */
    private static List<String> jsonStrings(String json) {
        if (!json.endsWith("]")) {
            throw new IllegalArgumentException("a vPDQ hash in JSON is an array of strings: it does not end with ']'");
        }
        List<String> strings = new ArrayList<>();
        int at = 1;
        int end = json.length() - 1;
        while (true) {
            while (at < end && Character.isWhitespace(json.charAt(at))) {
                at++;
            }
            if (at == end) {
                return strings;
            }
            if (json.charAt(at) != '"') {
                throw new IllegalArgumentException(
                        "a vPDQ hash in JSON is an array of strings: expected '\"' at" + " character " + (at + 1));
            }
            int close = json.indexOf('"', at + 1);
            if (close < 0 || close > end) {
                throw new IllegalArgumentException("a vPDQ hash in JSON has an unterminated string");
            }
            strings.add(json.substring(at + 1, close));
            at = close + 1;
            while (at < end && Character.isWhitespace(json.charAt(at))) {
                at++;
            }
            if (at < end && json.charAt(at) != ',') {
                throw new IllegalArgumentException("a vPDQ hash in JSON: expected ',' at character " + (at + 1));
            }
            at = at < end ? at + 1 : at;
        }
    }

    /** Meta's text form: {@code frame,quality,pdq,seconds} per line, seconds with three decimals. */
    public static String toText(List<Frame> frames) {
        StringBuilder text = new StringBuilder(frames.size() * 80);
        for (Frame frame : frames) {
            text.append(frame.number())
                    .append(',')
                    .append(frame.quality())
                    .append(',')
                    .append(frame.hash().toHex())
                    .append(',')
                    .append(seconds(frame.seconds()))
                    .append('\n');
        }
        return text.toString();
    }

    /** HMA's form: a JSON array of {@code "pdq,quality,seconds"} strings (the value of a vPDQ signal). */
    public static String toJson(List<Frame> frames) {
        StringBuilder json = new StringBuilder(frames.size() * 80).append('[');
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            json.append(i == 0 ? "\"" : ", \"")
                    .append(frame.hash().toHex())
                    .append(',')
                    .append(frame.quality())
                    .append(',')
                    .append(seconds(frame.seconds()))
                    .append('"');
        }
        return json.append(']').toString();
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /**
     * The compact binary form: per frame the 32 hash bytes, the quality byte, the time in milliseconds and the frame
     * number (ints).
     */
    public static byte[] encode(List<Frame> frames) {
        ByteBuffer bytes = ByteBuffer.allocate(frames.size() * FRAME_BYTES);
        for (Frame frame : frames) {
            for (int w = 0; w < 4; w++) {
                bytes.putLong(frame.hash().word(w));
            }
            bytes.put((byte) frame.quality());
            bytes.putInt((int) Math.min(Integer.MAX_VALUE, Math.round(frame.seconds() * 1000)));
            bytes.putInt(frame.number());
        }
        return bytes.array();
    }

    /**
     * Reads the binary form.
     *
     * @throws IllegalArgumentException when the length is not a whole number of frames
     */
    public static List<Frame> decode(byte[] encoded) {
        if (encoded.length % FRAME_BYTES != 0) {
            throw new IllegalArgumentException("not a vPDQ hash: " + encoded.length + " bytes");
        }
        ByteBuffer bytes = ByteBuffer.wrap(encoded);
        List<Frame> frames = new ArrayList<>(encoded.length / FRAME_BYTES);
        while (bytes.hasRemaining()) {
            Hash256 hash = Hash256.ofWords(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
            int quality = bytes.get() & 0xff;
            double seconds = bytes.getInt() / 1000.0;
            frames.add(new Frame(bytes.getInt(), quality, hash, seconds));
        }
        return frames;
    }

    private static String shorten(String line) {
        return line.length() <= 100 ? line : line.substring(0, 100) + "…";
    }
}
