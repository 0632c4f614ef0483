package io.taskscope.session.views;

import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import org.HdrHistogram.Histogram;

/**
 * For each delay class, the distribution of per-task mean delay (total / count, ns) over the records a listener
 * received: HdrHistogram, 1 ns to 1 hour at 2 significant digits (about 20 KiB a class). Values the kernel sent
 * that cannot be true ({@link DelayPlausibility}) are counted and kept apart, so a reader chooses whether they count.
 */
public final class DelayDistribution {

    private static final long MAX_NANOS = 3_600_000_000_000L;
    private final Histogram[] byClass = new Histogram[DelayClass.values().length];
    private final Histogram[] implausible = new Histogram[DelayClass.values().length];

    public DelayDistribution() {
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = new Histogram(1, MAX_NANOS, 2);
            implausible[c] = new Histogram(1, MAX_NANOS, 2);
        }
    }

    /** One sound record: per class its total and count (by DelayClass ordinal); classes without events skipped. */
    public void add(long[] totals, long[] counts) {
        add(totals, counts, 0);
    }

    /** One record, whose classes in {@code implausibleMask} (bit per DelayClass ordinal) cannot be true. */
    public void add(long[] totals, long[] counts, int implausibleMask) {
        for (int c = 0; c < byClass.length; c++) {
            if (counts[c] > 0 && totals[c] != 0) {
                Histogram h = (implausibleMask & (1 << c)) != 0 ? implausible[c] : byClass[c];
                h.recordValue(Math.min(MAX_NANOS, Math.max(1, Long.compareUnsigned(totals[c], MAX_NANOS) > 0
                        ? MAX_NANOS : totals[c] / counts[c])));
            }
        }
    }

    /** A copy of the sound records' distribution, safe to read on another thread. */
    public Histogram copyOf(DelayClass c) {
        return byClass[c.ordinal()].copy();
    }

    /** A copy, with the implausible records added back when {@code withImplausible}. */
    public Histogram copyOf(DelayClass c, boolean withImplausible) {
        Histogram out = byClass[c.ordinal()].copy();
        if (withImplausible) {
            out.add(implausible[c.ordinal()]);
        }
        return out;
    }

    /** Sound records with events of this class. */
    public long tasks(DelayClass c) {
        return byClass[c.ordinal()].getTotalCount();
    }

    /** Records whose total of this class cannot be true. */
    public long implausible(DelayClass c) {
        return implausible[c.ordinal()].getTotalCount();
    }
}
