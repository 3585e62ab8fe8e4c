package org.takedown.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.takedown.pdq.Vpdq.Frame;

class VpdqTests {

    private static final String A = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";
    private static final String B = "c0f11178372c6aaccddea259648fbfd62f434c89c9e99b249772be216c8d055c";

    @Test
    void readsMetasTextHmasJsonAndCompactLinesAlike() {
        List<Frame> meta = Vpdq.parse("0,100," + A + ",0.000\n25,98," + B + ",1.000\n");
        List<Frame> hma = Vpdq.parse("[\"" + A + ",100,0.000\", \"" + B + ",98,1.000\"]");
        List<Frame> compact = Vpdq.parse(A + ",100,0;" + B + ",98,1");
        assertThat(meta).extracting(Frame::hash).containsExactly(Hash256.fromHex(A), Hash256.fromHex(B));
        assertThat(meta).extracting(Frame::number).containsExactly(0, 25);
        assertThat(hma)
                .extracting(Frame::hash)
                .isEqualTo(meta.stream().map(Frame::hash).toList());
        assertThat(hma).extracting(Frame::quality).containsExactly(100, 98);
        assertThat(compact).extracting(Frame::seconds).containsExactly(0.0, 1.0);
    }

    @Test
    void writesWhatItReads() {
        List<Frame> frames = randomVideo(new Random(1), 30);
        assertThat(Vpdq.parse(Vpdq.toText(frames))).isEqualTo(frames);
        assertThat(Vpdq.decode(Vpdq.encode(frames))).isEqualTo(frames);
        assertThat(Vpdq.parse(Vpdq.toJson(frames)))
                .extracting(Frame::hash)
                .isEqualTo(frames.stream().map(Frame::hash).toList());
        assertThat(Vpdq.toText(frames.subList(0, 1))).matches("0,\\d+,[0-9a-f]{64},0\\.000\n");
    }

    @Test
    void namesTheFrameThatIsWrong() {
        assertThatThrownBy(() -> Vpdq.parse("0,100," + A + ",0\n1,100,xyz,1"))
                .hasMessageContaining("vPDQ frame 2")
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> Vpdq.parse("0,101," + A + ",0")).hasMessageContaining("quality 0..100");
        assertThatThrownBy(() -> Vpdq.parse("0,ten," + A + ",0")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Vpdq.parse("0,1")).hasMessageContaining("3 (pdq,quality,seconds)");
        assertThatThrownBy(() -> Vpdq.parse(" \n ")).hasMessageContaining("at least one frame");
        assertThatThrownBy(() -> Vpdq.parse("[\"" + A + ",100,0\" 1]")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> Vpdq.decode(new byte[40])).hasMessageContaining("not a vPDQ hash");
    }

    @Test
    void comparesBothWaysWithMetasRules() {
        Random random = new Random(7);
        List<Frame> listed = randomVideo(random, 10);
        // the first half of the listed video, each frame a few bits off, plus two frames of something else
        List<Frame> clip = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Frame frame = listed.get(i);
            clip.add(new Frame(i, 90, flip(frame.hash(), random, 10), i));
        }
        clip.add(new Frame(5, 90, random(random), 5));
        clip.add(new Frame(6, 90, random(random), 6));
        Vpdq.Comparison comparison = Vpdq.compare(clip, listed, 31);
        assertThat(comparison.queryPercent()).isCloseTo(100.0 * 5 / 7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(comparison.comparedPercent()).isEqualTo(50.0);
        assertThat(comparison.closest()).isEqualTo(10);
        assertThat(comparison.matches(Vpdq.DEFAULT_QUERY_PERCENT, Vpdq.DEFAULT_COMPARED_PERCENT))
                .isFalse();
        assertThat(comparison.matches(70, 50)).isTrue();
        assertThat(Vpdq.compare(listed.subList(0, 5), listed, 31).matches(80, 0))
                .isTrue();
    }

    @Test
    void leavesOutPlainFramesAndRepeatedHashes() {
        Hash256 a = Hash256.fromHex(A);
        List<Frame> frames =
                List.of(new Frame(0, 100, a, 0), new Frame(1, 100, a, 1), new Frame(2, 49, Hash256.fromHex(B), 2));
        assertThat(Vpdq.usable(frames)).extracting(Frame::number).containsExactly(0);
        Vpdq.Comparison none = Vpdq.compare(List.of(frames.get(2)), frames, 31);
        assertThat(none.closest()).isEqualTo(-1);
        assertThat(none.matches(0, 0)).isFalse();
    }

    static List<Frame> randomVideo(Random random, int seconds) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            frames.add(new Frame(i * 25, 50 + random.nextInt(51), random(random), i));
        }
        return frames;
    }

    static Hash256 random(Random random) {
        return Hash256.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static Hash256 flip(Hash256 hash, Random random, int bits) {
        long[] words = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
        java.util.Set<Integer> done = new java.util.HashSet<>();
        while (done.size() < bits) {
            int bit = random.nextInt(256);
            if (done.add(bit)) {
                words[bit >> 6] ^= 1L << (bit & 63);
            }
        }
        return Hash256.ofWords(words[0], words[1], words[2], words[3]);
    }
}
