package org.takedown.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hash256Tests {

    @Test
    void hexRoundTripsInReferenceWordOrder() {
        String hex = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
        Hash256 hash = Hash256.fromHex(hex.toUpperCase());
        assertThat(hash.toHex()).isEqualTo(hex);
        assertThat(hash.word(0)).isEqualTo(0xf8f8f0cee0f4a84fL);
        assertThat(hash.word(3)).isEqualTo(0x33e6b39c4e9c9b22L);
    }

    @Test
    void distanceMatchesBigIntegerReference() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            Hash256 a = random(random);
            Hash256 b = random(random);
            int expected = new BigInteger(a.toHex(), 16)
                    .xor(new BigInteger(b.toHex(), 16))
                    .bitCount();
            assertThat(a.distance(b)).isEqualTo(expected);
            assertThat(a.distance(a)).isZero();
        }
    }

    @Test
    void refusesBadHexWithPosition() {
        assertThatThrownBy(() -> Hash256.fromHex("abc")).hasMessageContaining("64 hex digits");
        String bad = "0".repeat(10) + "x" + "0".repeat(53);
        assertThatThrownBy(() -> Hash256.fromHex(bad)).hasMessageContaining("position 11");
    }

    @Test
    void equalityFollowsValue() {
        Hash256 a = Hash256.ofWords(1, 2, 3, 4);
        assertThat(a).isEqualTo(Hash256.fromHex(a.toHex())).hasSameHashCodeAs(Hash256.fromHex(a.toHex()));
        assertThat(a).isNotEqualTo(Hash256.ofWords(1, 2, 3, 5));
    }

    static Hash256 random(Random random) {
        return Hash256.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }
}
