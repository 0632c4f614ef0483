package io.taskscope.live;

import io.taskscope.source.LossEvent;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The socket reader's accounts, per CPU: exits queued, exits dropped by Taskscope's queue, exits the kernel dropped,
 * overflow episodes; and the LOSS entries that tell the dispatcher, in order with the records (kept back while the
 * queue is full, written as soon as it has room). Used by the reader thread only; {@link #counters} may be read from
 * any thread.
 * <p>
 * How the kernel's drops are counted. {@code netlink_overrun()} counts every message that found a socket's queue
 * full ({@code sk_drops}), reports ENOBUFS once and sets NETLINK_S_CONGESTED: from that first drop nothing is queued
 * until the queue has emptied ({@code netlink_rcv_wake()}). So once the reader, after an ENOBUFS, has read the socket
 * empty, the episode's drops are all done:
 * <ul>
 *   <li>{@link LiveCollector.LossCounting#SOCKET_COUNTER} (where the kernel has SO_MEMINFO, Linux 4.12+) reads the
 *       socket's drop counter right then: exact at once, whatever the CPU does next. A sequence gap only prompts a
 *       read; the gap itself is not counted, so a message numbered out of turn (a task that migrated between
 *       {@code taskstats_exit()} picking the listener list and {@code prepare_reply()} taking the number, or a
 *       later message sent first on a preemptible kernel) costs nothing.</li>
 *   <li>{@link LiveCollector.LossCounting#SENTINEL} counts the sequence gaps after an overflow (a step taken with
 *       none since is out of turn: {@link SequenceTracker}). What was read after the ENOBUFS until the socket was
 *       empty was queued before the drops and cannot show their gap; the first exit read after that was queued
 *       after them and must. If none comes (the burst ended, the CPU stays quiet), a sentinel exit is made there
 *       ({@link Sentinels}).</li>
 * </ul>
 */
final class LossLedger {

    /** Per CPU, where its socket stands after an overflow. */
    private static final byte CLEAN = 0;
    /** ENOBUFS seen; still reading what was queued before the drops. */
    private static final byte OVERFLOWED = 1;
    /** Read to empty since: the next exit reveals the drops (sentinel counting only). */
    private static final byte DRAINED = 2;

    /** How long a CPU must have been quiet after an unrevealed overflow before a sentinel is made. */
    static final long QUIET_NANOS = 250_000_000L;
    private static final long SENTINEL_RETRY_NANOS = 1_000_000_000L;

    private final DatagramQueue queue;
    private final Sentinels sentinels;
    private final int cpuCount;
    private final SequenceTracker sequences;
    private final CpuSocket[] sockets;

    private final byte[] overflow;
    /** When each CPU's socket was last read empty after an overflow (sentinel counting). */
    private final long[] drainedNanos;
    private int unrevealed;
    private final long[] lastExitNanos;
    private final long[] sentinelAskedNanos;
    private boolean revealNow;

    // losses not yet written to the queue (it was full), per CPU, by cause
    private final long[] pendingGap;
    private final long[] pendingQueue;
    private final long[] pendingDrops;
    private final int[] pendingOverflows;
    private final long[] pendingSince;
    private boolean anyPending;

    // single writer (the reader): lazySet(get + n)
    private final AtomicLongArray exits;
    private final AtomicLongArray kernelLost;
    private final AtomicLongArray queueDropped;
    private final AtomicLongArray overflows;

    LossLedger(DatagramQueue queue, Sentinels sentinels, int cpuCount) {
        this.queue = queue;
        this.sentinels = sentinels;
        this.cpuCount = cpuCount;
        this.sequences = new SequenceTracker(cpuCount, this::confirmed);
        this.sockets = new CpuSocket[cpuCount];
        overflow = new byte[cpuCount];
        drainedNanos = new long[cpuCount];
        lastExitNanos = new long[cpuCount];
        sentinelAskedNanos = new long[cpuCount];
        pendingGap = new long[cpuCount];
        pendingQueue = new long[cpuCount];
        pendingDrops = new long[cpuCount];
        pendingOverflows = new int[cpuCount];
        pendingSince = new long[cpuCount];
        exits = new AtomicLongArray(cpuCount);
        kernelLost = new AtomicLongArray(cpuCount);
        queueDropped = new AtomicLongArray(cpuCount);
        overflows = new AtomicLongArray(cpuCount);
    }

    /** A socket for its CPU was opened: its numbers and counts start afresh. */
    void opened(CpuSocket s) {
        sockets[s.cpu] = s;
        sequences.reset(s.cpu);
    }

    /** An exit message numbered {@code seq} was read from {@code s}'s CPU. */
    void exitRead(CpuSocket s, boolean queued, long seq, long nanos) {
        int cpu = s.cpu;
        lastExitNanos[cpu] = System.nanoTime();
        if (queued) {
            add(exits, cpu, 1);
        } else {
            add(queueDropped, cpu, 1);
            pendingQueue[cpu]++;
            pend(cpu, nanos);
        }
        sequences.observe(cpu, seq, overflow[cpu] != CLEAN, !s.countsByCounter, nanos);
        if (s.countsByCounter) {
            if (sequences.lastStep() > 0) {
                settle(s, nanos); // a step says something may have been dropped; the counter says how much
            }
            return;
        }
        // The first exit queued after the drops shows them all; but one numbered before them and sent late (out
        // of turn) can come first and show nothing. So steps are counted for a window after the drain, and the
        // overflow is revealed only by an exit ahead of every number seen that comes after that window.
        if (overflow[cpu] == DRAINED && !sequences.lastBehind()
                && nanos - drainedNanos[cpu] >= SequenceTracker.WINDOW_NANOS) {
            clean(cpu);
        }
    }

    /** Sequence numbers confirmed lost (sentinel counting). */
    private void confirmed(int cpu, long records, long nanos) {
        CpuSocket s = sockets[cpu];
        if (s != null) {
            s.counted += records;
        }
        kernelLost(cpu, records, LossEvent.Cause.SEQUENCE_GAP, nanos);
    }

    /** Once a round: skipped numbers whose window has passed are confirmed lost. */
    void tick(long nanos) {
        if (sequences.holding()) {
            sequences.expire(nanos, false);
        }
    }

    /** recv said ENOBUFS: the socket's queue overflowed (one report per episode). */
    void overflowed(CpuSocket s) {
        int cpu = s.cpu;
        add(overflows, cpu, 1);
        if (overflow[cpu] == CLEAN) {
            unrevealed++;
            sentinelAskedNanos[cpu] = 0;
        }
        overflow[cpu] = OVERFLOWED;
        long nanos = WallClock.nowNanos();
        if (!queue.loss(cpu, nanos, 0, LossEvent.Cause.ENOBUFS.ordinal())) {
            pendingOverflows[cpu]++;
            pend(cpu, nanos);
        }
    }

    /** The socket was read until it had nothing more (EAGAIN): an overflow episode, if any, is over. */
    void drained(CpuSocket s) {
        int cpu = s.cpu;
        if (overflow[cpu] != OVERFLOWED) {
            return;
        }
        if (s.countsByCounter) {
            settle(s, WallClock.nowNanos());
            clean(cpu);
        } else {
            overflow[cpu] = DRAINED;
            drainedNanos[cpu] = WallClock.nowNanos();
        }
    }

    /**
     * Counts what the socket's drop counter says was dropped and is not counted yet ({@code sk_drops} since the
     * socket was opened, a u32 in the kernel). Returns false where the kernel does not tell.
     */
    boolean settle(CpuSocket s, long nanos) {
        long dropped = s.dropsSinceOpen();
        if (dropped < 0) {
            return false;
        }
        long missing = dropped - s.counted;
        if (missing > 0) {
            s.counted += missing;
            kernelLost(s.cpu, missing, LossEvent.Cause.SOCKET_DROPS, nanos);
        }
        return true;
    }

    /**
     * The socket is going away (stop, or its CPU went offline): numbers still held are confirmed lost, then its
     * drop counter settles what no number showed (where the kernel has one).
     */
    void closing(CpuSocket s) {
        sequences.reset(s.cpu);
        settle(s, WallClock.nowNanos());
        if (overflow[s.cpu] != CLEAN) {
            clean(s.cpu);
        }
        if (sockets[s.cpu] == s) {
            sockets[s.cpu] = null;
        }
    }

    private void clean(int cpu) {
        overflow[cpu] = CLEAN;
        unrevealed--;
    }

    private void kernelLost(int cpu, long records, LossEvent.Cause cause, long nanos) {
        add(kernelLost, cpu, records);
        if (!queue.loss(cpu, nanos, records, cause.ordinal())) {
            if (cause == LossEvent.Cause.SEQUENCE_GAP) {
                pendingGap[cpu] += records;
            } else {
                pendingDrops[cpu] += records;
            }
            pend(cpu, nanos);
        }
    }

    /** Overflows not revealed yet (sentinel counting). */
    boolean anyUnrevealed() {
        return unrevealed > 0;
    }

    /** Sentinels on every unrevealed CPU at the next round, quiet or not (on demand, and at stop). */
    void revealNow() {
        revealNow = true;
    }

    /** Asks for a sentinel exit on each CPU read empty after an overflow and quiet since (or any, when revealing). */
    void askForSentinels(long now) {
        boolean force = revealNow;
        revealNow = false;
        if (unrevealed == 0) {
            return;
        }
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            if (overflow[cpu] == DRAINED && (force || now - lastExitNanos[cpu] >= QUIET_NANOS)
                    && (sentinelAskedNanos[cpu] == 0 || now - sentinelAskedNanos[cpu] >= SENTINEL_RETRY_NANOS)) {
                sentinelAskedNanos[cpu] = now;
                sentinels.request(cpu);
            }
        }
    }

    private void pend(int cpu, long nanos) {
        if (pendingSince[cpu] == 0) {
            pendingSince[cpu] = nanos;
        }
        anyPending = true;
    }

    boolean anyPending() {
        return anyPending;
    }

    /** Writes the counts of what was dropped while the queue was full, as far as it has room. */
    void flushPending() {
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            if (pendingSince[cpu] == 0) {
                continue;
            }
            long t = pendingSince[cpu];
            if (!flush(cpu, t, pendingGap, LossEvent.Cause.SEQUENCE_GAP)
                    || !flush(cpu, t, pendingDrops, LossEvent.Cause.SOCKET_DROPS)
                    || !flush(cpu, t, pendingQueue, LossEvent.Cause.QUEUE)) {
                return;
            }
            while (pendingOverflows[cpu] > 0) {
                if (!queue.loss(cpu, t, 0, LossEvent.Cause.ENOBUFS.ordinal())) {
                    return;
                }
                pendingOverflows[cpu]--;
            }
            pendingSince[cpu] = 0;
        }
        anyPending = false;
    }

    private boolean flush(int cpu, long nanos, long[] pending, LossEvent.Cause cause) {
        if (pending[cpu] == 0) {
            return true;
        }
        if (!queue.loss(cpu, nanos, pending[cpu], cause.ordinal())) {
            return false;
        }
        pending[cpu] = 0;
        return true;
    }

    /** What could not be written at all (the consumer never made room), for a last word to the user. */
    String unwritten() {
        long gaps = 0;
        long queued = 0;
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            gaps += pendingGap[cpu] + pendingDrops[cpu];
            queued += pendingQueue[cpu];
        }
        return gaps + " lost in the kernel and " + queued + " in Taskscope's queue";
    }

    /** The counts of one CPU, as they are now. */
    record CpuCounters(long exits, long kernelLost, long queueDropped, long overflows) {
    }

    CpuCounters counters(int cpu) {
        return new CpuCounters(exits.get(cpu), kernelLost.get(cpu), queueDropped.get(cpu), overflows.get(cpu));
    }

    private static void add(AtomicLongArray counts, int cpu, long n) {
        counts.lazySet(cpu, counts.get(cpu) + n);
    }
}
