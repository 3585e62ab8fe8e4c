package org.takedown.matching;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the heap, and so the index, is on transparent huge pages: a look-up in an index of millions of hashes reads
 * memory all over gigabytes, and with pages of 4 KB it waits for the processor's address translation far more often
 * (at 10 M + 10 M entries and 1 000 look-ups a second, p99 54–62 ms without them against 16–20 ms with them). The
 * launcher turns them on where the kernel offers them; the index load says whether they are on.
 */
final class HugePages {

    private static final Path KERNEL_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    private HugePages() {}

    /** This process's state, as {@link #state(boolean, String)} words it. */
    static String state() {
        boolean flag = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseTransparentHugePages")
                .getValue());
        String mode;
        try {
            mode = Files.readString(KERNEL_MODE);
        } catch (IOException | SecurityException e) {
            mode = "";
        }
        return state(flag, mode);
    }

    /**
     * "on" or "off", and why: the JVM's {@code UseTransparentHugePages}, or the kernel's mode (the contents of
     * {@code /sys/kernel/mm/transparent_hugepage/enabled}, the chosen one in brackets; "always" gives them to every
     * process).
     */
    static String state(boolean flag, String kernelMode) {
        if (kernelMode.contains("[always]")) {
            return "on (the kernel's mode is always)";
        }
        if (flag && kernelMode.contains("[madvise]")) {
            return "on (-XX:+UseTransparentHugePages)";
        }
        if (flag) {
            return "off (-XX:+UseTransparentHugePages, but the kernel offers none)";
        }
        return kernelMode.contains("[madvise]")
                ? "off (start with ./takedown, or add -XX:+UseTransparentHugePages)"
                : "off (the kernel offers none)";
    }

    /** True when {@link #state(boolean, String)} said "on". */
    static boolean on(String state) {
        return state.startsWith("on ");
    }
}
