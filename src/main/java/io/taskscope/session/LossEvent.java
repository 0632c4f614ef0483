package io.taskscope.session;

/**
 * Records that were sent but never received.
 *
 * @param cpu        the CPU whose exits were lost
 * @param listenerId the virtual listener that lost them, or {@link #ALL_LISTENERS} when the loss happened before
 *                   routing (live: the collector's own per-CPU socket overflowed, so every listener on that CPU
 *                   misses them)
 * @param records    how many records; 0 when only the fact of an overflow is known (an ENOBUFS without a
 *                   countable sequence gap)
 * @param cause      how the loss was detected
 * @param timeNanos  when it was detected, ns since the epoch
 */
public record LossEvent(int cpu, int listenerId, long records, Cause cause, long timeNanos) {

    public static final int ALL_LISTENERS = -1;

    public enum Cause {
        /** A gap in the per-CPU nlmsg_seq counter: exactly this many records are missing. */
        SEQUENCE_GAP,
        /** recv() failed with ENOBUFS: the socket's receive queue overflowed (one per overflow episode). */
        ENOBUFS,
        /** The simulator's receive-buffer model for one listener was full. */
        BUFFER_FULL
    }
}
