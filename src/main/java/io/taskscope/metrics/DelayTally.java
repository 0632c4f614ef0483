package io.taskscope.metrics;

import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;

/**
 * Delays of every record received, per delay class, in primitive arrays: counts and totals of each task's waits,
 * a histogram of each task's total, and the records whose total cannot be true. Only a task's own (PID) record
 * counts towards delays: a process's TGID aggregate repeats what its threads' records already said. A total that
 * cannot be true ({@link DelayPlausibility}) is counted as implausible and kept out of the sums and the histogram,
 * as the app keeps it out of its means by default. Not thread-safe: its owner guards it.
 */
final class DelayTally {
    static final DelayClass[] CLASSES = DelayClass.values();
    /** Histogram bounds in seconds, 10 µs to 10 s, then +Inf: waits from a tick to a hung disk. */
    static final double[] BOUNDS = {1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2,
            0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};
    private static final long[] BOUND_NANOS = new long[BOUNDS.length - 1];

    static {
        for (int i = 0; i < BOUND_NANOS.length; i++) {
            BOUND_NANOS[i] = Math.round(BOUNDS[i] * 1e9);
        }
    }

    final long[] events = new long[CLASSES.length];
    final long[] totalNanos = new long[CLASSES.length];
    final long[] implausible = new long[CLASSES.length];
    /** [class * BOUNDS.length + bucket], not cumulative. */
    final long[] buckets = new long[CLASSES.length * BOUNDS.length];
    /** The struct version of the newest record, 0 before any. */
    int taskstatsVersion;

    /** Each class's total and count field, as offsets in a row (read once: the loop below runs per record). */
    private static final int[] TOTAL = new int[CLASSES.length];
    private static final int[] COUNT = new int[CLASSES.length];

    static {
        for (DelayClass c : CLASSES) {
            TOTAL[c.ordinal()] = c.totalField().ordinal();
            COUNT[c.ordinal()] = c.countField().ordinal();
        }
    }

    /** Adds every row of {@code block}: reads values in place, makes nothing. */
    void add(RecordBlock block) {
        long[] v = block.valuesForWriting();
        for (int row = 0; row < block.size(); row++) {
            int impossible = DelayPlausibility.implausible(block, row);
            for (int k = 0; impossible != 0 && k < CLASSES.length; k++) {
                if ((impossible & (1 << k)) != 0) {
                    implausible[k]++;
                }
            }
            if (!block.isPid(row)) {
                continue; // a process's aggregate repeats its threads' own records
            }
            int base = row * RecordBlock.FIELD_COUNT;
            for (int k = 0; k < CLASSES.length; k++) {
                if ((impossible & (1 << k)) == 0) {
                    long total = v[base + TOTAL[k]];
                    events[k] += v[base + COUNT[k]];
                    totalNanos[k] += total;
                    buckets[k * BOUNDS.length + bucket(total)]++;
                }
            }
        }
        if (!block.isEmpty()) {
            taskstatsVersion = (int) v[(block.size() - 1) * RecordBlock.FIELD_COUNT + TaskstatsField.VERSION.ordinal()];
        }
    }

    /** The first bucket whose bound holds {@code nanos} (le: a value on a bound belongs to it); a binary search. */
    static int bucket(long nanos) {
        int lo = 0;
        int hi = BOUND_NANOS.length; // the +Inf bucket
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nanos > BOUND_NANOS[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    DelayTally copy() {
        DelayTally c = new DelayTally();
        System.arraycopy(events, 0, c.events, 0, events.length);
        System.arraycopy(totalNanos, 0, c.totalNanos, 0, totalNanos.length);
        System.arraycopy(implausible, 0, c.implausible, 0, implausible.length);
        System.arraycopy(buckets, 0, c.buckets, 0, buckets.length);
        c.taskstatsVersion = taskstatsVersion;
        return c;
    }
}
