package org.takedown.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.takedown.pdq.Dihedral;
import org.takedown.pdq.HammingIndex;
import org.takedown.pdq.Hash256;
import org.takedown.pdq.Matches;
import org.takedown.pdq.Vpdq;

/**
 * The in-memory indexes of all hash lists: PDQ hashes in a {@link HammingIndex}, exact digests in an
 * {@link ExactIndex} per type, vPDQ frames in a {@link VideoIndex}, and for every ordinal its entry id and list. Kept
 * up to date by {@link IndexFollower}, the only writer; lookups run concurrently with it. Thread-safe.
 */
@Component
class HashIndexes {

    /** What a lookup needs to know of a hash list. */
    public record BankState(
            long id,
            String name,
            boolean enabled,
            int pdqThreshold,
            double vpdqQueryPercent,
            double vpdqComparedPercent) {}

    /**
     * An entry a lookup found; for a video, the shares of matching frames of the checked video and of the listed one.
     */
    public record Found(
            long entryId,
            long bankId,
            HashType type,
            int distance,
            @Nullable Double queryPercent,
            @Nullable Double comparedPercent) {

        Found(long entryId, long bankId, HashType type, int distance) {
            this(entryId, bankId, type, distance, null, null);
        }
    }

    /** PDQ hashes in one request from which they are searched together: fewer gain nothing from it. */
    static final int BATCH_FROM = 64;

    /** Single look-ups' work spaces kept for reuse at most; more requests at once allocate their own. */
    static final int KEPT_SINGLE_WORK = 64;

    private final HammingIndex pdq = new HammingIndex();
    private final BatchSearches batchSearches;
    /**
     * Work spaces of single look-ups, kept for reuse (up to {@link #KEPT_SINGLE_WORK}): a new one is 32 KB, which was
     * most of what a single-hash request allocated.
     */
    private final BlockingQueue<Matches> singleWork = new ArrayBlockingQueue<>(KEPT_SINGLE_WORK);

    private final Ordinals pdqOrdinals = new Ordinals();
    private final VideoIndex videos = new VideoIndex();
    private final ExactIndex[] exact = {new ExactIndex(2), new ExactIndex(3), new ExactIndex(4)};
    private final Ordinals[] exactOrdinals = {new Ordinals(), new Ordinals(), new Ordinals()};
    private volatile Map<Long, BankState> banks = Map.of();
    private volatile boolean loaded;

    HashIndexes(BatchSearches batchSearches) {
        this.batchSearches = batchSearches;
    }

    /** True once everything in the database at start-up is in memory. */
    public boolean loaded() {
        return loaded;
    }

    void markLoaded() {
        loaded = true;
    }

    void setBanks(List<BankState> states) {
        banks = states.stream().collect(Collectors.toUnmodifiableMap(BankState::id, state -> state));
    }

    /** The hash lists as last read from the database. */
    public Map<Long, BankState> banks() {
        return banks;
    }

    /**
     * The hex value of a stored PDQ or exact hash picked at random (removed ones included), or null when there is
     * none of that type.
     */
    @Nullable
    String someStored(HashType type, java.util.random.RandomGenerator random) {
        if (type == HashType.PDQ) {
            int ordinals = pdq.ordinals();
            return ordinals == 0 ? null : pdq.hash(random.nextInt(ordinals)).toHex();
        }
        ExactIndex index = exact[type.ordinal()];
        int ordinals = index.size();
        if (ordinals == 0) {
            return null;
        }
        StringBuilder hex = new StringBuilder();
        for (long word : index.value(random.nextInt(ordinals))) {
            hex.append(String.format("%016x", word));
        }
        return hex.substring(0, 2 * type.bytes);
    }

    /** Number of entries in memory per type: live ones for PDQ; for the others, disabled ones included. */
    public long size(HashType type) {
        return switch (type) {
            case PDQ -> pdq.size();
            case VPDQ -> videos.videos();
            default -> exact[type.ordinal()].size();
        };
    }

    /** Adds an entry. Called by the single writer only. */
    void add(long entryId, long bankId, HashType type, byte[] value) {
        if (type == HashType.VPDQ) {
            videos.add(entryId, bankId, Vpdq.decode(value));
            return;
        }
        long[] words = words(value);
        if (type == HashType.PDQ) {
            pdqOrdinals.put(pdq.ordinals(), entryId, bankId);
            pdq.add(words[0], words[1], words[2], words[3]);
        } else {
            ExactIndex index = exact[type.ordinal()];
            exactOrdinals[type.ordinal()].put(index.size(), entryId, bankId);
            index.add(words, 0);
        }
    }

    /**
     * Merges the PDQ entries added one by one since the last merge into fewer segments ({@link
     * HammingIndex#mergeRecent}); returns the parts merged. Called by the single writer only, once additions paused.
     */
    int mergeRecent() {
        return pdq.mergeRecent();
    }

    /** Adds many PDQ entries at once (start-up load). Called by the single writer only. */
    void addPdq(long[] entryIds, long[] bankIds, long[] hashWords, int count) {
        int first = pdq.ordinals();
        pdqOrdinals.reserve(first + count);
        for (int i = 0; i < count; i++) {
            pdqOrdinals.put(first + i, entryIds[i], bankIds[i]);
        }
        pdq.addAll(hashWords, count);
    }

    /** Stops an entry from matching. Called by the single writer only. */
    void disable(long entryId, HashType type, byte[] value) {
        if (type == HashType.VPDQ) {
            videos.disable(entryId);
            return;
        }
        long[] words = words(value);
        if (type == HashType.PDQ) {
            Matches matches = new Matches(4);
            pdq.query(words[0], words[1], words[2], words[3], 0, matches);
            for (int i = 0; i < matches.size(); i++) {
                if (pdqOrdinals.entryId(matches.ordinal(i)) == entryId) {
                    pdq.remove(matches.ordinal(i));
                }
            }
        } else {
            int t = type.ordinal();
            // collect first: removing takes the write lock, which cannot be had while reading
            List<Integer> holding = new java.util.ArrayList<>(1);
            exact[t].all(words, 0, ordinal -> {
                if (exactOrdinals[t].entryId(ordinal) == entryId) {
                    holding.add(ordinal);
                }
            });
            holding.forEach(exact[t]::remove);
        }
    }

    /**
     * Finds the entries of enabled lists (of {@code onlyBanks} when not null) matching a hash: equal for exact types,
     * within the list's threshold for PDQ, also for the eight rotations and mirror images when {@code dihedral}
     * (the smallest distance counts).
     */
    public void lookup(
            HashType type,
            byte[] value,
            @Nullable Set<Long> onlyBanks,
            boolean dihedral,
            Matches work,
            Consumer<Found> found) {
        Map<Long, BankState> current = banks;
        if (type == HashType.VPDQ) {
            lookupVideo(Vpdq.decode(value), current, onlyBanks, found);
            return;
        }
        long[] words = words(value);
        if (type != HashType.PDQ) {
            int t = type.ordinal();
            Ordinals ordinals = exactOrdinals[t];
            exact[t].lookup(words, 0, ordinal -> {
                long bank = ordinals.bankId(ordinal);
                if (eligible(current.get(bank), onlyBanks)) {
                    found.accept(new Found(ordinals.entryId(ordinal), bank, type, 0));
                }
            });
            return;
        }
        int radius = radius(current, onlyBanks);
        if (radius < 0) {
            return;
        }
        Map<Long, Found> best = dihedral ? new java.util.HashMap<>() : null;
        for (Hash256 q : variants(Hash256.ofWords(words[0], words[1], words[2], words[3]), dihedral)) {
            pdq.query(q, radius, work);
            for (int i = 0; i < work.size(); i++) {
                accept(work.ordinal(i), work.distance(i), current, onlyBanks, best, found);
            }
        }
        if (best != null) {
            best.values().forEach(found);
        }
    }

    /**
     * Looks up each hash as {@link #lookup} does; returns the entries found for each, in the order given. When there
     * are at least {@link #BATCH_FROM} PDQ hashes, they are searched together ({@link HammingIndex#queryAll}), with at
     * most one batched search per processor at a time; requests that wait for one share a pass ({@link BatchSearches}).
     */
    public List<List<Found>> lookupAll(
            List<HashType> types, List<byte[]> values, @Nullable Set<Long> onlyBanks, boolean dihedral) {
        boolean together = types.stream().filter(type -> type == HashType.PDQ).count() >= BATCH_FROM;
        List<List<Found>> found = new ArrayList<>(types.size());
        Matches work = singleWork.poll();
        if (work == null) {
            work = new Matches(64);
        }
        try {
            for (int i = 0; i < types.size(); i++) {
                List<Found> matches = new ArrayList<>(1);
                found.add(matches);
                if (!together || types.get(i) != HashType.PDQ) {
                    lookup(types.get(i), values.get(i), onlyBanks, dihedral, work, matches::add);
                }
            }
        } finally {
            singleWork.offer(work);
        }
        if (together) {
            lookupPdqTogether(types, values, onlyBanks, dihedral, found);
        }
        return found;
    }

    private void lookupPdqTogether(
            List<HashType> types,
            List<byte[]> values,
            @Nullable Set<Long> onlyBanks,
            boolean dihedral,
            List<List<Found>> found) {
        Map<Long, BankState> current = banks;
        int radius = radius(current, onlyBanks);
        if (radius < 0) {
            return;
        }
        int[] hashOf = new int[(dihedral ? 8 : 1) * types.size()];
        long[] queries = new long[4 * hashOf.length];
        int count = 0;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == HashType.PDQ) {
                long[] words = words(values.get(i));
                for (Hash256 variant : variants(Hash256.ofWords(words[0], words[1], words[2], words[3]), dihedral)) {
                    variant.copyWords(queries, 4 * count);
                    hashOf[count++] = i;
                }
            }
        }
        int queryCount = count;
        batchSearches.search(pdq, queries, queryCount, radius, (out, first) -> {
            Map<Long, Found> best = dihedral ? new java.util.HashMap<>() : null;
            for (int q = 0; q < queryCount; q++) {
                List<Found> matches = found.get(hashOf[q]);
                for (int m = out.from(first + q); m < out.to(first + q); m++) {
                    accept(out.ordinal(m), out.distance(m), current, onlyBanks, best, matches::add);
                }
                if (best != null && (q + 1 == queryCount || hashOf[q + 1] != hashOf[q])) {
                    matches.addAll(best.values());
                    best.clear();
                }
            }
        });
    }

    /** Compiles the batched search and grows its work spaces before the first request (see {@link BatchSearches}). */
    long warmUpBatches() {
        return batchSearches.warmUp(pdq, Banks.DEFAULT_PDQ_THRESHOLD);
    }

    /** The query itself, or its distinct rotations and mirror images. */
    private static Hash256[] variants(Hash256 query, boolean dihedral) {
        return dihedral
                ? Arrays.stream(Dihedral.values())
                        .map(d -> d.apply(query))
                        .distinct()
                        .toArray(Hash256[]::new)
                : new Hash256[] {query};
    }

    /**
     * Reports a PDQ entry found at {@code distance} if its list takes part and has that threshold; with {@code best}
     * (rotations and mirror images searched), keeps only the smallest distance per entry there instead.
     */
    private void accept(
            int ordinal,
            int distance,
            Map<Long, BankState> current,
            @Nullable Set<Long> onlyBanks,
            @Nullable Map<Long, Found> best,
            Consumer<Found> found) {
        long bankId = pdqOrdinals.bankId(ordinal);
        BankState bank = current.get(bankId);
        if (eligible(bank, onlyBanks) && distance <= bank.pdqThreshold()) {
            Found match = new Found(pdqOrdinals.entryId(ordinal), bankId, HashType.PDQ, distance);
            if (best == null) {
                found.accept(match);
            } else {
                best.merge(match.entryId(), match, (a, b) -> a.distance() <= b.distance() ? a : b);
            }
        }
    }

    private void lookupVideo(
            List<Vpdq.Frame> query,
            Map<Long, BankState> current,
            @Nullable Set<Long> onlyBanks,
            Consumer<Found> found) {
        int radius = radius(current, onlyBanks);
        videos.lookup(
                query,
                new VideoIndex.Thresholds() {
                    @Override
                    public int frameDistance(long bankId) {
                        BankState bank = current.get(bankId);
                        return eligible(bank, onlyBanks) ? bank.pdqThreshold() : -1;
                    }

                    @Override
                    public boolean matches(long bankId, Vpdq.Comparison comparison) {
                        BankState bank = current.get(bankId);
                        return comparison.matches(bank.vpdqQueryPercent(), bank.vpdqComparedPercent());
                    }
                },
                radius,
                video -> found.accept(new Found(
                        video.entryId(),
                        video.bankId(),
                        HashType.VPDQ,
                        video.closest(),
                        video.queryPercent(),
                        video.comparedPercent())));
    }

    /** The largest PDQ threshold of the lists taking part, or -1 when none does. */
    private static int radius(Map<Long, BankState> current, @Nullable Set<Long> onlyBanks) {
        int radius = -1;
        for (BankState bank : current.values()) {
            if (eligible(bank, onlyBanks)) {
                radius = Math.max(radius, bank.pdqThreshold());
            }
        }
        return radius;
    }

    private static boolean eligible(@Nullable BankState bank, @Nullable Set<Long> onlyBanks) {
        return bank != null && bank.enabled() && (onlyBanks == null || onlyBanks.contains(bank.id()));
    }

    /** A hash value as big-endian longs (the last one zero-padded). */
    static long[] words(byte[] value) {
        long[] words = new long[(value.length + 7) / 8];
        for (int i = 0; i < value.length; i++) {
            words[i >> 3] |= (value[i] & 0xffL) << (56 - 8 * (i & 7));
        }
        return words;
    }
}
