package io.taskscope.ui.heatmap;

import io.taskscope.core.Units;
import io.taskscope.session.views.CpuTimeline;
import io.taskscope.ui.base.AxisLabels;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * Paints the CPU × time strip: one pixel per (row, second) in a WritableImage written in bulk and drawn scaled
 * without smoothing, row labels, time labels, and the worst wait's ring.
 */
final class StripPainter {

    private WritableImage image;
    private int[] pixels = new int[0];

    /** @param cells {@code [row * seconds + column]}, as many rows as the layout has */
    void paint(GraphicsContext g, StripLayout layout, double[] cells, HeatScale scale, List<AxisLabels.Placed> ticks,
               HeatmapTheme theme, TextMeasure text) {
        int cols = layout.seconds();
        int rows = layout.rows();
        if (image == null || (int) image.getWidth() != cols || (int) image.getHeight() != rows) {
            image = new WritableImage(cols, rows);
            pixels = new int[cols * rows];
        }
        for (int i = 0; i < rows * cols; i++) {
            pixels[i] = Viridis.argb(scale.t(cells[i]), theme.empty());
        }
        image.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), pixels, 0, cols);
        g.setImageSmoothing(false);
        g.drawImage(image, layout.left(), layout.top(), layout.plotWidth(), layout.plotHeight());
        g.setFill(theme.axis());
        g.setFont(text.font());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (AxisLabels.Placed label : layout.rowLabels()) {
            g.fillText(label.text(), layout.left() - StripLayout.LABEL_PAD, (label.start() + label.end()) / 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double y = layout.top() + layout.plotHeight() + StripLayout.TIME_AXIS_GAP;
        for (AxisLabels.Placed tick : ticks) {
            g.fillText(tick.text(), tick.start(), y);
        }
    }

    /** v17: a ring where (row: its task's CPU; column: the moment the kernel stamped) the worst wait ended. */
    void paintWorstWait(GraphicsContext g, StripLayout layout, CpuTimeline.WorstWait worst, long latestSecond,
                        HeatmapTheme theme) {
        int row = worst == null ? -1 : layout.groups().groupOfCpu(worst.cpu());
        if (row < 0) {
            return;
        }
        int cols = layout.seconds();
        double column = worst.atNanos() / 1e9 - (latestSecond - cols + 1);
        if (column < 0 || column > cols) {
            return; // it happened before the window (a long-lived task's worst wait)
        }
        double x = layout.columnX(column);
        double y = layout.rowCenter(row);
        double radius = Math.max(5, Math.min(9, layout.rowHeight()));
        boolean right = column > cols * 0.7;
        g.setStroke(theme.mark());
        g.setLineWidth(2);
        g.strokeOval(x - radius, y - radius, 2 * radius, 2 * radius);
        g.setFill(theme.mark());
        g.setTextAlign(right ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("worst " + worst.delayClass().label() + " wait: " + Units.nanos(worst.waitNanos()),
                right ? x - radius - 4 : x + radius + 4, y);
    }
}
