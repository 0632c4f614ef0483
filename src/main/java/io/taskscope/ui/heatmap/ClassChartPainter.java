package io.taskscope.ui.heatmap;

import io.taskscope.core.DelayClass;
import io.taskscope.ui.base.AxisLabels;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/** Paints the delay class × CPU chart: per column (CPU or group) each class's share of its delay, one row a class. */
final class ClassChartPainter {

    private ClassChartPainter() {
    }

    /** @param shares {@code [class * columns + column]}, NaN for a column without delay */
    static void paint(GraphicsContext g, ClassChartLayout layout, double[] shares, HeatmapTheme theme,
                      TextMeasure text) {
        DelayClass[] classes = DelayClass.values();
        double row = ClassChartLayout.ROW;
        g.setFont(text.font());
        g.setFill(theme.axis());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (DelayClass c : classes) {
            g.fillText(c.kernelPrefix(), layout.left() - StripLayout.LABEL_PAD, c.ordinal() * row + row / 2);
        }
        int columns = layout.groups().count();
        double cw = layout.columnWidth();
        for (int col = 0; col < columns; col++) {
            // whole pixels, so neighbouring columns neither overlap nor leave seams
            double x0 = Math.round(layout.columnX(col));
            double x1 = Math.round(layout.columnX(col) + cw);
            for (DelayClass c : classes) {
                double share = shares[c.ordinal() * columns + col];
                g.setFill(Viridis.fx(Viridis.argb(share, theme.empty())));
                g.fillRect(x0, c.ordinal() * row, Math.max(1, x1 - x0), row - 1);
            }
        }
        g.setFill(theme.axis());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (AxisLabels.Placed label : layout.columnLabels()) {
            g.fillText(label.text(), label.start(), classes.length * row + 3);
        }
    }
}
