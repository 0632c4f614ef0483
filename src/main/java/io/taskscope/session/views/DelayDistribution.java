package io.taskscope.session.views;

import io.taskscope.core.DelayClass;
import org.HdrHistogram.Histogram;

/**
 * For each delay class, the distribution of per-task mean delay (total / count, ns) over the records a listener
 * received: HdrHistogram, 1 ns to 1 hour at 2 significant digits (about 20 KiB a class).
 */
public final class DelayDistribution {

    private static final long MAX_NANOS = 3_600_000_000_000L;
    private final Histogram[] byClass = new Histogram[DelayClass.values().length];

    public DelayDistribution() {
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = new Histogram(1, MAX_NANOS, 2);
        }
    }

    /** One record: per class its total and count (by DelayClass ordinal); classes without events are skipped. */
    public void add(long[] totals, long[] counts) {
        for (int c = 0; c < byClass.length; c++) {
            if (counts[c] > 0 && totals[c] > 0) {
                byClass[c].recordValue(Math.min(MAX_NANOS, Math.max(1, totals[c] / counts[c])));
            }
        }
    }

    /** A copy, safe to read on another thread. */
    public Histogram copyOf(DelayClass c) {
        return byClass[c.ordinal()].copy();
    }

    public long tasks(DelayClass c) {
        return byClass[c.ordinal()].getTotalCount();
    }
}
