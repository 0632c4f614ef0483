package io.taskscope.core;

/**
 * The eight kinds of waiting that delay accounting measures (Documentation/accounting/delay-accounting.rst), each
 * with the struct taskstats fields that carry it. Counts keep counting when a total wraps: "zero XXX_total,
 * non-zero XXX_count implies XXX stat overflowed".
 */
public enum DelayClass {
    /** Runnable but waiting for a CPU. Filled from sched_info even when task_delayacct is off. */
    CPU("cpu", "CPU", 1, TaskstatsField.CPU_COUNT, TaskstatsField.CPU_DELAY_TOTAL,
            TaskstatsField.CPU_DELAY_MAX, TaskstatsField.CPU_DELAY_MIN),
    /** Waiting for synchronous block I/O. */
    BLKIO("blkio", "Block I/O", 1, TaskstatsField.BLKIO_COUNT, TaskstatsField.BLKIO_DELAY_TOTAL,
            TaskstatsField.BLKIO_DELAY_MAX, TaskstatsField.BLKIO_DELAY_MIN),
    /** Page-fault I/O for swapped-out pages. */
    SWAPIN("swapin", "Swap-in", 1, TaskstatsField.SWAPIN_COUNT, TaskstatsField.SWAPIN_DELAY_TOTAL,
            TaskstatsField.SWAPIN_DELAY_MAX, TaskstatsField.SWAPIN_DELAY_MIN),
    /** Direct memory reclaim. */
    FREEPAGES("freepages", "Reclaim", 7, TaskstatsField.FREEPAGES_COUNT, TaskstatsField.FREEPAGES_DELAY_TOTAL,
            TaskstatsField.FREEPAGES_DELAY_MAX, TaskstatsField.FREEPAGES_DELAY_MIN),
    /** Refaulting pages that were recently evicted. */
    THRASHING("thrashing", "Thrashing", 9, TaskstatsField.THRASHING_COUNT, TaskstatsField.THRASHING_DELAY_TOTAL,
            TaskstatsField.THRASHING_DELAY_MAX, TaskstatsField.THRASHING_DELAY_MIN),
    /** Direct memory compaction. */
    COMPACT("compact", "Compaction", 11, TaskstatsField.COMPACT_COUNT, TaskstatsField.COMPACT_DELAY_TOTAL,
            TaskstatsField.COMPACT_DELAY_MAX, TaskstatsField.COMPACT_DELAY_MIN),
    /** Write-protect copy (copy on write faults). */
    WPCOPY("wpcopy", "Write-protect copy", 13, TaskstatsField.WPCOPY_COUNT, TaskstatsField.WPCOPY_DELAY_TOTAL,
            TaskstatsField.WPCOPY_DELAY_MAX, TaskstatsField.WPCOPY_DELAY_MIN),
    /** IRQ and softirq time stolen from the task; needs CONFIG_IRQ_TIME_ACCOUNTING. */
    IRQ("irq", "IRQ", 14, TaskstatsField.IRQ_COUNT, TaskstatsField.IRQ_DELAY_TOTAL,
            TaskstatsField.IRQ_DELAY_MAX, TaskstatsField.IRQ_DELAY_MIN);

    private final String kernelPrefix;
    private final String label;
    private final int sinceVersion;
    private final TaskstatsField count;
    private final TaskstatsField total;
    private final TaskstatsField max;
    private final TaskstatsField min;

    DelayClass(String kernelPrefix, String label, int sinceVersion, TaskstatsField count, TaskstatsField total,
               TaskstatsField max, TaskstatsField min) {
        this.kernelPrefix = kernelPrefix;
        this.label = label;
        this.sinceVersion = sinceVersion;
        this.count = count;
        this.total = total;
        this.max = max;
        this.min = min;
    }

    /** The prefix of its kernel field names: "blkio" for blkio_count, blkio_delay_total... */
    public String kernelPrefix() {
        return kernelPrefix;
    }

    /** A short name for people: "Block I/O". */
    public String label() {
        return label;
    }

    /** The struct version that added its count and total (max and min came with v15). */
    public int sinceVersion() {
        return sinceVersion;
    }

    public TaskstatsField countField() {
        return count;
    }

    public TaskstatsField totalField() {
        return total;
    }

    /** v17's {@code X_delay_max_ts}: when the maximum was last raised, epoch nanoseconds (0: never). */
    public TaskstatsField maxTimeField() {
        return MAX_TIMES[ordinal()];
    }

    private static final TaskstatsField[] MAX_TIMES = java.util.Arrays.stream(values())
            .map(c -> TaskstatsField.byKernelName(c.kernelPrefix + "_delay_max_ts")).toArray(TaskstatsField[]::new);

    public TaskstatsField maxField() {
        return max;
    }

    public TaskstatsField minField() {
        return min;
    }
}
