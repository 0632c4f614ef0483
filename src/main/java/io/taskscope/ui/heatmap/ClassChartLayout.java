package io.taskscope.ui.heatmap;

import io.taskscope.core.DelayClass;
import io.taskscope.ui.base.AxisLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where the delay class × CPU chart draws: a row per class, a column per CPU (or CPU group, when columns would be
 * thinner than {@link #MIN_COLUMN}), and CPU labels under the columns that never run together: every k-th column,
 * k as large as the widest label needs.
 */
public final class ClassChartLayout {

    public static final double MIN_COLUMN = 3;
    public static final double ROW = 10;
    /** Room under the rows for the CPU labels. */
    public static final double AXIS = 15;
    static final double GAP = 10;
    private static final int[] COLUMN_STEPS = {1, 2, 4, 8};

    private final double left;
    private final double plotWidth;
    private final CpuGroups groups;
    private final List<AxisLabels.Placed> columnLabels;

    /**
     * @param width     the canvas, px
     * @param cpus      the CPUs, in column order
     * @param left      where the columns start (lined up with the strip above)
     * @param textWidth a label's width, px
     */
    public ClassChartLayout(double width, int[] cpus, double left, ToDoubleFunction<String> textWidth) {
        this.left = left;
        this.plotWidth = Math.max(0, width - left - StripLayout.RIGHT);
        this.groups = CpuGroups.fit(cpus, (int) Math.floor(plotWidth / MIN_COLUMN));
        this.columnLabels = placeLabels(width, textWidth);
    }

    /** The left margin the class names need. */
    public static double marginFor(ToDoubleFunction<String> textWidth) {
        double widest = 0;
        for (DelayClass c : DelayClass.values()) {
            widest = Math.max(widest, textWidth.applyAsDouble(c.kernelPrefix()));
        }
        return Math.ceil(widest + StripLayout.LABEL_PAD + 2);
    }

    private List<AxisLabels.Placed> placeLabels(double width, ToDoubleFunction<String> textWidth) {
        if (groups.count() == 0) {
            return List.of();
        }
        double widest = 0;
        for (int g = 0; g < groups.count(); g++) {
            widest = Math.max(widest, textWidth.applyAsDouble(groups.label(g)));
        }
        int step = AxisLabels.step(columnWidth(), widest + GAP, COLUMN_STEPS);
        List<AxisLabels.Candidate> candidates = new ArrayList<>();
        for (int g = 0; g < groups.count(); g += step) {
            candidates.add(new AxisLabels.Candidate(groups.label(g), columnX(g) + columnWidth() / 2));
        }
        return AxisLabels.place(candidates, textWidth, 0, width, GAP);
    }

    public CpuGroups groups() {
        return groups;
    }

    public double height() {
        return DelayClass.values().length * ROW + AXIS;
    }

    public double left() {
        return left;
    }

    public double columnWidth() {
        return groups.count() == 0 ? 0 : plotWidth / groups.count();
    }

    public double columnX(int column) {
        return left + column * columnWidth();
    }

    /** The CPU labels: each centred on its extent. */
    public List<AxisLabels.Placed> columnLabels() {
        return columnLabels;
    }

    /** The column under an x, or -1. */
    public int columnAt(double x) {
        if (groups.count() == 0 || x < left || x >= left + plotWidth) {
            return -1;
        }
        return Math.min(groups.count() - 1, (int) ((x - left) / columnWidth()));
    }

    /** The class row under a y, or null. */
    public DelayClass classAt(double y) {
        int row = (int) Math.floor(y / ROW);
        return y < 0 || row >= DelayClass.values().length ? null : DelayClass.values()[row];
    }
}
