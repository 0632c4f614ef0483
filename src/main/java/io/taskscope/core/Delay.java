package io.taskscope.core;

/**
 * One delay class of one record: how many delays, their total, and (struct v15+) the longest and shortest.
 * Times in nanoseconds.
 */
public record Delay(DelayClass delayClass, long count, long total, long max, long min) {

    /** Mean delay per event in ns, or 0 when there was none. */
    public double average() {
        return count == 0 ? 0 : (double) total / count;
    }

    /** "zero XXX_total, non-zero XXX_count implies XXX stat overflowed" (include/uapi/linux/taskstats.h). */
    public boolean overflowed() {
        return total == 0 && count != 0;
    }
}
