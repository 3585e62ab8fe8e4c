package org.takedown.matching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.takedown.pdq.BatchMatches;

/**
 * Settings of the hash check service.
 *
 * @param maxImagePixels images with more pixels are refused from their header (decompression-bomb guard)
 * @param maxImageSide images wider or taller than this are refused from their header (a decoder buffers whole rows)
 * @param concurrentImages images decoded at the same time at most, in the whole process (bounds memory)
 * @param imageQueue uploads waiting for a decode slot at most; more are answered 429
 * @param followInterval how often each instance applies hash list changes to its index
 * @param usageFlushInterval how often lookup counts are written to the statistics table
 * @param video the limits of one video decode (vPDQ)
 * @param batch the batched PDQ search of large requests
 * @param warmUp the hash check's warm-up before readiness
 * @param labelMemory memory for the labels of indexed entries, so that a match's label needs no query; labels of
 *     entries past it are read from the database (0: all are)
 */
@ConfigurationProperties("takedown.matching")
public record MatchingProperties(
        @DefaultValue("50000000") long maxImagePixels,
        @DefaultValue("30000") int maxImageSide,
        @DefaultValue("2") int concurrentImages,
        @DefaultValue("16") int imageQueue,
        @DefaultValue("250ms") Duration followInterval,
        @DefaultValue("10s") Duration usageFlushInterval,
        @DefaultValue Exchange exchange,
        @DefaultValue Video video,
        @DefaultValue Batch batch,
        @DefaultValue WarmUp warmUp,
        @DefaultValue("1GB") DataSize labelMemory) {

    /**
     * The batched PDQ search (requests with 64 or more PDQ hashes). Each search at a time keeps a work space of 16
     * bytes per candidate: about 420 MB for a pass of 8 192 hashes over 10 M entries, 260 MB over 1 M.
     *
     * @param queriesPerPass PDQ hashes searched together in one pass (1 to 65 536): larger passes read the index once
     *     for more hashes and need a larger work space
     * @param searches batched searches at a time, each with its own work space; 0 means one per processor
     */
    public record Batch(
            @DefaultValue("8192") int queriesPerPass,
            @DefaultValue("0") int searches) {

        public Batch {
            if (queriesPerPass < 1 || queriesPerPass > BatchMatches.MAX_QUERIES_PER_PASS) {
                throw new IllegalArgumentException("takedown.matching.batch.queries-per-pass must be 1 to "
                        + BatchMatches.MAX_QUERIES_PER_PASS + ", not " + queriesPerPass);
            }
            if (searches < 0) {
                throw new IllegalArgumentException(
                        "takedown.matching.batch.searches must be 0 (one per processor) or more, not " + searches);
            }
        }

        /** The number of searches at a time this setting gives on this machine. */
        int searchesHere() {
            return searches > 0 ? searches : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * The limits of one video decode; a video over any of them is refused with the reason.
     *
     * @param maxSide frames wider or taller than this are refused
     * @param maxPixels frames with more pixels are refused (the default is 4K UHD)
     * @param maxLength longer videos are refused
     * @param deadline the most one decode may take, wall-clock
     */
    public record Video(
            @DefaultValue("4096") int maxSide,
            @DefaultValue("8294400") long maxPixels,
            @DefaultValue("4h") Duration maxLength,
            @DefaultValue("2m") Duration deadline) {

        VideoHasher.Limits limits() {
            return new VideoHasher.Limits(maxSide, maxPixels, maxLength.toSeconds(), deadline);
        }
    }

    /**
     * Pulling hash lists from other Takedown instances.
     *
     * @param page entries asked for per request (the source answers at most 10 000)
     * @param timeout the hard deadline of one request
     * @param allowLoopback whether a source may be on loopback (tests only)
     */
    public record Exchange(
            @DefaultValue("10000") int page,
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("false") boolean allowLoopback) {}

    /**
     * The server's warm-up before readiness: single-hash requests to its own hash check API over loopback, so that
     * the JIT has compiled the whole request path (HTTP, security, JSON, the search) before the first client's
     * request. Readiness stays out of service until it ends.
     *
     * @param minEntries warm up only when the lists hold at least this many entries (smaller ones start cold)
     * @param requests requests sent at least
     * @param maxTime the warm-up ends after this long, however far it got
     * @param clients connections sending at once, each waiting for its answer
     */
    public record WarmUp(
            @DefaultValue("1000000") long minEntries,
            @DefaultValue("60000") int requests,
            @DefaultValue("180s") Duration maxTime,
            @DefaultValue("2") int clients) {

        public WarmUp {
            if (requests < 0 || clients < 1) {
                throw new IllegalArgumentException("takedown.matching.warm-up needs requests of 0 or more and at least"
                        + " one client, not " + requests + " and " + clients);
            }
        }
    }
}
