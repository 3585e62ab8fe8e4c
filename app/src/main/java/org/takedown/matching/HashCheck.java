package org.takedown.matching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.errors.ServiceUnavailableException;
import org.takedown.shared.errors.TooLargeException;

/**
 * The hash check service: checks hashes, or an image's hashes, against the enabled hash lists. Only hashes are kept;
 * an image is hashed in memory and dropped. Lookups are counted per caller (metrics) and per list (statistics), and
 * every match goes into the audit log (in batches, see {@link MatchAuditor}). Thread-safe.
 */
@Service
public class HashCheck {

    /** Most hashes checked in one request. */
    public static final int MAX_HASHES = 10_000;

    /** Most vPDQ frames checked in one request (a little over 13 hours of video). */
    public static final int MAX_FRAMES = 50_000;

    private final HashIndexes indexes;
    private final LabelReader labelReader;
    private final UsageRecorder usage;
    private final MatchAuditor auditor;
    private final MeterRegistry meters;
    /**
     * Each caller's lookup and match counters, registered once: looked up in the registry per request, they were a
     * third of a single-hash request's allocation (a meter id with its tags, every time).
     */
    private final Map<String, CallerCounters> counters = new ConcurrentHashMap<>();

    private final Images images;
    /** Time of the index searches and of the labels' query of one request (the rest of it is HTTP and JSON). */
    private final Timer searchTime;

    private final Timer labelsTime;

    HashCheck(
            HashIndexes indexes,
            LabelReader labelReader,
            UsageRecorder usage,
            MatchAuditor auditor,
            MeterRegistry meters,
            Images images) {
        this.indexes = indexes;
        this.labelReader = labelReader;
        this.usage = usage;
        this.auditor = auditor;
        this.meters = meters;
        this.images = images;
        this.searchTime = Timer.builder("takedown.hashcheck.search")
                .description("Index searches of one hash check request")
                .publishPercentileHistogram()
                .register(meters);
        this.labelsTime = Timer.builder("takedown.hashcheck.labels")
                .description("Waiting for and reading the labels of one hash check request's matches")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Checks each hash; returns, in the order given, the matches of each.
     *
     * @param bankNames lists to check against (null or empty: all enabled lists)
     * @param dihedral also match rotated and mirrored copies (PDQ only)
     */
    public List<List<Match>> check(List<HashQuery> hashes, @Nullable List<String> bankNames, boolean dihedral) {
        if (hashes.size() > MAX_HASHES) {
            throw new TooLargeException(
                    "at most " + MAX_HASHES + " hashes per request, not " + hashes.size() + "; split the batch");
        }
        List<HashType> types = new ArrayList<>(hashes.size());
        List<byte[]> values = new ArrayList<>(hashes.size());
        long frames = 0;
        for (int i = 0; i < hashes.size(); i++) {
            HashQuery query = hashes.get(i);
            if (query == null || query.type() == null || query.value() == null) {
                throw new InvalidRequestException("hashes[" + i + "]: needs a type and a value");
            }
            try {
                HashType type = HashType.parse(query.type());
                types.add(type);
                values.add(type.decode(query.value()));
                frames += type == HashType.VPDQ ? values.getLast().length / org.takedown.pdq.Vpdq.FRAME_BYTES : 0;
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("hashes[" + i + "]: " + e.getMessage());
            }
        }
        if (frames > MAX_FRAMES) {
            throw new TooLargeException(
                    "at most " + MAX_FRAMES + " vPDQ frames per request, not " + frames + "; split the batch");
        }
        Set<Long> only = banks(bankNames);
        long started = System.nanoTime();
        List<List<HashIndexes.Found>> found = indexes.lookupAll(types, values, only, dihedral);
        searchTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return report(found, only, types, values);
    }

    /** The entries in memory per hash type, or an empty map while the index is still loading. */
    public java.util.Map<HashType, Long> indexSizes() {
        java.util.Map<HashType, Long> sizes = new java.util.EnumMap<>(HashType.class);
        if (indexes.loaded()) {
            for (HashType type : HashType.values()) {
                sizes.put(type, indexes.size(type));
            }
        }
        return sizes;
    }

    /**
     * Hashes an uploaded image in memory and checks its hashes. A PDQ hash of low quality is reported but not matched.
     *
     * @throws ImageRejectedException when the bytes are not an image that can be hashed
     * @throws org.takedown.shared.errors.TooBusyException when too many uploads wait for a decode slot
     */
    public ImageCheck checkImage(byte[] image, @Nullable List<String> bankNames, boolean dihedral) {
        return checkImage(images.hashUpload(image), bankNames, dihedral);
    }

    /** Checks the hashes of an image hashed already (through {@link Images}). */
    public ImageCheck checkImage(ImageHashes hashes, @Nullable List<String> bankNames, boolean dihedral) {
        List<HashQuery> queries = exact(hashes.md5(), hashes.sha1(), hashes.sha256());
        boolean reliable = hashes.pdq().reliable();
        if (reliable) {
            queries.add(new HashQuery("pdq", hashes.pdq().hash().toHex()));
        }
        List<Match> matches = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        addNew(check(queries, bankNames, false), seen, matches);
        if (reliable && dihedral) {
            // the image is at hand: the exact hashes of its rotations and mirror images
            List<HashQuery> variants = hashes.dihedral().entrySet().stream()
                    .filter(variant -> variant.getKey() != org.takedown.pdq.Dihedral.ORIGINAL)
                    .map(variant ->
                            new HashQuery("pdq", variant.getValue().hash().toHex()))
                    .distinct()
                    .toList();
            addNew(check(variants, bankNames, false), seen, matches);
        }
        return new ImageCheck(
                hashes.pdq().hash().toHex(),
                hashes.pdq().quality(),
                reliable,
                reliable
                        ? null
                        : "the PDQ hash has quality " + hashes.pdq().quality() + " (below "
                                + org.takedown.pdq.PdqHash.MIN_RELIABLE_QUALITY
                                + "): the picture is too flat or too small to be matched perceptually; only the exact"
                                + " hashes (MD5, SHA-1, SHA-256) were checked",
                hashes.md5(),
                hashes.sha1(),
                hashes.sha256(),
                matches);
    }

    /** The queries of a file's exact digests, to which a perceptual hash may be added. */
    private static List<HashQuery> exact(String md5, String sha1, String sha256) {
        List<HashQuery> queries = new ArrayList<>(4);
        queries.add(new HashQuery("md5", md5));
        queries.add(new HashQuery("sha1", sha1));
        queries.add(new HashQuery("sha256", sha256));
        return queries;
    }

    /** Adds each entry's first match to {@code into}, once per entry over several checks ({@code seen}). */
    private static void addNew(List<List<Match>> results, Set<Long> seen, List<Match> into) {
        for (List<Match> list : results) {
            for (Match match : list) {
                if (seen.add(match.entryId())) {
                    into.add(match);
                }
            }
        }
    }

    /** A checked hash as the audit log keeps it: the hex value, or for a video its frame count and digest. */
    private static String audited(HashType type, byte[] value) {
        return type == HashType.VPDQ
                ? value.length / org.takedown.pdq.Vpdq.FRAME_BYTES + " frames, sha256 "
                        + ImageHasher.digest("SHA-256", value)
                : type.format(value);
    }

    /**
     * Hashes an uploaded video in memory (vPDQ and the file's digests) and checks its hashes; the video is dropped.
     *
     * @throws VideoRejectedException when the bytes are not a video that can be hashed
     * @throws org.takedown.shared.errors.TooBusyException when too many uploads wait for a decode slot
     */
    public VideoCheck checkVideo(byte[] video, @Nullable List<String> bankNames) {
        return checkVideo(images.hashVideoUpload(video), bankNames);
    }

    /** Checks the hashes of a video hashed already (through {@link Images}). */
    public VideoCheck checkVideo(VideoHashes hashes, @Nullable List<String> bankNames) {
        List<HashQuery> queries = exact(hashes.md5(), hashes.sha1(), hashes.sha256());
        String vpdq = org.takedown.pdq.Vpdq.toJson(hashes.frames());
        int usable = hashes.usableFrames().size();
        if (usable > 0) {
            queries.add(new HashQuery("vpdq", vpdq));
        }
        List<Match> matches = new ArrayList<>();
        addNew(check(queries, bankNames, false), new HashSet<>(), matches);
        return new VideoCheck(
                vpdq,
                hashes.frames().size(),
                usable,
                hashes.seconds(),
                hashes.md5(),
                hashes.sha1(),
                hashes.sha256(),
                matches);
    }

    private @Nullable Set<Long> banks(@Nullable List<String> names) {
        if (!indexes.loaded()) {
            throw new ServiceUnavailableException("the hash lists are still being loaded; retry in a moment");
        }
        if (names == null || names.isEmpty()) {
            return null;
        }
        Map<String, Long> byName = new HashMap<>();
        indexes.banks().values().forEach(bank -> byName.put(bank.name(), bank.id()));
        Set<Long> ids = new HashSet<>();
        for (String name : names) {
            Long id = byName.get(name);
            if (id == null) {
                throw new NotFoundException("no hash list named '" + name + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    private List<List<Match>> report(
            List<List<HashIndexes.Found>> found, @Nullable Set<Long> only, List<HashType> types, List<byte[]> values) {
        String actor = Actors.current();
        // the server's own warm-up is not a caller: its lookups are neither audited nor counted, yet they take the
        // same path as a caller's, so that the JIT compiles that path: the auditor drops its matches, the usage
        // gets zeros, and its counters are never published
        boolean counting = !actor.equals(HashCheckWarmUp.ACTOR);
        Set<Long> entryIds = new HashSet<>();
        found.forEach(list -> list.forEach(f -> entryIds.add(f.entryId())));
        long started = System.nanoTime();
        Map<Long, String> labels = labelReader.labels(entryIds);
        if (!entryIds.isEmpty()) {
            labelsTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        Map<Long, HashIndexes.BankState> banks = indexes.banks();
        List<List<Match>> results = new ArrayList<>(found.size());
        Map<Long, long[]> perBank = new HashMap<>();
        long matchCount = 0;
        for (int i = 0; i < found.size(); i++) {
            List<Match> matches = new ArrayList<>(found.get(i).size());
            String checked = found.get(i).isEmpty() ? null : audited(types.get(i), values.get(i));
            for (HashIndexes.Found f : found.get(i)) {
                HashIndexes.BankState bank = banks.get(f.bankId());
                String bankName = bank == null ? "?" : bank.name();
                matches.add(new Match(
                        bankName,
                        f.entryId(),
                        f.type().id(),
                        f.distance(),
                        labels.get(f.entryId()),
                        f.queryPercent(),
                        f.comparedPercent()));
                perBank.computeIfAbsent(f.bankId(), id -> new long[1])[0]++;
                matchCount++;
                auditor.matched(actor, f.type().id(), checked, bankName, f.entryId(), f.distance());
            }
            results.add(matches);
        }
        for (HashIndexes.BankState bank : banks.values()) {
            if (bank.enabled() && (only == null || only.contains(bank.id()))) {
                long[] matched = perBank.get(bank.id());
                long matches = matched == null ? 0 : matched[0];
                usage.add(bank.id(), counting ? found.size() : 0, counting ? matches : 0);
            }
        }
        CallerCounters counted = counters.computeIfAbsent(actor, caller -> counters(caller, counting));
        counted.lookups().increment(found.size());
        counted.matches().increment(matchCount);
        return results;
    }

    /** A caller's counters; the warm-up's are taken out of the registry at once, so they are never published. */
    private CallerCounters counters(String caller, boolean published) {
        CallerCounters made = new CallerCounters(
                meters.counter("takedown.hashcheck.lookups", "caller", caller),
                meters.counter("takedown.hashcheck.matches", "caller", caller));
        if (!published) {
            meters.remove(made.lookups());
            meters.remove(made.matches());
        }
        return made;
    }

    /** Drops a caller's counters kept for reuse: the warm-up's, once it ended. */
    void forgetCaller(String actor) {
        counters.remove(actor);
    }

    private record CallerCounters(Counter lookups, Counter matches) {}
}
