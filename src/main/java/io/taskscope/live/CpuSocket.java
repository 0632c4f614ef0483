package io.taskscope.live;

import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.source.RegisteredListener;

/**
 * One socket the reader reads: a CPU's (registered on that CPU alone), the control socket ({@code cpu} -1), or a
 * registered listener's ({@code cpu} {@link #tagOf}(its index), registered on its cpumask).
 */
final class CpuSocket {

    final NetlinkSocket socket;
    /** The CPU; -1 for the control socket; {@code -2 - index} for registered listener number index. */
    final int cpu;
    /** A registered listener's: its spec as last applied, else null (the reader thread changes it; anyone reads). */
    volatile RegisteredListener listener;
    /** A registered listener's: the cpumask the kernel has it on now (a refused edit leaves the one before). */
    volatile io.taskscope.core.CpuSet registeredMask = io.taskscope.core.CpuSet.empty();
    /** A registered listener's pace, else null (read as fast as it fills); the reader thread's. */
    Pace pace;
    /** A registered listener's: what the kernel last refused it, or null. */
    volatile String problem;
    /** A registered listener's: closed because the listener was removed or disabled (not by the stop). */
    volatile boolean retired;
    /** A registered listener's ENOBUFS episodes (the reader writes, anyone reads). */
    volatile long overflows;
    /** A registered listener's datagrams the queue had no room for: Taskscope's loss, not the kernel's. */
    volatile long queueDropped;
    /** The receive buffer the kernel granted (sk_rcvbuf), as opened or last changed, or -1. */
    volatile int granted;
    /** Its drops since it was opened, read as it was closed; -1 while open. */
    volatile long dropsAtClose = -1;
    /** sk_drops when it was opened (SO_MEMINFO), or -1 where the kernel cannot tell. */
    final long dropsAtOpen;
    /** Whether the kernel's losses on it are counted from its drop counter (else from sequence gaps). */
    final boolean countsByCounter;
    /** The kernel's drops on this socket counted so far. */
    long counted;
    /** Request numbers of the reader's own (distinct from the synchronous channel's, which start at 1). */
    int nextSeq = 1 << 20;
    /** The registration whose answer is awaited (hotplug), or -1. */
    int registerSeq = -1;
    /** The kernel refused its registration: to be closed. */
    boolean refused;
    boolean deregistered;

    CpuSocket(NetlinkSocket socket, int cpu, LiveCollector.LossCounting counting) {
        this(socket, cpu, null, counting);
    }

    CpuSocket(NetlinkSocket socket, int cpu, RegisteredListener listener, LiveCollector.LossCounting counting) {
        this.socket = socket;
        this.cpu = cpu;
        this.listener = listener;
        this.pace = paceOf(listener);
        NetlinkSocket.MemInfo info = socket.memInfo();
        this.dropsAtOpen = info == null ? -1 : info.drops();
        int granted;
        try {
            granted = socket.receiveBuffer();
        } catch (io.taskscope.live.nativeio.NativeException e) {
            granted = -1;
        }
        this.granted = granted;
        this.countsByCounter = counting == LiveCollector.LossCounting.SOCKET_COUNTER && dropsAtOpen >= 0;
    }

    /** A listener's pace, or null to read it as fast as it fills. */
    static Pace paceOf(RegisteredListener listener) {
        return listener == null || listener.recordsPerSecond() == 0 ? null : new Pace(listener.recordsPerSecond());
    }

    /** The queue tag of registered listener number {@code index}. */
    static int tagOf(int index) {
        return -2 - index;
    }

    /** The listener index of a queue tag, or -1 for a CPU's or the control socket's. */
    static int listenerOf(int tag) {
        return tag <= -2 ? -2 - tag : -1;
    }

    boolean isListener() {
        return listener != null;
    }

    /** Its drops since it was opened: as read at close once closed, else now; -1 where the kernel cannot tell. */
    long dropsSinceOpenOrAtClose() {
        long atClose = dropsAtClose;
        return atClose >= 0 ? atClose : dropsSinceOpen();
    }

    /** Closes it, its drop count read first. */
    void close() {
        if (dropsAtClose < 0) {
            dropsAtClose = dropsSinceOpen();
        }
        socket.close();
    }

    /** Messages the kernel dropped on it since it was opened, or -1 where it cannot tell. */
    long dropsSinceOpen() {
        if (dropsAtOpen < 0) {
            return -1;
        }
        NetlinkSocket.MemInfo info = socket.memInfo();
        return info == null ? -1 : (info.drops() - dropsAtOpen) & 0xFFFF_FFFFL;
    }
}
