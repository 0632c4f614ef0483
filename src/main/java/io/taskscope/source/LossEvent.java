package io.taskscope.source;

/**
 * Records that were sent but never received.
 *
 * @param cpu        the CPU whose exits were lost
 * @param listenerId the virtual listener that lost them, or {@link #ALL_LISTENERS} when the loss happened before
 *                   routing (live: the collector's own per-CPU socket overflowed, or its queue was full, so every
 *                   listener on that CPU misses them)
 * @param records    how many records; 0 when only the fact of an overflow is known (an ENOBUFS without a
 *                   countable sequence gap)
 * @param cause      how the loss was detected
 * @param timeNanos  when it was detected, ns since the epoch
 */
public record LossEvent(int cpu, int listenerId, long records, Cause cause, long timeNanos) {

    public static final int ALL_LISTENERS = -1;

    /** Where records were lost: in the kernel (a socket's receive queue) or in Taskscope itself. */
    public enum Origin {
        /** The kernel dropped them: a netlink receive queue was full (or, simulated, its model was). */
        KERNEL("kernel"),
        /** Taskscope dropped them: its own bounded queue between the socket reader and the rest was full. */
        QUEUE("queue");

        private final String key;

        Origin(String key) {
            this.key = key;
        }

        /** The name in JSON output and summaries: kernel, queue. */
        public String key() {
            return key;
        }
    }

    /** The numbers are stored in session files (LOSS frames): new causes are only ever appended. */
    public enum Cause {
        /** A gap in the per-CPU nlmsg_seq counter: exactly this many records are missing. */
        SEQUENCE_GAP(Origin.KERNEL),
        /** recv() failed with ENOBUFS: the socket's receive queue overflowed (one per overflow episode). */
        ENOBUFS(Origin.KERNEL),
        /** The simulator's receive-buffer model for one listener was full. */
        BUFFER_FULL(Origin.KERNEL),
        /** Taskscope's own queue (between the socket reader and the decoder, or a recorder's) was full. */
        QUEUE(Origin.QUEUE),
        /**
         * The socket's own drop counter ({@code sk_drops}, read with SO_MEMINFO) at stop, for drops that no later
         * record on that CPU could reveal as a sequence gap.
         */
        SOCKET_DROPS(Origin.KERNEL);

        private final Origin origin;

        Cause(Origin origin) {
            this.origin = origin;
        }

        public Origin origin() {
            return origin;
        }
    }

    public Origin origin() {
        return cause.origin();
    }
}
