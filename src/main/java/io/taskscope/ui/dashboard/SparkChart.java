package io.taskscope.ui.dashboard;

import io.taskscope.ui.base.AxisLabels;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records/s over the last minute: a line from the first real sample on, a value axis from 0 in round steps and a
 * time axis ("-60 s … now"), both with labels that never run together. A Region, so a CUSTOM tile sizes it.
 */
final class SparkChart extends Region {

    private static final double GAP = 3;
    private static final int[] TIME_STEPS = {10, 15, 20, 30, 60};
    /** Samples further apart than this (the dashboard was not on screen) are not joined by a line. */
    private static final long GAP_NANOS = 2_000_000_000L;

    private final Canvas canvas = new Canvas();
    private final Text probe = new Text();
    private RateHistory history = new RateHistory();
    private TilesTheme theme = TilesTheme.LIGHT;
    private Font font = Font.font(10);
    private List<AxisLabels.Placed> valueLabels = List.of();

    SparkChart() {
        getChildren().add(canvas);
        setMinSize(0, 0);
    }

    void show(RateHistory samples, TilesTheme colours, double fontSize) {
        history = samples;
        theme = colours;
        font = Font.font(fontSize);
        probe.setFont(font);
        paint();
    }

    /** The value axis' labels as drawn (for tests). */
    List<String> valueLabels() {
        return valueLabels.stream().map(AxisLabels.Placed::text).toList();
    }

    // it takes the room its tile gives and asks for none: a pref size from the canvas (the last size) would make the
    // tile's content taller each time it grew, and spill out below it
    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 0;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(snapSizeX(getWidth()));
        canvas.setHeight(snapSizeY(getHeight()));
        paint();
    }

    private double width(String text) {
        probe.setText(text);
        return Math.ceil(probe.getLayoutBounds().getWidth());
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double line = Math.ceil(font.getSize() * 1.2);
        double top = line / 2;
        double bottom = h - line - 2;
        if (bottom - top < line * 2 || w < 60) {
            return; // too small for a chart
        }
        // a tick every two lines or so: the labels read as an axis, not a column of numbers
        SparkScale scale = SparkScale.of(history.max(), (int) ((bottom - top) / (1.8 * line)));
        List<AxisLabels.Candidate> candidates = new ArrayList<>();
        double[] ticks = scale.ticks();
        for (int i = ticks.length - 1; i >= 0; i--) { // the top first: it says how high the line goes
            candidates.add(new AxisLabels.Candidate(format(ticks[i]), y(ticks[i], scale, top, bottom)));
        }
        valueLabels = AxisLabels.place(candidates, t -> line, 0, bottom + line / 2, GAP);
        double left = 0;
        for (AxisLabels.Placed p : valueLabels) {
            left = Math.max(left, width(p.text()) + 4);
        }
        g.setFont(font);
        g.setLineWidth(1);
        g.setStroke(theme.track());
        g.setFill(theme.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (AxisLabels.Placed p : valueLabels) {
            g.strokeLine(left + 2, Math.round(p.center()) + 0.5, w, Math.round(p.center()) + 0.5);
            g.fillText(p.text(), left - 2, (p.start() + p.end()) / 2);
        }
        paintTimeAxis(g, left + 2, w, bottom);
        paintLine(g, scale, left + 2, w, top, bottom);
    }

    private void paintTimeAxis(GraphicsContext g, double x0, double x1, double bottom) {
        double perSecond = (x1 - x0) / (RateHistory.WINDOW_NANOS / 1e9);
        // room for one and a half labels: the edge labels are nudged inside the plot, towards their neighbours
        int step = AxisLabels.step(perSecond, 1.5 * width("-60 s") + 8, TIME_STEPS);
        List<AxisLabels.Candidate> candidates = new ArrayList<>();
        int window = (int) (RateHistory.WINDOW_NANOS / 1_000_000_000L);
        for (int ago = 0; ago <= window; ago += step) {
            candidates.add(new AxisLabels.Candidate(ago == 0 ? "now" : "-" + ago + " s", x1 - ago * perSecond));
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        // from the plot's left edge: the value axis' "0" sits left of it, just above
        for (AxisLabels.Placed p : AxisLabels.place(candidates, this::width, x0, x1, 8)) {
            g.fillText(p.text(), p.start(), bottom + 2);
        }
    }

    private void paintLine(GraphicsContext g, SparkScale scale, double x0, double x1, double top, double bottom) {
        int n = history.size();
        if (n == 0) {
            return;
        }
        long newest = history.at(n - 1);
        double perNano = (x1 - x0 - 4) / RateHistory.WINDOW_NANOS; // 4: room for the dot
        g.setStroke(theme.line());
        g.setLineWidth(2);
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double x = x1 - 4 - (newest - history.at(i)) * perNano;
            double y = y(history.value(i), scale, top, bottom);
            if (i == 0 || history.at(i) - history.at(i - 1) > GAP_NANOS) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        g.setFill(theme.line());
        g.fillOval(x1 - 7, y(history.value(n - 1), scale, top, bottom) - 3, 6, 6);
    }

    private static double y(double value, SparkScale scale, double top, double bottom) {
        return bottom - value / scale.top() * (bottom - top);
    }

    private static String format(double value) {
        if (value >= 10_000) {
            double k = value / 1000;
            return String.format(Locale.ROOT, k == Math.rint(k) ? "%.0fk" : "%.1fk", k);
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
