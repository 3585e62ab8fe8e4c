package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the index load words whether the heap is on transparent huge pages, from the JVM's flag and the kernel. */
class HugePagesTests {

    @Test
    void theFlagGivesThemWhereTheKernelLetsProcessesAsk() {
        assertThat(HugePages.state(true, "always [madvise] never\n")).isEqualTo("on (-XX:+UseTransparentHugePages)");
        assertThat(HugePages.state(false, "always [madvise] never\n"))
                .isEqualTo("off (start with ./takedown, or add -XX:+UseTransparentHugePages)");
    }

    @Test
    void theKernelsModeAlwaysGivesThemWithoutTheFlagAndNeverWithholdsThem() {
        assertThat(HugePages.state(false, "[always] madvise never\n")).isEqualTo("on (the kernel's mode is always)");
        assertThat(HugePages.state(true, "always madvise [never]\n"))
                .isEqualTo("off (-XX:+UseTransparentHugePages, but the kernel offers none)");
        assertThat(HugePages.state(false, "")).isEqualTo("off (the kernel offers none)");
    }

    @Test
    void onlyAnOnStateIsOnAndThisProcessHasOne() {
        assertThat(HugePages.on(HugePages.state(true, "[always] madvise never")))
                .isTrue();
        assertThat(HugePages.on(HugePages.state(true, "always madvise [never]")))
                .isFalse();
        assertThat(HugePages.state()).matches("(on|off) \\(.+\\)");
    }
}
