package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.pdq.Matches;
import org.takedown.shared.documents.LineFile;
import org.takedown.support.IntegrationTest;

/** After a restart the index is rebuilt from PostgreSQL: a fresh index is empty and not ready until it has loaded. */
@IntegrationTest
class IndexFollowerIntegrationTests {

    @Autowired
    Banks banks;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BankStore store;

    @Autowired
    HashCheckWarmUp warmUp;

    @Test
    void aFreshIndexLoadsEverythingFromTheDatabase() throws Exception {
        String name = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        long bank = banks.create(name, "police", null, null).id();
        String pdq = "f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22";
        String csv = "pdq," + pdq + ",p\nmd5," + "2".repeat(32) + ",m\nsha1," + "3".repeat(40) + ",s\n";
        banks.importEntries(
                name,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                LineFile.Format.CSV,
                null,
                lines -> {});
        long disabled = banks.search(HashType.SHA1, "3".repeat(40)).getFirst().id();
        banks.disableEntry(disabled);

        // its search threads end with the test
        try (BatchSearches searches = new BatchSearches(
                new MatchingProperties.Batch(org.takedown.pdq.BatchMatches.DEFAULT_QUERIES_PER_PASS, 0))) {
            HashIndexes restarted = new HashIndexes(searches);
            HashIndexHealth readiness = new HashIndexHealth(restarted, warmUp);
            assertThat(restarted.loaded()).isFalse();
            assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            EntryLabels labels = new EntryLabels(16 << 20);
            new IndexFollower(jdbc, restarted, labels).follow();
            assertThat(restarted.loaded()).isTrue();
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);

            assertThat(found(restarted, bank, HashType.PDQ, pdq)).hasSize(1);
            assertThat(found(restarted, bank, HashType.MD5, "2".repeat(32))).hasSize(1);
            assertThat(found(restarted, bank, HashType.SHA1, "3".repeat(40))).isEmpty();
            // the labels came with the entries: a match's label needs no query
            long pdqEntry = found(restarted, bank, HashType.PDQ, pdq).getFirst().entryId();
            long md5Entry = found(restarted, bank, HashType.MD5, "2".repeat(32))
                    .getFirst()
                    .entryId();
            java.util.Map<Long, String> held = new java.util.HashMap<>();
            assertThat(labels.read(java.util.Set.of(pdqEntry, md5Entry), held)).isEmpty();
            assertThat(held).containsOnly(java.util.Map.entry(pdqEntry, "p"), java.util.Map.entry(md5Entry, "m"));
            // and they are the database's, which serves them when none are held
            try (LabelReader fromDatabase = new LabelReader(store::labels, new EntryLabels(0))) {
                assertThat(fromDatabase.labels(java.util.Set.of(pdqEntry, md5Entry)))
                        .isEqualTo(held);
            }
            // what the warm-up checks to take the path of a match: stored values (other tests' entries too)
            restarted.add(Long.MAX_VALUE, bank, HashType.SHA1, HexFormat.of().parseHex("4".repeat(40)));
            java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            for (HashType type : List.of(HashType.PDQ, HashType.MD5, HashType.SHA1)) {
                String stored = restarted.someStored(type, random);
                assertThat(stored).as(type.id()).hasSize(2 * type.bytes);
                Long inDatabase = jdbc.queryForObject(
                        "SELECT count(*) FROM hash_entry WHERE type = ? AND value = ?",
                        Long.class,
                        type.id(),
                        HexFormat.of().parseHex(stored));
                assertThat(stored.equals("4".repeat(40)) || inDatabase != null && inDatabase > 0)
                        .as(type.id() + " " + stored + " is stored")
                        .isTrue();
            }
            HashIndexes empty = new HashIndexes(searches);
            assertThat(empty.someStored(HashType.PDQ, random)).isNull();
            assertThat(empty.someStored(HashType.SHA256, random)).isNull();
        }
    }

    @Test
    void entriesAddedOneByOneAreMergedOnceTheyStopArriving() throws Exception {
        String name = "merge-" + UUID.randomUUID().toString().substring(0, 8);
        long bank = banks.create(name, "police", null, null).id();
        try (BatchSearches searches = new BatchSearches(
                new MatchingProperties.Batch(org.takedown.pdq.BatchMatches.DEFAULT_QUERIES_PER_PASS, 0))) {
            // two servers' indexes: one follows on, the other shows what there was to merge
            HashIndexes indexes = new HashIndexes(searches);
            HashIndexes other = new HashIndexes(searches);
            EntryLabels labels = new EntryLabels(16 << 20);
            IndexFollower follower = new IndexFollower(jdbc, indexes, labels);
            IndexFollower otherFollower = new IndexFollower(jdbc, other, new EntryLabels(0));
            follower.follow(); // the start-up load
            otherFollower.follow();

            // an import arrives after the load: its PDQ entries are added one by one, seven tails' worth and more
            List<String> hashes = importRandomPdq(name, 7 * 4096 + 123);
            follower.follow();
            otherFollower.follow();
            long last = found(indexes, bank, HashType.PDQ, hashes.getLast())
                    .getFirst()
                    .entryId();
            java.util.Map<Long, String> held = new java.util.HashMap<>();
            labels.read(java.util.Set.of(last), held);
            assertThat(held).containsEntry(last, "n" + (hashes.size() - 1));
            assertThat(other.mergeRecent())
                    .as("the additions left parts to merge")
                    .isGreaterThanOrEqualTo(2);

            // the next follow finds nothing new and merges them: nothing is left to merge
            follower.follow();
            assertThat(indexes.mergeRecent()).isZero();
            for (int i : new int[] {0, 4096, hashes.size() - 1}) {
                assertThat(found(indexes, bank, HashType.PDQ, hashes.get(i))).hasSize(1);
            }
        }
    }

    /** Imports {@code count} random PDQ hashes labelled n0, n1, ... into a list; returns them as hex. */
    private List<String> importRandomPdq(String bankName, int count) {
        java.util.Random random = new java.util.Random(5);
        StringBuilder csv = new StringBuilder();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[32];
            random.nextBytes(value);
            hashes.add(HexFormat.of().formatHex(value));
            csv.append("pdq,").append(hashes.getLast()).append(",n").append(i).append('\n');
        }
        banks.importEntries(
                bankName,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                LineFile.Format.CSV,
                null,
                lines -> {});
        return hashes;
    }

    static List<HashIndexes.Found> found(HashIndexes indexes, long bank, HashType type, String hex) {
        List<HashIndexes.Found> found = new ArrayList<>();
        indexes.lookup(type, HexFormat.of().parseHex(hex), java.util.Set.of(bank), false, new Matches(4), found::add);
        return found;
    }
}
