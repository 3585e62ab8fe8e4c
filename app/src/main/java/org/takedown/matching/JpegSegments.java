package org.takedown.matching;

/**
 * What a walk over a JPEG's segments finds before any decoder sees the file: where the image ends and how many scans
 * it has. Thread-safe (immutable).
 *
 * @param length the bytes up to and including the end-of-image marker; -1 when the file ends or breaks off before
 *     that marker (truncated) or has bytes between its segments that belong to none (damaged). Bytes after the marker
 *     (a phone's second picture, a trailer) are not the image's.
 * @param scans the starts of scan up to the end-of-image marker, or up to where the walk had to stop (the file's
 *     end, a segment length under 2); stray bytes between segments are skipped as decoders skip them. A baseline
 *     JPEG has one scan per component group, a progressive one about ten; each scan makes a progressive decoder pass
 *     over the whole image again, so a small file of many tiny scans costs minutes of decoding (see {@link
 *     ImageHasher#MAX_JPEG_SCANS}).
 */
record JpegSegments(int length, int scans) {

    /** Walks the segments of {@code jpeg}, skipping the compressed data after each start of scan. */
    static JpegSegments of(byte[] jpeg) {
        int n = jpeg.length;
        if (n < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return new JpegSegments(-1, 0);
        }
        int scans = 0;
        boolean damaged = false;
        int at = 2;
        while (at + 1 < n) {
            if ((jpeg[at] & 0xff) != 0xff) {
                // not at a marker: damaged. Decoders skip to the next marker and go on (libjpeg warns of
                // "extraneous bytes"), so the walk does too, and the scans after it still count
                damaged = true;
                at++;
                continue;
            }
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xff) {
                at++; // fill byte
                continue;
            }
            if (marker == 0x00) { // a stuffed 0xff outside compressed data: stray bytes too
                damaged = true;
                at += 2;
                continue;
            }
            if (marker == 0xd9) {
                return new JpegSegments(damaged ? -1 : at + 2, scans);
            }
            if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd7) {
                at += 2; // no length: TEM, restart
                continue;
            }
            if (at + 3 >= n) {
                return new JpegSegments(-1, scans);
            }
            int length = (jpeg[at + 2] & 0xff) << 8 | jpeg[at + 3] & 0xff;
            if (length < 2) {
                return new JpegSegments(-1, scans);
            }
            at += 2 + length;
            if (marker == 0xda) { // start of scan: compressed data up to the next marker but a restart or 0xff00
                scans++;
                while (at + 1 < n
                        && ((jpeg[at] & 0xff) != 0xff
                                || jpeg[at + 1] == 0
                                || (jpeg[at + 1] & 0xff) >= 0xd0 && (jpeg[at + 1] & 0xff) <= 0xd7)) {
                    at++;
                }
            }
        }
        return new JpegSegments(-1, scans);
    }
}
