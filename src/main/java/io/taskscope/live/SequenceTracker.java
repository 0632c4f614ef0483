package io.taskscope.live;

/**
 * Counts lost exit records per CPU from gaps in {@code nlmsg_seq}. In {@code prepare_reply()} the kernel numbers
 * every exit message with {@code this_cpu_inc_return(taskstats_seqnum) - 1}: one u32 counter per CPU, advanced
 * once per exit on a CPU that has a listener, shared by all its listeners. A socket registered on exactly one CPU
 * therefore sees consecutive numbers, and every gap is exactly the number of messages it lost.
 * (A task preempted and migrated between the listener lookup and the increment can take another CPU's number: a
 * rare false gap the kernel's design allows.)
 */
public final class SequenceTracker {

    private static final long U32 = 0xFFFF_FFFFL;

    private final long[] next;

    public SequenceTracker(int cpuCount) {
        next = new long[cpuCount];
        java.util.Arrays.fill(next, -1);
    }

    /**
     * Notes the message numbered {@code seq} from {@code cpu}'s socket; returns how many messages were skipped
     * before it (0 when it is the expected one, or the first seen). A number from the past is not a loss: the
     * tracker follows it.
     */
    public long observe(int cpu, long seq) {
        long expected = next[cpu];
        next[cpu] = (seq + 1) & U32;
        if (expected < 0) {
            return 0;
        }
        long gap = (seq - expected) & U32; // u32 arithmetic: wraps at 2^32 like the kernel's counter
        return gap < (1L << 31) ? gap : 0;
    }

    /** Forgets a CPU (its socket was closed); the next message starts afresh. */
    public void reset(int cpu) {
        next[cpu] = -1;
    }
}
