package io.taskscope.source;

import io.taskscope.core.CpuSet;

/**
 * What one registered listener's socket was sent and got, per CPU, beside the per-CPU reference sockets (see
 * the live collector's attribution).
 *
 * @param listener        the listener as last asked for
 * @param registeredOn    the cpumask the kernel has its socket on (after a refused edit: the one before)
 * @param grantedBytes    the receive buffer its socket got (sk_rcvbuf: twice SO_RCVBUF, or rmem_default)
 * @param sent            per CPU (index = CPU): exits the reference socket of that CPU received since it registered
 * @param settled         per CPU: of those sent, the ones its socket's reading has passed, so each was either
 *                        received or lost (all of them once the source has stopped; while it runs, copies still in
 *                        the socket's queue are not counted as lost)
 * @param received        per CPU: those its own socket received
 * @param unknown         records it received whose reference never came (the reference lost them): not placed
 * @param overflows       ENOBUFS episodes on its socket (the kernel's word that its queue was full)
 * @param socketDrops     messages the kernel dropped on its socket (sk_drops, SO_MEMINFO), or -1 where unknown
 * @param queueDropped    records it received that Taskscope's own queue had no room for
 * @param problem         what the kernel last refused it (a cpumask beyond the possible CPUs), or null
 */
public record RegisteredListenerReport(RegisteredListener listener, CpuSet registeredOn, int grantedBytes, long[] sent, long[] settled,
                                       long[] received,
                                       long unknown, long overflows, long socketDrops, long queueDropped,
                                       String problem) {

    /** What the kernel did not deliver to it on {@code cpu}: sent there (and settled) minus received there. */
    public long lost(int cpu) {
        return cpu < settled.length ? Math.max(0, settled[cpu] - received[cpu]) : 0;
    }

    public long sentTotal() {
        return sum(sent);
    }

    public long receivedTotal() {
        return sum(received);
    }

    public long lostTotal() {
        long n = 0;
        for (int cpu = 0; cpu < sent.length; cpu++) {
            n += lost(cpu);
        }
        return n;
    }

    /** The CPUs it lost records on. */
    public CpuSet lostOn() {
        CpuSet s = CpuSet.empty();
        for (int cpu = 0; cpu < sent.length; cpu++) {
            if (lost(cpu) > 0) {
                s = s.with(cpu);
            }
        }
        return s;
    }

    private static long sum(long[] a) {
        long n = 0;
        for (long v : a) {
            n += v;
        }
        return n;
    }
}
