package io.taskscope.live;

/**
 * Follows the per-CPU {@code nlmsg_seq} numbers of exit messages. In {@code prepare_reply()} the kernel numbers every
 * exit message with {@code this_cpu_inc_return(taskstats_seqnum) - 1}: one u32 counter per CPU, advanced once per
 * exit on a CPU that has a listener, shared by all its listeners. A socket registered on exactly one CPU therefore
 * sees consecutive numbers, and a gap is messages it lost, with two exceptions the kernel allows:
 * <ul>
 *   <li>out of turn: the number is taken before the message is sent, so on a preemptible kernel a later message can
 *       be sent first (seen on Debian 12's 6.1 and on 7.2: 36, 38, 37, 39);</li>
 *   <li>another CPU's number: {@code taskstats_exit()} picks the CPU's listener list, then {@code prepare_reply()}
 *       may sleep allocating and run on another CPU when it takes the number.</li>
 * </ul>
 * Both can only be told from losses by whether the socket overflowed: the kernel drops nothing without an ENOBUFS
 * ({@code netlink_overrun()}). So a step ahead seen with no overflow since ({@code afterOverflow} false) is counted
 * as nothing; one far ahead does not even move the highest number seen (it is another CPU's). After an overflow,
 * numbers skipped by a small step ({@link #WINDOW} or fewer) are held for {@link #WINDOW_NANOS}: if they come late
 * they were not lost; if not, {@link #expire} confirms them. Larger steps are losses at once.
 */
public final class SequenceTracker {

    /** Where losses are confirmed. */
    public interface Losses {
        void lost(int cpu, long records, long nanos);
    }

    /** A step up to this many numbers may be messages sent out of turn. */
    public static final int WINDOW = 64;
    /**
     * How long a skipped number may still come late. The kernel usually sends within microseconds of numbering, but
     * a task preempted in between waits its turn on the run queue: on a busy 2-vCPU guest, tens of milliseconds.
     */
    public static final long WINDOW_NANOS = 100_000_000L;
    /** Skipped numbers held at most; beyond, the oldest is confirmed lost. */
    private static final int HELD = 4096;
    private static final long U32 = 0xFFFF_FFFFL;

    private final long[] highest;
    private final Losses losses;
    // a ring of skipped numbers that may still come: their CPU, number and when they were skipped
    private final int[] heldCpu = new int[HELD];
    private final long[] heldSeq = new long[HELD];
    private final long[] heldSince = new long[HELD];
    private int heldFirst;
    private int held;
    private long lastStep;
    private boolean lastBehind;

    public SequenceTracker(int cpuCount, Losses losses) {
        highest = new long[cpuCount];
        java.util.Arrays.fill(highest, -1);
        this.losses = losses;
    }

    /**
     * Notes the message numbered {@code seq} from {@code cpu}'s socket. Confirmed losses go to {@link Losses}: a
     * large step at once, a small one once its window has passed ({@link #expire}), and only with {@code hold}
     * (else the caller counts by other means and only asks {@link #lastStep()}).
     *
     * @param afterOverflow the socket reported ENOBUFS since it was last read empty: a step may be losses
     */
    public void observe(int cpu, long seq, boolean afterOverflow, boolean hold, long nanos) {
        long h = highest[cpu];
        lastStep = 0;
        lastBehind = false;
        if (h < 0) {
            highest[cpu] = seq;
            return;
        }
        long ahead = (seq - h) & U32; // u32 arithmetic: wraps at 2^32 like the kernel's counter
        if (ahead == 0) {
            return;
        }
        if (ahead >= 1L << 31) { // behind the highest: a message sent out of turn, come after all
            lastBehind = true;
            release(cpu, seq);
            return;
        }
        long skipped = ahead - 1;
        lastStep = skipped;
        if (!afterOverflow) { // nothing was dropped: out of turn, or another CPU's number when far ahead
            if (skipped <= WINDOW) {
                highest[cpu] = seq;
            }
            return;
        }
        highest[cpu] = seq;
        if (!hold || skipped == 0) {
            return;
        }
        if (skipped > WINDOW) {
            losses.lost(cpu, skipped, nanos);
            return;
        }
        for (long k = 1; k <= skipped; k++) {
            hold(cpu, (h + k) & U32, nanos);
        }
    }

    /** How many numbers the last message skipped beyond the highest (0: in turn, first, or behind). */
    public long lastStep() {
        return lastStep;
    }

    /** Whether the last message was numbered behind the highest (sent out of turn, arriving late). */
    public boolean lastBehind() {
        return lastBehind;
    }

    private void hold(int cpu, long seq, long nanos) {
        if (held == HELD) {
            losses.lost(heldCpu[heldFirst], 1, nanos);
            heldFirst = (heldFirst + 1) % HELD;
            held--;
        }
        int at = (heldFirst + held) % HELD;
        heldCpu[at] = cpu;
        heldSeq[at] = seq;
        heldSince[at] = nanos;
        held++;
    }

    /** A number that came late: if it was held, it was not lost. */
    private void release(int cpu, long seq) {
        for (int i = 0; i < held; i++) {
            int at = (heldFirst + i) % HELD;
            if (heldCpu[at] == cpu && heldSeq[at] == seq) {
                heldCpu[at] = -1; // a hole: skipped when it expires
                return;
            }
        }
    }

    /** Whether skipped numbers are waiting out their window. */
    public boolean holding() {
        return held > 0;
    }

    /** Confirms as lost the held numbers whose window has passed by {@code nanos} ({@code all}: every one). */
    public void expire(long nanos, boolean all) {
        while (held > 0 && (all || nanos - heldSince[heldFirst] >= WINDOW_NANOS)) {
            if (heldCpu[heldFirst] >= 0) {
                losses.lost(heldCpu[heldFirst], 1, heldSince[heldFirst]);
            }
            heldFirst = (heldFirst + 1) % HELD;
            held--;
        }
    }

    /** Forgets a CPU (its socket was closed); its held numbers are confirmed first. */
    public void reset(int cpu) {
        for (int i = 0; i < held; i++) {
            int at = (heldFirst + i) % HELD;
            if (heldCpu[at] == cpu) {
                losses.lost(cpu, 1, heldSince[at]);
                heldCpu[at] = -1;
            }
        }
        highest[cpu] = -1;
    }
}
