package io.taskscope.live;

/**
 * The socket reader's counts per CPU at one moment (see {@link LiveCollector#counters()}).
 *
 * @param exitsByCpu        exit messages read and queued (a group exit's PID record and TGID aggregate are one)
 * @param kernelLostByCpu   exits the kernel dropped on that CPU's socket: sequence gaps, and at stop the socket's own
 *                     drop counter for what no record revealed
 * @param queueDroppedByCpu exits read from the socket but dropped because Taskscope's queue was full
 * @param overflowsByCpu    ENOBUFS episodes of the socket
 */
public record LiveCounters(long[] exitsByCpu, long[] kernelLostByCpu, long[] queueDroppedByCpu, long[] overflowsByCpu) {

    public long exits() {
        return sum(exitsByCpu);
    }

    public long kernelLost() {
        return sum(kernelLostByCpu);
    }

    public long queueDropped() {
        return sum(queueDroppedByCpu);
    }

    public long overflows() {
        return sum(overflowsByCpu);
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
