package io.taskscope.ui.heatmap;

import io.taskscope.ui.base.AxisLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where the CPU × time strip draws, decided without JavaFX: rows at least {@link #MIN_ROW} px tall (CPUs gather into
 * groups when one row each does not fit), a left margin as wide as the widest row label, row labels that never
 * overlap, and which row and second lie under a point.
 */
public final class StripLayout {

    /** The least height of a row, px: below it a row is a smear, not something to point at. */
    public static final double MIN_ROW = 12;
    public static final double TOP = 4;
    /** Room under the plot for the time axis. */
    public static final double BOTTOM = 20;
    public static final double RIGHT = 10;
    /** Between the plot's bottom and the time axis labels. */
    public static final double TIME_AXIS_GAP = 4;
    /** Between a row label and the plot, and between two labels. */
    static final double LABEL_PAD = 6;
    static final double LABEL_GAP = 1;
    private static final int[] ROW_STEPS = {1, 2, 4, 8};

    private final double width;
    private final double left;
    private final double plotWidth;
    private final double plotHeight;
    private final int seconds;
    private final CpuGroups groups;
    private final List<AxisLabels.Placed> rowLabels;

    /**
     * @param width      the canvas, px
     * @param height     the canvas, px
     * @param cpus       the CPUs, in row order
     * @param seconds    columns
     * @param minLeft    the least left margin (so the chart below can line up with this one)
     * @param textWidth  a label's width, px
     * @param lineHeight a label's height, px
     */
    public StripLayout(double width, double height, int[] cpus, int seconds, double minLeft,
                       ToDoubleFunction<String> textWidth, double lineHeight) {
        this.width = width;
        this.seconds = Math.max(1, seconds);
        this.plotHeight = Math.max(0, height - TOP - BOTTOM);
        this.groups = CpuGroups.fit(cpus, (int) Math.floor(plotHeight / MIN_ROW));
        double widest = 0;
        for (int g = 0; g < groups.count(); g++) {
            widest = Math.max(widest, textWidth.applyAsDouble(groups.label(g)));
        }
        this.left = Math.max(minLeft, Math.ceil(widest + LABEL_PAD + 2));
        this.plotWidth = Math.max(0, width - left - RIGHT);
        this.rowLabels = placeRowLabels(lineHeight);
    }

    private List<AxisLabels.Placed> placeRowLabels(double lineHeight) {
        int rows = groups.count();
        if (rows == 0) {
            return List.of();
        }
        int step = AxisLabels.step(rowHeight(), lineHeight + LABEL_GAP, ROW_STEPS);
        List<AxisLabels.Candidate> candidates = new ArrayList<>();
        for (int g = 0; g < rows; g += step) {
            candidates.add(new AxisLabels.Candidate(groups.label(g), rowCenter(g)));
        }
        // a label is as tall as a line; it may reach into the top margin, never down to the time axis
        return AxisLabels.place(candidates, text -> lineHeight, 0, TOP + plotHeight + TIME_AXIS_GAP / 2, LABEL_GAP);
    }

    public CpuGroups groups() {
        return groups;
    }

    public int rows() {
        return groups.count();
    }

    public double left() {
        return left;
    }

    public double top() {
        return TOP;
    }

    public double plotWidth() {
        return plotWidth;
    }

    public double plotHeight() {
        return plotHeight;
    }

    public double width() {
        return width;
    }

    public int seconds() {
        return seconds;
    }

    public double rowHeight() {
        return groups.count() == 0 ? 0 : plotHeight / groups.count();
    }

    public double columnWidth() {
        return plotWidth / seconds;
    }

    /** The row labels to draw: each centred vertically on its extent, right-aligned to the plot. */
    public List<AxisLabels.Placed> rowLabels() {
        return rowLabels;
    }

    public double rowCenter(int row) {
        return TOP + (row + 0.5) * rowHeight();
    }

    /** The x of a column's left edge (column {@code seconds} is the plot's right edge). */
    public double columnX(double column) {
        return left + column * columnWidth();
    }

    /** The row (group) under a y, or -1. */
    public int rowAt(double y) {
        if (rows() == 0 || y < TOP || y >= TOP + plotHeight) {
            return -1;
        }
        return Math.min(rows() - 1, (int) ((y - TOP) / rowHeight()));
    }

    /** The column under an x, or -1. */
    public int columnAt(double x) {
        if (x < left || x >= left + plotWidth) {
            return -1;
        }
        return Math.min(seconds - 1, (int) ((x - left) / columnWidth()));
    }
}
