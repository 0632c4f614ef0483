package io.taskscope.live;

import io.taskscope.core.CpuSet;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Places each record a registered listener's socket received on the CPU it exited on, and counts, per listener and
 * CPU, what the kernel sent it and what it got. The kernel sends one message to every listener of the exit's CPU
 * ({@code send_cpu_listeners()}: the same skb, cloned), numbered by that CPU's counter ({@code prepare_reply()}:
 * {@code this_cpu_inc_return(taskstats_seqnum) - 1}). So the per-CPU reference socket of CPU c got the same message with
 * the same {@code nlmsg_seq} and pid: a listener's (seq, pid) found among CPU c's recent references is CPU c's.
 * <p>
 * What a listener was sent on c is what c's reference received after the listener's registration (the reference
 * sockets, read by the reader that keeps up, are the measure); so its loss on c is that minus what it got. A
 * reference that itself lost a message leaves the listener's copy unplaced: counted as unknown, not guessed.
 * <p>
 * Runs on the dispatcher thread. Bounds: per CPU a ring of the last {@code ringSize} references (a listener's copy
 * can trail its reference by at most what the listener's buffer holds); per listener at most {@link #MAX_PENDING}
 * copies awaiting their reference (read a moment before it): beyond that they count as unknown.
 */
final class ListenerAttribution {

    /** Copies a listener may have waiting for their reference. */
    static final int MAX_PENDING = 65_536;
    /** A waiting copy is given up (unknown) once this many references have arrived on its CPUs since it came. */
    private static final long PATIENCE = 4_096;
    private static final long EMPTY = -1L;

    private final int cpuCount;
    private final int ringMask;
    private final long[][] rings; // per CPU, lazily: (seq << 32 | pid) at seq & ringMask
    private final long[] referenceTotal; // per CPU: references received
    private final boolean[] referenceSeen;
    private final int[] lastReferenceSeq;
    private final Counts[] listeners;
    private long referencesSeen;

    /** One listener's figures, per CPU. */
    private static final class Counts {
        final CpuSet cpus;
        boolean registered;
        /** Per CPU: reference total when the listener registered, or -1 before that. */
        final long[] referenceAtRegistration;
        final long[] received;
        /** Per CPU: the reference's seq at registration (copies numbered up to it were sent before). */
        final int[] boundarySeq;
        final boolean[] hasBoundary;
        final ArrayDeque<long[]> pending = new ArrayDeque<>();
        long unknown;
        long beforeRegistration;

        Counts(CpuSet cpus, int cpuCount) {
            this.cpus = cpus;
            this.referenceAtRegistration = new long[cpuCount];
            this.received = new long[cpuCount];
            this.boundarySeq = new int[cpuCount];
            this.hasBoundary = new boolean[cpuCount];
            java.util.Arrays.fill(referenceAtRegistration, -1);
        }
    }

    /**
     * @param masks    each listener's cpumask, by index
     * @param cpuCount nr_cpu_ids
     * @param ringSize references kept per CPU (rounded up to a power of two)
     */
    ListenerAttribution(List<CpuSet> masks, int cpuCount, int ringSize) {
        this.cpuCount = cpuCount;
        this.ringMask = Integer.highestOneBit(Math.max(16, ringSize) * 2 - 1) - 1;
        this.rings = new long[cpuCount][];
        this.referenceTotal = new long[cpuCount];
        this.referenceSeen = new boolean[cpuCount];
        this.lastReferenceSeq = new int[cpuCount];
        this.listeners = new Counts[masks.size()];
        for (int i = 0; i < listeners.length; i++) {
            listeners[i] = new Counts(masks.get(i), cpuCount);
        }
    }

    /** The references to keep per CPU for listeners whose sockets hold up to {@code grantedBytes} (sk_rcvbuf). */
    static int ringFor(long grantedBytes) {
        // an exit message takes at least ~1.2 KB of a receive buffer (truesize: taskstats-kernel.md 2.6)
        return (int) Math.min(1 << 20, Math.max(4_096, grantedBytes / 1_024));
    }

    int listenerCount() {
        return listeners.length;
    }

    /** Listener {@code l}'s registration took effect: what its CPUs' references got until now was not sent to it. */
    synchronized void registered(int l) {
        Counts c = listeners[l];
        c.registered = true;
        for (int cpu = c.cpus.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = c.cpus.nextCpu(cpu + 1)) {
            c.referenceAtRegistration[cpu] = referenceTotal[cpu];
            c.hasBoundary[cpu] = referenceSeen[cpu];
            c.boundarySeq[cpu] = lastReferenceSeq[cpu];
        }
    }

    /** CPU {@code cpu}'s reference socket received the exit of {@code pid}, numbered {@code seq}. */
    synchronized void reference(int cpu, int seq, long pid) {
        if (cpu < 0 || cpu >= cpuCount) {
            return;
        }
        long[] ring = rings[cpu];
        if (ring == null) {
            ring = rings[cpu] = new long[ringMask + 1];
            java.util.Arrays.fill(ring, EMPTY);
        }
        ring[seq & ringMask] = key(seq, pid);
        referenceTotal[cpu]++;
        referenceSeen[cpu] = true;
        lastReferenceSeq[cpu] = seq;
        referencesSeen++;
        for (Counts c : listeners) {
            if (!c.pending.isEmpty() && c.cpus.contains(cpu)) {
                settlePending(c);
            }
        }
    }

    /** Listener {@code l}'s socket received the exit of {@code pid}, numbered {@code seq}. */
    synchronized void received(int l, int seq, long pid) {
        Counts c = listeners[l];
        if (!place(c, seq, pid)) {
            if (c.pending.size() >= MAX_PENDING) {
                c.unknown++;
            } else {
                c.pending.addLast(new long[] {seq, pid, referencesSeen});
            }
        }
    }

    /** The end: copies still waiting never had a reference (it lost them), so they are unknown. */
    synchronized void finish() {
        for (Counts c : listeners) {
            settlePending(c);
            c.unknown += c.pending.size();
            c.pending.clear();
        }
    }

    private void settlePending(Counts c) {
        for (int n = c.pending.size(); n > 0; n--) {
            long[] p = c.pending.pollFirst();
            if (place(c, (int) p[0], p[1])) {
                continue;
            }
            if (referencesSeen - p[2] > PATIENCE) {
                c.unknown++;
            } else {
                c.pending.addLast(p);
            }
        }
    }

    /** Finds (seq, pid) among the references of the listener's CPUs; counts it there. */
    private boolean place(Counts c, int seq, long pid) {
        long key = key(seq, pid);
        for (int cpu = c.cpus.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = c.cpus.nextCpu(cpu + 1)) {
            long[] ring = rings[cpu];
            if (ring != null && ring[seq & ringMask] == key) {
                if (c.hasBoundary[cpu] && seq - c.boundarySeq[cpu] <= 0) {
                    c.beforeRegistration++; // sent before it registered: neither expected nor counted
                } else {
                    c.received[cpu]++;
                }
                return true;
            }
        }
        return false;
    }

    private static long key(int seq, long pid) {
        return ((long) seq << 32) | (pid & 0xFFFF_FFFFL);
    }

    /** Listener {@code l}'s figures now. */
    synchronized Figures figures(int l) {
        Counts c = listeners[l];
        long[] sent = new long[cpuCount];
        for (int cpu = c.cpus.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = c.cpus.nextCpu(cpu + 1)) {
            if (c.referenceAtRegistration[cpu] >= 0) {
                sent[cpu] = referenceTotal[cpu] - c.referenceAtRegistration[cpu];
            }
        }
        long[] after = new long[cpuCount];
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            after[cpu] = c.hasBoundary[cpu] ? c.boundarySeq[cpu] & 0xFFFF_FFFFL : -1;
        }
        return new Figures(sent, c.received.clone(), c.unknown, c.pending.size(), c.beforeRegistration, after);
    }

    /**
     * @param sent               per CPU: what the reference received since the listener registered (what it was sent)
     * @param received           per CPU: what the listener's socket got, placed on that CPU
     * @param unknown            copies it got whose reference never came (the reference lost them)
     * @param waiting            copies still waiting for their reference
     * @param beforeRegistration copies numbered before its registration (none, unless a registration races an exit)
     * @param sentAfterSeq       per CPU: the last number the reference had when it registered (what it was sent is
     *                           numbered after it), or -1 when the reference had had nothing on that CPU
     */
    record Figures(long[] sent, long[] received, long unknown, long waiting, long beforeRegistration,
                   long[] sentAfterSeq) {
        long lost(int cpu) {
            return Math.max(0, sent[cpu] - received[cpu]);
        }
    }
}
