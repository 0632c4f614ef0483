package io.taskscope.core;

/**
 * Which delay totals of a record cannot be true. The kernel sends them as measured, and sometimes measures wrong:
 * on 6.x, with {@code kernel.task_delayacct=1}, a 13 ms {@code gcc} can arrive with a {@code blkio_delay_total}
 * of about the system's uptime and {@code blkio_count} 1 (as if one wait were measured from clock zero rather than
 * from its start). Such values are shown as sent, but flagged, and kept out of means, percentiles and heat.
 * <ul>
 *   <li>A PID record: a class's total is longer than the task lived ({@code ac_etime}).</li>
 *   <li>A TGID aggregate ({@code signal->stats}): no single wait outlasts the process, so a total above count
 *       &times; the process's walltime (the last thread's {@code ac_tgetime}, joined from the PID record of the same
 *       message) cannot be true. Where the aggregate's own ac_etime holds the threads' lifetimes summed (6.18 sends
 *       that; not every kernel does), a total up to that sum is accepted too: only a value beyond every bound known
 *       to hold is flagged. Unjoined aggregates from kernels before v12 (no ac_tgetime) are never flagged.</li>
 * </ul>
 * {@link #SLACK_NANOS} covers the different clocks (delays use {@code local_clock()}, ac_etime the monotonic
 * clock truncated to µs), so only values that are wrong, not rounded, are flagged.
 */
public final class DelayPlausibility {
    private DelayPlausibility() {
    }

    /** What a total may exceed the bound by before it counts as impossible. */
    public static final long SLACK_NANOS = 1_000_000;
    private static final DelayClass[] CLASSES = DelayClass.values();

    /** Each class's count and total field, as offsets in a row (read once: the check runs per record). */
    private static final int[] COUNT = new int[CLASSES.length];
    private static final int[] TOTAL = new int[CLASSES.length];

    static {
        for (DelayClass c : CLASSES) {
            COUNT[c.ordinal()] = c.countField().ordinal();
            TOTAL[c.ordinal()] = c.totalField().ordinal();
        }
    }

    /**
     * Bit {@code c.ordinal()} set for each class whose total cannot be true; 0 for a sound record. Runs for every
     * record on the routing path: reads the row's values in place, makes nothing.
     */
    public static int implausible(RecordBlock b, int row) {
        long[] v = b.valuesForWriting();
        int base = row * RecordBlock.FIELD_COUNT;
        long etime = v[base + TaskstatsField.AC_ETIME.ordinal()];
        if (b.isPid(row)) { // one bound for every class: the task's life
            long limit = withSlack(saturatedMicrosToNanos(etime));
            int out = 0;
            for (int k = 0; k < TOTAL.length; k++) {
                if (Long.compareUnsigned(v[base + TOTAL[k]], limit) > 0) {
                    out |= 1 << k;
                }
            }
            return out;
        }
        long groupMicros = b.groupMicros(row);
        if (groupMicros <= 0) {
            return 0;
        }
        int out = 0;
        for (int k = 0; k < TOTAL.length; k++) {
            if (impossible(false, etime, groupMicros, v[base + COUNT[k]], v[base + TOTAL[k]])) {
                out |= 1 << k;
            }
        }
        return out;
    }

    /** The same, for a record object (views and tools). */
    public static int implausible(ExitRecord r) {
        boolean pid = r.kind() == RecordKind.PID;
        if (!pid && r.groupMicros() <= 0) {
            return 0;
        }
        int out = 0;
        for (DelayClass c : CLASSES) {
            if (impossible(pid, r.get(TaskstatsField.AC_ETIME), r.groupMicros(), r.get(c.countField()),
                    r.get(c.totalField()))) {
                out |= 1 << c.ordinal();
            }
        }
        return out;
    }

    /**
     * One class of one record: a PID record's total against its ac_etime; an aggregate's against the larger of
     * count x the process walltime and its summed lifetimes (its own ac_etime).
     */
    private static boolean impossible(boolean pid, long etimeMicros, long groupMicros, long count, long total) {
        long bound;
        if (pid) {
            bound = saturatedMicrosToNanos(etimeMicros);
        } else {
            long life = saturatedMicrosToNanos(groupMicros);
            bound = count < 0 || (count > 0 && life > Long.MAX_VALUE / count) ? Long.MAX_VALUE : count * life;
            bound = Math.max(bound, saturatedMicrosToNanos(etimeMicros));
        }
        return exceeds(total, bound);
    }

    public static boolean has(int mask, DelayClass c) {
        return (mask & (1 << c.ordinal())) != 0;
    }

    /** Unsigned: a u64 total above 2^63 ns is beyond any bound. */
    private static boolean exceeds(long total, long boundNanos) {
        return Long.compareUnsigned(total, withSlack(boundNanos)) > 0;
    }

    private static long withSlack(long boundNanos) {
        return boundNanos > Long.MAX_VALUE - SLACK_NANOS ? Long.MAX_VALUE : boundNanos + SLACK_NANOS;
    }

    private static long saturatedMicrosToNanos(long micros) {
        return micros < 0 || micros > Long.MAX_VALUE / 1_000 ? Long.MAX_VALUE : micros * 1_000;
    }
}
