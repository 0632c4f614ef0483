package io.taskscope.live;

import io.taskscope.live.nativeio.NetlinkSocket;

/** One socket the reader reads: a CPU's (registered on that CPU alone), or the control socket ({@code cpu} -1). */
final class CpuSocket {

    final NetlinkSocket socket;
    final int cpu;
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
        this.socket = socket;
        this.cpu = cpu;
        NetlinkSocket.MemInfo info = socket.memInfo();
        this.dropsAtOpen = info == null ? -1 : info.drops();
        this.countsByCounter = counting == LiveCollector.LossCounting.SOCKET_COUNTER && dropsAtOpen >= 0;
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
