package io.taskscope.session;

import io.taskscope.core.DelayClass;
import io.taskscope.core.RecordBlock;

/**
 * Delays of every record routed, per delay class, in primitive arrays: counts and totals of each task's waits, a
 * histogram of each task's total, and the records whose total cannot be true. Filled by the routing pass
 * ({@link ListenerFanout}) from the row it is reading and the plausibility it has just worked out, so nothing is
 * read or checked twice. Only a task's own (PID) record counts towards delays: a process's TGID aggregate repeats
 * what its threads' records already said. An implausible total is counted apart and kept out of the sums and the
 * histogram, as the app keeps it out of its means by default. Guarded by the session's lock.
 */
public final class DelayTotals {
    private static final DelayClass[] CLASSES = DelayClass.values();
    public static final int CLASS_COUNT = CLASSES.length;
    /** Each class's total and count field, as offsets in a row. */
    private static final int[] TOTAL = new int[CLASS_COUNT];
    private static final int[] COUNT = new int[CLASS_COUNT];

    static {
        for (DelayClass c : CLASSES) {
            TOTAL[c.ordinal()] = c.totalField().ordinal();
            COUNT[c.ordinal()] = c.countField().ordinal();
            if (TOTAL[c.ordinal()] != COUNT[c.ordinal()] + 1) { // struct taskstats: each total follows its count
                throw new ExceptionInInitializerError(c + ": its total does not follow its count");
            }
        }
        if (!java.util.Arrays.equals(CLASSES, new DelayClass[] {DelayClass.CPU, DelayClass.BLKIO, DelayClass.SWAPIN,
                DelayClass.FREEPAGES, DelayClass.THRASHING, DelayClass.COMPACT, DelayClass.WPCOPY, DelayClass.IRQ})) {
            throw new ExceptionInInitializerError("addPlausible names the classes in ordinal order");
        }
    }

    /** The buckets' upper bounds (le), ascending, then Long.MAX_VALUE for +Inf. */
    private final long[] bounds;
    /** [floor(log2 nanos)]: the first bucket whose bound is at least 2^that; the search starts there. */
    private final int[] firstFrom = new int[64];
    private final int bucketCount;
    private final long[] events = new long[CLASS_COUNT];
    private final long[] totalNanos = new long[CLASS_COUNT];
    private final long[] implausible = new long[CLASS_COUNT];
    /**
     * [class * bucketCount + bucket], not cumulative, of the tasks that waited at all: a task that never waited in a
     * class (most classes of most tasks) is only counted in {@link #tasks}, and {@link #buckets} puts it in the
     * first bucket. Per class the loop then reads the total and moves on, with no bucket to find or store.
     */
    private final long[] buckets;
    /** Tasks (PID records) counted, and of them, per class, those left out as implausible. */
    private long tasks;
    private final long[] tasksLeftOut = new long[CLASS_COUNT];
    private int taskstatsVersion;

    /** @param boundNanos the finite upper bounds of the histogram's buckets, ascending; +Inf is added */
    public DelayTotals(long[] boundNanos) {
        bucketCount = boundNanos.length + 1;
        bounds = java.util.Arrays.copyOf(boundNanos, bucketCount);
        bounds[boundNanos.length] = Long.MAX_VALUE;
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bounds must ascend: " + java.util.Arrays.toString(boundNanos));
            }
        }
        for (int e = 0; e < 64; e++) {
            long from = e == 63 ? Long.MAX_VALUE : 1L << e;
            int i = 0;
            while (bounds[i] < from) {
                i++;
            }
            firstFrom[e] = i;
        }
        buckets = new long[CLASS_COUNT * bucketCount];
    }

    private DelayTotals(DelayTotals of) {
        bounds = of.bounds;
        bucketCount = of.bucketCount;
        System.arraycopy(of.firstFrom, 0, firstFrom, 0, firstFrom.length);
        System.arraycopy(of.events, 0, events, 0, CLASS_COUNT);
        System.arraycopy(of.totalNanos, 0, totalNanos, 0, CLASS_COUNT);
        System.arraycopy(of.implausible, 0, implausible, 0, CLASS_COUNT);
        System.arraycopy(of.tasksLeftOut, 0, tasksLeftOut, 0, CLASS_COUNT);
        tasks = of.tasks;
        buckets = of.buckets.clone();
        taskstatsVersion = of.taskstatsVersion;
    }

    /**
     * One row: {@code v} a block's values, {@code base} the row's first, {@code impossible} its classes that
     * cannot be true (DelayPlausibility's bits).
     */
    void add(long[] v, int base, boolean pid, int impossible) {
        for (int m = impossible; m != 0; m &= m - 1) {
            implausible[Integer.numberOfTrailingZeros(m)]++;
        }
        if (!pid) {
            return; // a process's aggregate repeats its threads' own records
        }
        tasks++;
        if (impossible == 0) {
            addPlausible(v, base);
            return;
        }
        for (int m = impossible; m != 0; m &= m - 1) {
            tasksLeftOut[Integer.numberOfTrailingZeros(m)]++;
        }
        for (int k = 0; k < CLASS_COUNT; k++) {
            if ((impossible & (1 << k)) == 0) {
                long total = v[base + TOTAL[k]];
                events[k] += v[base + COUNT[k]];
                if (total != 0) {
                    totalNanos[k] += total;
                    buckets[k * bucketCount + bucket(total)]++;
                }
            }
        }
    }

    // Each class's count and total as constants (static finals fold into the compiled code; TOTAL[k] is a load)
    private static final int CPU_C = DelayClass.CPU.countField().ordinal();
    private static final int BLKIO_C = DelayClass.BLKIO.countField().ordinal();
    private static final int SWAPIN_C = DelayClass.SWAPIN.countField().ordinal();
    private static final int FREEPAGES_C = DelayClass.FREEPAGES.countField().ordinal();
    private static final int THRASHING_C = DelayClass.THRASHING.countField().ordinal();
    private static final int COMPACT_C = DelayClass.COMPACT.countField().ordinal();
    private static final int WPCOPY_C = DelayClass.WPCOPY.countField().ordinal();
    private static final int IRQ_C = DelayClass.IRQ.countField().ordinal();

    /** A task's record with every class plausible (nearly all), unrolled. */
    private void addPlausible(long[] v, int base) {
        addClass(0, v[base + CPU_C], v[base + CPU_C + 1]);
        addClass(1, v[base + BLKIO_C], v[base + BLKIO_C + 1]);
        addClass(2, v[base + SWAPIN_C], v[base + SWAPIN_C + 1]);
        addClass(3, v[base + FREEPAGES_C], v[base + FREEPAGES_C + 1]);
        addClass(4, v[base + THRASHING_C], v[base + THRASHING_C + 1]);
        addClass(5, v[base + COMPACT_C], v[base + COMPACT_C + 1]);
        addClass(6, v[base + WPCOPY_C], v[base + WPCOPY_C + 1]);
        addClass(7, v[base + IRQ_C], v[base + IRQ_C + 1]);
    }

    private void addClass(int k, long count, long total) {
        events[k] += count;
        if (total != 0) {
            totalNanos[k] += total;
            buckets[k * bucketCount + bucket(total)]++;
        }
    }

    /** After a batch's rows: the struct version of its newest record. */
    void endBatch(RecordBlock block) {
        if (!block.isEmpty()) {
            taskstatsVersion = (int) block.valuesForWriting()[(block.size() - 1) * RecordBlock.FIELD_COUNT
                    + io.taskscope.core.TaskstatsField.VERSION.ordinal()];
        }
    }

    /**
     * The first bucket whose bound holds {@code nanos} (le: a value on a bound belongs to it), as signed values
     * compare (an implausible u64 beyond 2^63 never gets here). Starts at the first bound not below nanos's power
     * of two, so it steps at most once when no two bounds share a power of two, as 1-2.5-5 per decade never do.
     */
    int bucket(long nanos) {
        if (nanos <= bounds[0]) {
            return 0; // most classes of most tasks never waited: the first bucket, with no search
        }
        int i = firstFrom[63 - Long.numberOfLeadingZeros(nanos)];
        i += nanos > bounds[i] ? 1 : 0; // the one step, branch-free: a data-dependent branch mispredicts per record
        while (nanos > bounds[i]) { // only bounds that share a power of two get here
            i++;
        }
        return i;
    }

    public DelayTotals copy() {
        return new DelayTotals(this);
    }

    /** Waits counted, total nanoseconds and implausible records of class {@code k} (a DelayClass ordinal). */
    public long events(int k) {
        return events[k];
    }

    public long totalNanos(int k) {
        return totalNanos[k];
    }

    public long implausible(int k) {
        return implausible[k];
    }

    /** Class {@code k}'s tasks per bucket (not cumulative), the last one +Inf. */
    public long[] buckets(int k) {
        long[] out = java.util.Arrays.copyOfRange(buckets, k * bucketCount, (k + 1) * bucketCount);
        long waited = 0;
        for (long n : out) {
            waited += n;
        }
        out[0] += tasks - tasksLeftOut[k] - waited; // those that never waited: 0 ns is in the first bucket
        return out;
    }

    /** The struct version of the newest record, 0 before any. */
    public int taskstatsVersion() {
        return taskstatsVersion;
    }
}
