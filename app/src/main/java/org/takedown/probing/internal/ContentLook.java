package org.takedown.probing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.takedown.matching.HashCheck;
import org.takedown.matching.HashQuery;
import org.takedown.matching.ImageHasher;
import org.takedown.matching.ImageRejectedException;
import org.takedown.matching.Images;
import org.takedown.matching.Match;
import org.takedown.matching.VideoCheck;
import org.takedown.matching.VideoHasher;
import org.takedown.matching.VideoRejectedException;
import org.takedown.probing.internal.SafeFetcher.Failed;
import org.takedown.probing.internal.SafeFetcher.Failure;
import org.takedown.probing.internal.SafeFetcher.Fetched;
import org.takedown.probing.internal.SafeFetcher.Outcome;
import org.takedown.shared.net.HardDeadline;

/**
 * A look at a URL's content without showing it: the body is fetched through the guarded fetcher, hashed in memory
 * (exact hashes of any file, PDQ of images, and the same for up to {@value #MAX_EMBEDDED} images an HTML page embeds)
 * and checked against the enabled hash lists; pages are summed up as text. Nothing fetched is kept. Thread-safe.
 */
final class ContentLook {

    /** Images of a page that are looked at. */
    static final int MAX_EMBEDDED = 10;

    /**
     * What was found.
     *
     * @param summary a text summary (never markup), or null when nothing was fetched
     * @param problem why the content could not be looked at, or null
     * @param best the closest hash-list match, or null
     * @param matchedIn where the best match was found: the URL itself or an image it embeds
     * @param retry whether the problem may pass (timeouts, server errors), so trying later makes sense
     */
    record Look(
            @Nullable String summary,
            @Nullable String problem,
            @Nullable Match best,
            @Nullable String matchedIn,
            boolean retry) {

        /** The proposal text for the workbench, or null without a match. */
        @Nullable
        String proposal() {
            if (best == null) {
                return null;
            }
            return "hash list '" + best.bank() + "' entry " + best.entryId() + " (" + best.type()
                    + (best.type().equals("pdq") ? ", distance " + best.distance() : "")
                    + (best.queryMatchPercent() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", %.0f %% of its frames, %.0f %% of the listed video's",
                                    best.queryMatchPercent(),
                                    best.comparedMatchPercent()))
                    + ")"
                    + (matchedIn == null ? "" : " in embedded image " + matchedIn);
        }
    }

    private final SafeFetcher fetcher;
    private final HashCheck hashes;
    private final Images images;

    ContentLook(SafeFetcher fetcher, HashCheck hashes, Images images) {
        this.fetcher = fetcher;
        this.hashes = hashes;
        this.images = images;
    }

    Look look(String url) {
        return fetcher.fetch(url, this::look);
    }

    private Look look(Outcome outcome) {
        if (outcome instanceof Failed failed) {
            return new Look(null, describe(failed), null, null, passing(failed.failure()));
        }
        Fetched fetched = (Fetched) outcome;
        if (fetched.status() < 200 || fetched.status() > 299) {
            boolean passing = fetched.status() >= 500 || fetched.status() == 429;
            return new Look(null, "HTTP " + fetched.status(), null, null, passing);
        }
        String type = mediaType(fetched.contentType());
        String summary;
        String matchedIn = null;
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            Document page = Jsoup.parse(
                    new String(fetched.body(), charset(fetched.contentType())),
                    fetched.url().toString());
            String title = page.title().strip();
            String text = page.body() == null ? "" : page.body().text();
            summary = (title.isEmpty() ? "(no title)" : title) + " — " + text;
            Match bestEmbedded = null;
            long stopAt = System.nanoTime() + fetcher.deadline().toNanos() * 2; // real time, not the domain clock
            for (String image : images(page)) {
                if (HardDeadline.passed(stopAt)) {
                    summary += " [embedded images not all looked at: the page took too long]";
                    break;
                }
                Match match = best(imageMatches(image));
                if (match != null && (bestEmbedded == null || match.distance() < bestEmbedded.distance())) {
                    bestEmbedded = match;
                    matchedIn = image;
                }
            }
            Match bestExact = best(exact(fetched.body()));
            if (bestExact == null && bestEmbedded != null) {
                return new Look(summary, null, bestEmbedded, matchedIn, false);
            }
            return new Look(summary, null, bestExact, null, false);
        }
        if (VideoHasher.looksLikeVideo(fetched.body())) {
            return video(fetched, type);
        }
        // the check of an image covers its exact digests too; anything else is looked up by its digests alone
        List<Match> found;
        try {
            var image = hashes.checkImage(images.hash(fetched.body()), null, true);
            found = image.matches();
            summary = "image (" + type + "), " + fetched.body().length + " bytes"
                    + (image.pdqReliable() ? "" : "; too plain for a perceptual match");
        } catch (ImageRejectedException e) {
            found = exact(fetched.body());
            summary = (type.isEmpty() ? "unknown type" : type) + ", " + fetched.body().length + " bytes"
                    + (ImageHasher.looksLikeImage(fetched.body()) ? "; image refused: " + e.getMessage() : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Look(null, "stopped before the image was hashed", null, null, true);
        }
        return new Look(summary, null, best(found), null, false);
    }

    /** A video: hashed (vPDQ and digests) and checked; refused ones are looked at by their bytes only. */
    private Look video(Fetched fetched, String type) {
        String summary;
        List<Match> found;
        try {
            VideoCheck video = hashes.checkVideo(images.hashVideo(fetched.body()), null);
            found = video.matches();
            summary = String.format(
                    Locale.ROOT,
                    "video (%s), %d bytes, %.0f seconds, %d frames hashed%s",
                    type.isEmpty() ? "unknown type" : type,
                    fetched.body().length,
                    video.seconds(),
                    video.frames(),
                    video.usableFrames() == 0 ? "; too plain for a perceptual match" : "");
        } catch (VideoRejectedException e) {
            found = exact(fetched.body());
            summary = (type.isEmpty() ? "unknown type" : type) + ", " + fetched.body().length
                    + " bytes; video refused: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Look(null, "stopped before the video was hashed", null, null, true);
        }
        return new Look(summary, null, best(found), null, false);
    }

    private List<Match> imageMatches(String url) {
        return fetcher.fetch(url, this::imageMatches);
    }

    private List<Match> imageMatches(Outcome outcome) {
        if (!(outcome instanceof Fetched fetched) || fetched.status() / 100 != 2) {
            return List.of();
        }
        try {
            return hashes.checkImage(images.hash(fetched.body()), null, true).matches();
        } catch (ImageRejectedException e) {
            return exact(fetched.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private List<Match> exact(byte[] body) {
        List<HashQuery> queries = List.of(
                new HashQuery("md5", digest("MD5", body)),
                new HashQuery("sha1", digest("SHA-1", body)),
                new HashQuery("sha256", digest("SHA-256", body)));
        List<Match> matches = new ArrayList<>();
        hashes.check(queries, null, false).forEach(matches::addAll);
        return matches;
    }

    private static Set<String> images(Document page) {
        Set<String> sources = new LinkedHashSet<>();
        for (Element image : page.select("img[src], a[href~=(?i)\\.(jpe?g|png|gif|webp|bmp)$]")) {
            String absolute = image.hasAttr("src") ? image.absUrl("src") : image.absUrl("href");
            if (absolute.startsWith("http://") || absolute.startsWith("https://")) {
                sources.add(absolute);
            }
            if (sources.size() == MAX_EMBEDDED) {
                break;
            }
        }
        return sources;
    }

    private static @Nullable Match best(List<Match> matches) {
        return matches.stream().min(Comparator.comparingInt(Match::distance)).orElse(null);
    }

    /** Whether a failure may pass, so that looking again later makes sense. */
    private static boolean passing(Failure failure) {
        return failure == Failure.TIMEOUT
                || failure == Failure.BUSY
                || failure == Failure.ERROR
                || failure == Failure.CONNECTION_REFUSED
                || failure == Failure.NO_SUCH_HOST;
    }

    private static String describe(Failed failed) {
        return switch (failed.failure()) {
            case REFUSED_ADDRESS -> "not fetched: " + failed.detail();
            case NO_SUCH_HOST -> "host not found: " + failed.detail();
            case CONNECTION_REFUSED -> "connection refused";
            case TIMEOUT -> "timed out: " + failed.detail();
            case TOO_LARGE -> "too large to look at: " + failed.detail();
            case TOO_MANY_REDIRECTS -> "too many redirects";
            case BUSY -> "not looked at yet: " + failed.detail();
            case BAD_URL -> failed.detail();
            case ERROR -> "failed: " + failed.detail();
        };
    }

    private static String mediaType(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static java.nio.charset.Charset charset(@Nullable String contentType) {
        if (contentType != null) {
            int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                try {
                    return java.nio.charset.Charset.forName(
                            contentType.substring(at + 8).replace("\"", "").strip());
                } catch (IllegalArgumentException unknown) {
                    // fall back to UTF-8
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String digest(String algorithm, byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
