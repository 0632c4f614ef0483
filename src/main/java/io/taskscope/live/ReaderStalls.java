package io.taskscope.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Explains a socket reader that went long without reading: how long, in which part of its round, and what the
 * scheduler says of it meanwhile ({@code /proc/thread-self/schedstat}: time on a CPU, time runnable but waiting
 * for one; filled by {@code sched_info_arrive()}/{@code sched_info_depart()} since 2.6). A reader that waited for a
 * CPU was starved; one that ran was busy in Taskscope; one that did neither was blocked. Read only on the reader's
 * own thread: a baseline once a second, and once more when a stall is seen.
 */
final class ReaderStalls {

    /** A round that comes this much later than the one before is a stall worth telling. */
    static final long STALL_NANOS = 250_000_000L;
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    private long baseRun = -1;
    private long baseWait;
    private long stalls;
    private long stalledNanos;

    /** Takes the scheduler's counts as the baseline for the next stall. */
    void baseline() {
        long[] now = read();
        if (now != null) {
            baseRun = now[0];
            baseWait = now[1];
        }
    }

    /**
     * A round came {@code gapNanos} after the last; returns what to tell, or null when it is no stall.
     *
     * @param slowestPhase the part of the last round that took longest, and {@code phaseNanos} how long
     */
    String seen(long gapNanos, String slowestPhase, long phaseNanos) {
        if (gapNanos < STALL_NANOS) {
            return null;
        }
        stalls++;
        stalledNanos += gapNanos;
        long[] now = read();
        String sched = "";
        if (now != null && baseRun >= 0) {
            sched = String.format(Locale.ROOT, "; since a moment before it the thread ran %.0f ms and waited %.0f ms"
                    + " for a CPU", (now[0] - baseRun) / 1e6, (now[1] - baseWait) / 1e6);
        }
        if (now != null) {
            baseRun = now[0];
            baseWait = now[1];
        }
        return String.format(Locale.ROOT, "the socket reader went %.0f ms without reading (longest part: %s, %.0f ms%s):"
                + " the kernel's buffers had to hold what came meanwhile", gapNanos / 1e6, slowestPhase,
                phaseNanos / 1e6, sched);
    }

    long stalls() {
        return stalls;
    }

    long stalledNanos() {
        return stalledNanos;
    }

    /** {on-CPU ns, run-queue wait ns}, or null where the file is missing (no CONFIG_SCHED_INFO). */
    private static long[] read() {
        try {
            String[] f = ProcFiles.read(SCHEDSTAT).split("\\s+");
            return new long[]{Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
