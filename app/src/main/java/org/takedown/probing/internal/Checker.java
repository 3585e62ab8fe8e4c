package org.takedown.probing.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.takedown.matching.ImageRejectedException;
import org.takedown.matching.Images;
import org.takedown.matching.VideoHasher;
import org.takedown.matching.VideoHashes;
import org.takedown.matching.VideoRejectedException;
import org.takedown.pdq.Hash256;
import org.takedown.pdq.PdqHash;
import org.takedown.pdq.Vpdq;
import org.takedown.probing.CheckResult;
import org.takedown.probing.internal.SafeFetcher.Failed;
import org.takedown.probing.internal.SafeFetcher.Fetched;
import org.takedown.probing.internal.SafeFetcher.Outcome;

/**
 * One online check: fetches the URL through the guard, hashes the body in memory (SHA-256, PDQ for images, vPDQ for
 * videos) and compares it with the fingerprint taken at notice time. A re-encoded copy of the same image (PDQ within
 * {@value #SAME_PICTURE} bits) or of the same video (at least {@value #SAME_VIDEO_PERCENT} % of its frames within that
 * distance of the noted video's frames, Meta's vPDQ rule) is still ONLINE; other content is REPLACED. Thread-safe.
 */
final class Checker {

    /** Largest PDQ distance at which two images count as the same picture. */
    static final int SAME_PICTURE = 31;

    /** Share of a video's frames that must match the noted video's for it to count as the same video. */
    static final int SAME_VIDEO_PERCENT = 80;

    /**
     * What the content looked like: SHA-256 of the bytes, for an image its PDQ hash, for a video its vPDQ frames
     * (compact binary form).
     */
    record Fingerprint(byte[] sha256, byte @Nullable [] pdq, byte @Nullable [] vpdq) {}

    /**
     * The outcome of a check.
     *
     * @param seen the fingerprint of what was found online (null when nothing was)
     */
    record Verdict(
            CheckResult result,
            @Nullable Integer httpStatus,
            String detail,
            @Nullable Fingerprint seen) {}

    private final SafeFetcher fetcher;
    private final Images images;

    Checker(SafeFetcher fetcher, Images images) {
        this.fetcher = fetcher;
        this.images = images;
    }

    /** Checks a URL against its fingerprint (null before one was taken: whatever answers counts as ONLINE). */
    Verdict check(String url, @Nullable Fingerprint expected) {
        return fetcher.fetch(url, outcome -> verdict(outcome, expected));
    }

    private Verdict verdict(Outcome outcome, @Nullable Fingerprint expected) {
        if (outcome instanceof Failed failed) {
            return switch (failed.failure()) {
                case NO_SUCH_HOST -> new Verdict(CheckResult.OFFLINE, null, "host not found", null);
                case CONNECTION_REFUSED -> new Verdict(CheckResult.OFFLINE, null, "connection refused", null);
                default -> new Verdict(CheckResult.INCONCLUSIVE, null, failed.failure() + ": " + failed.detail(), null);
            };
        }
        Fetched fetched = (Fetched) outcome;
        int status = fetched.status();
        if (status == 404 || status == 410 || status == 451 || status == 401 || status == 403) {
            return new Verdict(CheckResult.OFFLINE, status, "HTTP " + status, null);
        }
        if (status < 200 || status > 299) {
            return new Verdict(CheckResult.INCONCLUSIVE, status, "HTTP " + status, null);
        }
        byte[] sha256 = sha256(fetched.body());
        if (expected != null && Arrays.equals(expected.sha256(), sha256)) {
            // the same bytes: the same picture, without decoding it again (most checks end here)
            return new Verdict(
                    CheckResult.ONLINE,
                    status,
                    "HTTP " + status,
                    new Fingerprint(sha256, expected.pdq(), expected.vpdq()));
        }
        Fingerprint seen = fingerprint(fetched.body(), sha256);
        if (expected == null || same(expected, seen)) {
            return new Verdict(CheckResult.ONLINE, status, "HTTP " + status, seen);
        }
        return new Verdict(CheckResult.REPLACED, status, "other content (HTTP " + status + ")", seen);
    }

    private Fingerprint fingerprint(byte[] body, byte[] sha256) {
        if (VideoHasher.looksLikeVideo(body)) {
            return videoFingerprint(body, sha256);
        }
        byte[] pdq = null;
        try {
            PdqHash hash = images.pdq(body);
            if (hash.reliable()) {
                pdq = HexFormat.of().parseHex(hash.hash().toHex());
            }
        } catch (ImageRejectedException notAnImage) {
            // not an image (or one refused by the decode limits): the bytes alone identify it
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        return new Fingerprint(sha256, pdq, null);
    }

    private Fingerprint videoFingerprint(byte[] body, byte[] sha256) {
        byte[] vpdq = null;
        try {
            VideoHashes video = images.hashVideo(body);
            if (!video.usableFrames().isEmpty()) {
                vpdq = Vpdq.encode(video.frames());
            }
        } catch (VideoRejectedException refused) {
            // a video the limits refuse: the bytes alone identify it
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        return new Fingerprint(sha256, null, vpdq);
    }

    static boolean same(Fingerprint expected, Fingerprint seen) {
        if (Arrays.equals(expected.sha256(), seen.sha256())) {
            return true;
        }
        if (expected.vpdq() != null && seen.vpdq() != null) {
            return Vpdq.compare(Vpdq.decode(seen.vpdq()), Vpdq.decode(expected.vpdq()), SAME_PICTURE)
                    .matches(SAME_VIDEO_PERCENT, 0);
        }
        if (expected.pdq() == null || seen.pdq() == null) {
            return false;
        }
        Hash256 a = Hash256.fromHex(HexFormat.of().formatHex(expected.pdq()));
        Hash256 b = Hash256.fromHex(HexFormat.of().formatHex(seen.pdq()));
        return a.distance(b) <= SAME_PICTURE;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
