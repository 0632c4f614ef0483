package io.taskscope.ui.heatmap;

import io.taskscope.core.DelayClass;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.ViewSnapshot;

/**
 * A heatmap's per-CPU values combined per CPU group, as the metric means them: exits/s, lost/s and delay totals add
 * up over a group's CPUs; a mean delay per event is the group's total delay over its total events (each CPU weighted
 * by its events, so a CPU with one odd event does not pull a busy group's mean). NaN: no events in the group.
 */
public final class GroupedCells {

    private GroupedCells() {
    }

    /** The snapshot's cells per group: {@code [group * seconds + column]}. */
    public static double[] of(ViewSnapshot v, CpuGroups groups) {
        return combine(v.metric().kind(), v.cells(), v.events(), v.seconds(), groups);
    }

    /**
     * {@code cells} (and for a mean {@code events}, the events behind each) laid out {@code [row * seconds + column]},
     * combined per group.
     */
    public static double[] combine(Metric.Kind kind, double[] cells, double[] events, int seconds, CpuGroups groups) {
        double[] out = new double[groups.count() * seconds];
        boolean mean = kind == Metric.Kind.DELAY_MEAN;
        for (int g = 0; g < groups.count(); g++) {
            for (int col = 0; col < seconds; col++) {
                double sum = 0;
                double weight = 0;
                for (int row = groups.firstRow(g); row < groups.endRow(g); row++) {
                    double value = cells[row * seconds + col];
                    if (Double.isNaN(value)) {
                        continue; // a mean without events
                    }
                    double n = mean ? (events == null ? 1 : events[row * seconds + col]) : 1;
                    sum += value * n;
                    weight += n;
                }
                out[g * seconds + col] = mean ? (weight > 0 ? sum / weight : Double.NaN) : sum;
            }
        }
        return out;
    }

    /**
     * The row of a group whose own value in a column is the highest (the CPU a click on the group shows), or the
     * group's first row when none has a value.
     */
    public static int highestRow(double[] cells, int seconds, CpuGroups groups, int group, int column) {
        int best = groups.firstRow(group);
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int row = groups.firstRow(group); row < groups.endRow(group); row++) {
            double value = cells[row * seconds + column];
            if (!Double.isNaN(value) && value > bestValue) {
                best = row;
                bestValue = value;
            }
        }
        return best;
    }

    /**
     * Per group and class, the share of the group's delay (summed over the window) that class holds:
     * {@code [class * groups + group]}, NaN for a group without delay.
     */
    public static double[] classShares(ViewSnapshot v, CpuGroups groups) {
        DelayClass[] classes = DelayClass.values();
        double[] out = new double[classes.length * groups.count()];
        for (int g = 0; g < groups.count(); g++) {
            double total = 0;
            for (DelayClass c : classes) {
                for (int row = groups.firstRow(g); row < groups.endRow(g); row++) {
                    total += v.delay(c, row);
                }
            }
            for (DelayClass c : classes) {
                double sum = 0;
                for (int row = groups.firstRow(g); row < groups.endRow(g); row++) {
                    sum += v.delay(c, row);
                }
                out[c.ordinal() * groups.count() + g] = total > 0 ? sum / total : Double.NaN;
            }
        }
        return out;
    }
}
