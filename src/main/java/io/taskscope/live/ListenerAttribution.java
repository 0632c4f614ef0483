package io.taskscope.live;

import io.taskscope.core.CpuSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Places each record a registered listener's socket received on the CPU it exited on, and counts, per listener and
 * CPU, what the kernel sent it and what it got. The kernel sends one message to every listener of the exit's CPU
 * ({@code send_cpu_listeners()}: the same skb, cloned), numbered by that CPU's counter ({@code prepare_reply()}:
 * {@code this_cpu_inc_return(taskstats_seqnum) - 1}). So the per-CPU reference socket of CPU c got the same message with
 * the same {@code nlmsg_seq} and pid: a listener's (seq, pid) found among CPU c's recent references is CPU c's.
 * <p>
 * A listener is on a CPU for intervals: from a registration of it to a deregistration (a mask edit, or the stop).
 * Each bound is a mark in the queue, written once the reader has read what the CPUs' references held at that moment,
 * so what a reference got between a listener's marks was sent to it. What it was sent on c is what c's reference
 * received within its intervals; its loss on c is that minus what it got of them. A copy numbered outside every
 * interval was sent in the moment of an edit (between the kernel's change and the mark) and is counted apart, neither
 * expected nor lost. A reference that itself lost a message leaves the listener's copy unplaced: counted as unknown,
 * not guessed.
 * <p>
 * Runs on the dispatcher thread; the reader thread plans each edit (before writing its mark). Bounds: per CPU a ring
 * of the last {@code ringSize} references (a listener's copy can trail its reference by at most what the listener's
 * buffer holds); per listener at most {@link #MAX_PENDING} copies awaiting their reference (read a moment before it):
 * beyond that they count as unknown; per listener and CPU the last {@link #INTERVALS_KEPT} intervals.
 */
final class ListenerAttribution {

    /** Copies a listener may have waiting for their reference. */
    static final int MAX_PENDING = 65_536;
    /** Intervals kept per listener and CPU: a copy from an older one cannot still be in a socket. */
    static final int INTERVALS_KEPT = 8;
    /** A waiting copy is given up (unknown) once this many references have arrived on its CPUs since it came. */
    private static final long PATIENCE = 4_096;
    private static final long EMPTY = -1L;

    private final int cpuCount;
    private int ringMask;
    private final long[][] rings; // per CPU, lazily: (seq << 32 | pid) at seq & ringMask
    private final long[][] ordinals; // per CPU, beside its ring: the reference's referenceTotal once it had come
    private final long[] referenceTotal; // per CPU: references received
    private final boolean[] referenceSeen;
    private final int[] lastReferenceSeq;
    private final List<Counts> listeners = new ArrayList<>();
    private long referencesSeen;

    /** A stretch of one CPU's references sent to a listener: numbered after {@code fromSeq}, up to {@code toSeq}. */
    private static final class Interval {
        /** False: from the CPU's first reference on (none had come when it began). */
        final boolean bounded;
        final int fromSeq;
        final long referencesAtStart;
        boolean open = true;
        /** False when it closed before its CPU's reference had anything (so it holds nothing). */
        boolean hasEnd;
        int toSeq;

        Interval(boolean bounded, int fromSeq, long referencesAtStart) {
            this.bounded = bounded;
            this.fromSeq = fromSeq;
            this.referencesAtStart = referencesAtStart;
        }

        boolean holds(int seq) {
            boolean after = !bounded || seq - fromSeq > 0;
            return after && (open || (hasEnd && seq - toSeq <= 0));
        }
    }

    /** A mask edit waiting for its mark: the CPUs it registered and those it deregistered. */
    private record Change(CpuSet added, CpuSet removed) {
    }

    /** One listener's figures, per CPU. */
    private static final class Counts {
        String name;
        /** Every CPU it has been registered on: its copies are looked for there. */
        CpuSet ever = CpuSet.empty();
        CpuSet now = CpuSet.empty();
        final ArrayDeque<Change> planned = new ArrayDeque<>();
        @SuppressWarnings("unchecked")
        final ArrayDeque<Interval>[] intervals;
        /** Per CPU: references in intervals that have closed. */
        final long[] sentInClosed;
        final long[] received;
        /** Per CPU: the ordinal of the latest reference of its open interval whose copy it got (FIFO: those before
         *  it that it did not get were dropped, not still on their way). */
        final long[] settledOrdinal;
        boolean finished;
        final ArrayDeque<long[]> pending = new ArrayDeque<>();
        long unknown;
        long outsideIntervals;

        @SuppressWarnings("unchecked")
        Counts(int cpuCount) {
            this.intervals = new ArrayDeque[cpuCount];
            this.sentInClosed = new long[cpuCount];
            this.received = new long[cpuCount];
            this.settledOrdinal = new long[cpuCount];
        }
    }

    /**
     * @param cpuCount nr_cpu_ids
     * @param ringSize references kept per CPU (rounded up to a power of two)
     */
    ListenerAttribution(int cpuCount, int ringSize) {
        this.cpuCount = cpuCount;
        this.ringMask = maskFor(ringSize);
        this.rings = new long[cpuCount][];
        this.ordinals = new long[cpuCount][];
        this.referenceTotal = new long[cpuCount];
        this.referenceSeen = new boolean[cpuCount];
        this.lastReferenceSeq = new int[cpuCount];
    }

    private static int maskFor(int ringSize) {
        return Integer.highestOneBit(Math.max(16, ringSize) * 2 - 1) - 1;
    }

    /** The references to keep per CPU for listeners whose sockets hold up to {@code grantedBytes} (sk_rcvbuf). */
    static int ringFor(long grantedBytes) {
        // an exit message takes at least ~1.2 KB of a receive buffer (truesize: taskstats-kernel.md 2.6)
        return (int) Math.min(1 << 20, Math.max(4_096, grantedBytes / 1_024));
    }

    /** Keeps at least {@code ringSize} references per CPU from now on (a listener's buffer grew); any thread. */
    synchronized void ensureRing(int ringSize) {
        int mask = maskFor(ringSize);
        if (mask <= ringMask) {
            return;
        }
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            long[] old = rings[cpu];
            if (old != null) {
                long[] ring = new long[mask + 1];
                long[] ordinal = new long[mask + 1];
                java.util.Arrays.fill(ring, EMPTY);
                for (int i = 0; i < old.length; i++) {
                    if (old[i] != EMPTY) {
                        int at = (int) (old[i] >>> 32) & mask;
                        ring[at] = old[i];
                        ordinal[at] = ordinals[cpu][i];
                    }
                }
                rings[cpu] = ring;
                ordinals[cpu] = ordinal;
            }
        }
        ringMask = mask;
    }

    int listenerCount() {
        return listeners.size();
    }

    /** Listener {@code l}'s socket is the one of listener {@code name} (its copies go to that listener's views). */
    synchronized void named(int l, String name) {
        counts(l).name = name;
    }

    /** The name of listener {@code l}, or null before it was named. */
    synchronized String nameOf(int l) {
        return l < listeners.size() ? listeners.get(l).name : null;
    }

    private Counts counts(int l) {
        while (listeners.size() <= l) {
            listeners.add(new Counts(cpuCount));
        }
        return listeners.get(l);
    }

    /**
     * The reader thread has asked the kernel to register listener {@code l} on {@code added} and deregister it from
     * {@code removed}; its mark follows in the queue, and {@link #registered} applies the change there.
     */
    synchronized void plan(int l, CpuSet added, CpuSet removed) {
        counts(l).planned.addLast(new Change(added, removed));
    }

    /**
     * Listener {@code l}'s next planned edit took effect: intervals open on the CPUs it registered (what their
     * references got until now was not sent to it) and close on those it left (all they got until now was).
     */
    synchronized void registered(int l) {
        Counts c = l < listeners.size() ? listeners.get(l) : null;
        Change change = c == null ? null : c.planned.pollFirst();
        if (change == null) {
            return;
        }
        for (int cpu = change.removed.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = change.removed.nextCpu(cpu + 1)) {
            Interval last = c.intervals[cpu] == null ? null : c.intervals[cpu].peekLast();
            if (last != null && last.open) {
                last.open = false;
                last.hasEnd = referenceSeen[cpu];
                last.toSeq = lastReferenceSeq[cpu];
                c.sentInClosed[cpu] += referenceTotal[cpu] - last.referencesAtStart;
            }
        }
        c.now = c.now.minus(change.removed);
        CpuSet added = change.added.minus(c.now); // the kernel keeps one entry a CPU: a second is a no-op
        for (int cpu = added.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = added.nextCpu(cpu + 1)) {
            if (c.intervals[cpu] == null) {
                c.intervals[cpu] = new ArrayDeque<>();
            }
            if (c.intervals[cpu].size() == INTERVALS_KEPT) {
                c.intervals[cpu].pollFirst();
            }
            c.intervals[cpu].addLast(new Interval(referenceSeen[cpu], lastReferenceSeq[cpu], referenceTotal[cpu]));
        }
        c.now = c.now.union(added);
        c.ever = c.ever.union(added);
    }

    /** CPU {@code cpu}'s reference socket received the exit of {@code pid}, numbered {@code seq}. */
    synchronized void reference(int cpu, int seq, long pid) {
        if (cpu < 0 || cpu >= cpuCount) {
            return;
        }
        long[] ring = rings[cpu];
        if (ring == null) {
            ring = rings[cpu] = new long[ringMask + 1];
            ordinals[cpu] = new long[ringMask + 1];
            java.util.Arrays.fill(ring, EMPTY);
        }
        ring[seq & ringMask] = key(seq, pid);
        referenceTotal[cpu]++;
        ordinals[cpu][seq & ringMask] = referenceTotal[cpu];
        referenceSeen[cpu] = true;
        lastReferenceSeq[cpu] = seq;
        referencesSeen++;
        for (Counts c : listeners) {
            if (!c.pending.isEmpty() && c.ever.contains(cpu)) {
                settlePending(c);
            }
        }
    }

    /**
     * Listener {@code l}'s socket received the exit of {@code pid}, numbered {@code seq}: returns the CPU it exited on,
     * or -1 while its reference has not come (it is then placed, and counted, when it does).
     */
    synchronized int received(int l, int seq, long pid) {
        if (l >= listeners.size()) {
            return -1; // a copy for a listener never planned cannot exist
        }
        Counts c = listeners.get(l);
        int cpu = place(c, seq, pid);
        if (cpu < 0) {
            if (c.pending.size() >= MAX_PENDING) {
                c.unknown++;
            } else {
                c.pending.addLast(new long[] {seq, pid, referencesSeen});
            }
        }
        return cpu;
    }

    /** The CPU of listener {@code l}'s copy (seq, pid) among the references kept, or -1; counts nothing. */
    synchronized int cpuOf(int l, int seq, long pid) {
        return l < listeners.size() ? find(listeners.get(l), key(seq, pid), seq) : -1;
    }

    /** The end: copies still waiting never had a reference (it lost them), so they are unknown. */
    synchronized void finish() {
        for (Counts c : listeners) {
            settlePending(c);
            c.unknown += c.pending.size();
            c.pending.clear();
            c.finished = true; // all that could arrive has: everything sent is settled
        }
    }

    private void settlePending(Counts c) {
        for (int n = c.pending.size(); n > 0; n--) {
            long[] p = c.pending.pollFirst();
            if (place(c, (int) p[0], p[1]) >= 0) {
                continue;
            }
            if (referencesSeen - p[2] > PATIENCE) {
                c.unknown++;
            } else {
                c.pending.addLast(p);
            }
        }
    }

    /** Finds (seq, pid) among the references of the listener's CPUs and counts it there: its CPU, or -1. */
    private int place(Counts c, int seq, long pid) {
        int cpu = find(c, key(seq, pid), seq);
        if (cpu >= 0) {
            if (within(c.intervals[cpu], seq)) {
                c.received[cpu]++;
                c.settledOrdinal[cpu] = Math.max(c.settledOrdinal[cpu], ordinals[cpu][seq & ringMask]);
            } else {
                c.outsideIntervals++; // sent in the moment of an edit: neither expected nor counted
            }
        }
        return cpu;
    }

    private int find(Counts c, long key, int seq) {
        for (int cpu = c.ever.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = c.ever.nextCpu(cpu + 1)) {
            long[] ring = rings[cpu];
            if (ring != null && ring[seq & ringMask] == key) {
                return cpu;
            }
        }
        return -1;
    }

    private static boolean within(ArrayDeque<Interval> intervals, int seq) {
        if (intervals != null) {
            for (Interval i : intervals) {
                if (i.holds(seq)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long key(int seq, long pid) {
        return ((long) seq << 32) | (pid & 0xFFFF_FFFFL);
    }

    /** Listener {@code l}'s figures now (zeros for one whose first mark has not come yet). */
    synchronized Figures figures(int l) {
        long[] sent = new long[cpuCount];
        long[] settled = new long[cpuCount];
        long[] after = new long[cpuCount];
        java.util.Arrays.fill(after, -1);
        if (l >= listeners.size()) {
            return new Figures(sent, settled, new long[cpuCount], 0, 0, 0, after);
        }
        Counts c = listeners.get(l);
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            sent[cpu] = c.sentInClosed[cpu];
            settled[cpu] = c.sentInClosed[cpu];
            Interval last = c.intervals[cpu] == null ? null : c.intervals[cpu].peekLast();
            if (last != null && last.open) {
                sent[cpu] += referenceTotal[cpu] - last.referencesAtStart;
                settled[cpu] += Math.max(0, c.settledOrdinal[cpu] - last.referencesAtStart);
            }
            if (c.finished) {
                settled[cpu] = sent[cpu];
            }
            if (last != null && last.bounded) {
                after[cpu] = last.fromSeq & 0xFFFF_FFFFL;
            }
        }
        return new Figures(sent, settled, c.received.clone(), c.unknown, c.pending.size(), c.outsideIntervals, after);
    }

    /**
     * @param sent               per CPU: what the reference received while the listener was registered there
     * @param settled            per CPU: of those, the ones its socket's reading has passed (a later copy came, or
     *                           the source stopped): each either received or lost, none still on its way
     * @param received           per CPU: what the listener's socket got of those, placed on that CPU
     * @param unknown            copies it got whose reference never came (the reference lost them)
     * @param waiting            copies still waiting for their reference
     * @param beforeRegistration copies numbered outside its registrations (sent in the moment of an edit)
     * @param sentAfterSeq       per CPU: the reference's last number when its latest registration there took effect
     *                           (what it was sent since is numbered after it), or -1 when there was none
     */
    record Figures(long[] sent, long[] settled, long[] received, long unknown, long waiting, long beforeRegistration,
                   long[] sentAfterSeq) {
        long lost(int cpu) {
            return Math.max(0, settled[cpu] - received[cpu]);
        }
    }
}
