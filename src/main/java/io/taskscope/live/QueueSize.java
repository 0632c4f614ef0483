package io.taskscope.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How big the live collector's queue may grow. The default, {@value #DEFAULT_MIB} MiB, holds about 430 000 exit
 * datagrams (616 bytes each with the entry header): over 4 s at the fastest storm measured on the project's 2-vCPU
 * VM (~100 000 exits/s), 2 s at twice that. It is only taken while the decoder is behind (1 MiB chunks, handed back
 * when read), and it is capped at an eighth of the machine's memory ({@value #MEMORY_SHARE_DIVISOR} being the
 * divisor), whatever is asked for.
 */
public final class QueueSize {
    private QueueSize() {
    }

    public static final int DEFAULT_MIB = 256;
    public static final int MEMORY_SHARE_DIVISOR = 8;

    /** The default bound, capped. */
    public static long defaultBytes() {
        return capped((long) DEFAULT_MIB << 20);
    }

    /** The most any queue may take: MemTotal / {@value #MEMORY_SHARE_DIVISOR}. */
    public static long maxBytes() {
        return memTotalBytes() / MEMORY_SHARE_DIVISOR;
    }

    /** {@code bytes}, cut to {@link #maxBytes()} and raised to the smallest queue there is. */
    public static long capped(long bytes) {
        return Math.max(DatagramQueue.MIN_CAPACITY, Math.min(bytes, maxBytes()));
    }

    static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory(); // not Linux, or no /proc: the JVM's own bound is a fair stand-in
    }
}
