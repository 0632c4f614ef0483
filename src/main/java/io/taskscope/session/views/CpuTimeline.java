package io.taskscope.session.views;

import io.taskscope.core.DelayClass;

/**
 * Per CPU and per second of record time: exits, and for each delay class the summed delay and events, over the
 * last {@link #seconds()} seconds. The time axis is a ring of columns (moving the write position, never the data);
 * a column is cleared when its second comes round again. Column-major so that clearing a column is one fill.
 * Memory is bounded by {@link #BUDGET_BYTES} whatever the CPU count: big machines keep fewer seconds.
 */
public final class CpuTimeline {

    public static final int MAX_SECONDS = 300;
    public static final int MIN_SECONDS = 30;
    public static final long BUDGET_BYTES = 96L << 20;
    private static final DelayClass[] CLASSES = DelayClass.values();
    /** Bytes per cell: exits (int) + per class a float total and an int count. */
    private static final int CELL_BYTES = 4 + CLASSES.length * 8;

    private final int cpus;
    private final int seconds;
    private final int[] exits;
    private final float[][] delayTotal = new float[CLASSES.length][];
    private final int[][] delayCount = new int[CLASSES.length][];
    private final long[] columnSecond;
    /**
     * Per class and column, the longest single wait (a task's X_delay_max) whose moment the kernel stamped (v17's
     * X_delay_max_ts), that moment (epoch ns) and the CPU its task exited on: where the heatmap marks the worst.
     */
    private final long[][] worstWait = new long[CLASSES.length][];
    private final long[][] worstAt = new long[CLASSES.length][];
    private final int[][] worstCpu = new int[CLASSES.length][];
    /** Per class and CPU, the delay summed over the columns in the window (kept as columns come and go). */
    private final double[][] windowTotal = new double[CLASSES.length][];
    private long latest = Long.MIN_VALUE;
    private long earliest = Long.MAX_VALUE;

    public CpuTimeline(int cpus) {
        this.cpus = cpus;
        this.seconds = (int) Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, BUDGET_BYTES / ((long) cpus * CELL_BYTES)));
        exits = new int[cpus * seconds];
        for (int c = 0; c < CLASSES.length; c++) {
            delayTotal[c] = new float[cpus * seconds];
            delayCount[c] = new int[cpus * seconds];
        }
        for (int c = 0; c < CLASSES.length; c++) {
            worstWait[c] = new long[seconds];
            worstAt[c] = new long[seconds];
            worstCpu[c] = new int[seconds];
        }
        columnSecond = new long[seconds];
        java.util.Arrays.fill(columnSecond, Long.MIN_VALUE);
        for (int c = 0; c < CLASSES.length; c++) {
            windowTotal[c] = new double[cpus];
        }
    }

    public int cpus() {
        return cpus;
    }

    /** How many seconds of history are kept. */
    public int seconds() {
        return seconds;
    }

    /** The oldest second seen (epoch seconds), or Long.MAX_VALUE. */
    public long earliestSecond() {
        return earliest;
    }

    /** The newest second seen (epoch seconds), or Long.MIN_VALUE. */
    public long latestSecond() {
        return latest;
    }

    /** The column for an epoch second, clearing it first when it held an older second; -1 when too old. */
    private int column(long second) {
        if (latest != Long.MIN_VALUE && second <= latest - seconds) {
            return -1;
        }
        latest = Math.max(latest, second);
        earliest = Math.min(earliest, second);
        int col = (int) Math.floorMod(second, seconds);
        if (columnSecond[col] != second) {
            columnSecond[col] = second;
            int from = col * cpus;
            java.util.Arrays.fill(exits, from, from + cpus, 0);
            for (int c = 0; c < CLASSES.length; c++) {
                for (int cpu = 0; cpu < cpus; cpu++) {
                    windowTotal[c][cpu] -= delayTotal[c][from + cpu];
                }
                java.util.Arrays.fill(delayTotal[c], from, from + cpus, 0f);
                java.util.Arrays.fill(delayCount[c], from, from + cpus, 0);
                worstWait[c][col] = 0;
            }
        }
        return col;
    }

    /** Counts one exit; {@code totals}/{@code counts} by DelayClass ordinal. */
    public void add(int cpu, long epochNanos, long[] totals, long[] counts) {
        if (cpu < 0 || cpu >= cpus) {
            return;
        }
        int col = column(Math.floorDiv(epochNanos, 1_000_000_000L));
        if (col < 0) {
            return;
        }
        int i = col * cpus + cpu;
        exits[i]++;
        for (int c = 0; c < CLASSES.length; c++) {
            if (counts[c] != 0) {
                float before = delayTotal[c][i];
                delayTotal[c][i] += totals[c];
                windowTotal[c][cpu] += delayTotal[c][i] - before; // exactly what the cell gained, float rounding included
                delayCount[c][i] += (int) counts[c];
            }
        }
    }

    /**
     * Notes a task's longest wait of a class, {@code maxNanos}, which ended at {@code atNanos} (v17's timestamp,
     * taken by ktime_get_real_ts64() when the maximum was raised; 0: not stamped, ignored), for the task that exited
     * on {@code cpu} at {@code exitNanos}.
     */
    public void worst(DelayClass c, int cpu, long exitNanos, long maxNanos, long atNanos) {
        if (atNanos == 0 || cpu < 0 || cpu >= cpus) {
            return;
        }
        int col = column(Math.floorDiv(exitNanos, 1_000_000_000L));
        if (col >= 0 && Long.compareUnsigned(maxNanos, worstWait[c.ordinal()][col]) > 0) {
            worstWait[c.ordinal()][col] = maxNanos;
            worstAt[c.ordinal()][col] = atNanos;
            worstCpu[c.ordinal()][col] = cpu;
        }
    }

    /** The longest stamped wait of a class in the window among {@code cpuRows}, or null when none was stamped. */
    public WorstWait worstIn(DelayClass c, int[] cpuRows) {
        WorstWait best = null;
        for (int col = 0; col < seconds; col++) {
            long second = columnSecond[col];
            long wait = worstWait[c.ordinal()][col];
            if (wait == 0 || second == Long.MIN_VALUE || second <= latest - seconds) {
                continue;
            }
            int cpu = worstCpu[c.ordinal()][col];
            if (java.util.Arrays.binarySearch(cpuRows, cpu) < 0) {
                continue;
            }
            if (best == null || Long.compareUnsigned(wait, best.waitNanos()) > 0) {
                best = new WorstWait(c, cpu, worstAt[c.ordinal()][col], wait);
            }
        }
        return best;
    }

    /** A class's worst single wait: on which CPU's task, when it happened (epoch ns), how long (ns). */
    public record WorstWait(DelayClass delayClass, int cpu, long atNanos, long waitNanos) {
    }

    /** A delay class's total on one CPU over the whole window, ns. */
    public double windowTotal(DelayClass c, int cpu) {
        return cpu < 0 || cpu >= cpus ? 0 : Math.max(0, windowTotal[c.ordinal()][cpu]);
    }

    /** The events of a class behind one CPU's mean in one second (0 for unknown seconds): a mean's weight. */
    public int events(DelayClass c, int cpu, long second) {
        if (second > latest || second <= latest - seconds || cpu < 0 || cpu >= cpus) {
            return 0;
        }
        int col = (int) Math.floorMod(second, seconds);
        return columnSecond[col] == second ? delayCount[c.ordinal()][col * cpus + cpu] : 0;
    }

    /** The value of a metric for one CPU and second (NaN for a mean without events, 0 for unknown seconds). */
    public double value(Metric metric, int cpu, long second) {
        if (second > latest || second <= latest - seconds || cpu < 0 || cpu >= cpus) {
            return 0;
        }
        int col = (int) Math.floorMod(second, seconds);
        if (columnSecond[col] != second) {
            return metric.kind() == Metric.Kind.DELAY_MEAN ? Double.NaN : 0;
        }
        int i = col * cpus + cpu;
        return switch (metric.kind()) {
            case EXITS -> exits[i];
            case LOST -> 0;
            case DELAY_TOTAL -> delayTotal[metric.delayClass().ordinal()][i];
            case DELAY_MEAN -> {
                int n = delayCount[metric.delayClass().ordinal()][i];
                yield n == 0 ? Double.NaN : delayTotal[metric.delayClass().ordinal()][i] / n;
            }
        };
    }
}
