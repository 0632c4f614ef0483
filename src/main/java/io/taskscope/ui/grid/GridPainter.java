package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.ui.base.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws the grid on its canvas: per cell its number, heat, a stripe per listener on it, hatching where no listener
 * is, the loss corner, the active listener's outline and the keyboard cursor.
 * <p>
 * Between full redraws only the cells whose look (heat level, offline, losing) changed are drawn again; the canvas
 * keeps the rest. Anything else that changes the look (listeners, theme, cursor, layout) asks for a full redraw.
 * Cells are drawn with axis-aligned rectangles only: the software pipeline fills those directly, while every rounded
 * rectangle went through the anti-aliasing rasteriser, which was most of the renderer's time per frame.
 */
final class GridPainter {

    /**
     * What one paint shows.
     *
     * @param active the listener being edited, or null
     * @param cursor the keyboard cursor's CPU, or -1 when the grid does not have the focus
     */
    record Picture(GridLayout layout, GridLayout.Rows rows, CpuHeat heat, CpuSet online, ListenerSet listeners,
                   Listener active, int cursor) {
    }

    private static final long OFFLINE = 1L << 8;
    private static final long LOSING = 1L << 9;

    private final Canvas canvas;
    private GridTheme theme = GridTheme.LIGHT;
    /** The look each cell was last drawn with, -1 for not drawn; see {@link #look}. */
    private long[] drawn = new long[0];
    private GridLayout.Rows drawnRows;
    private final List<Listener> on = new ArrayList<>(8);
    private Font font;
    private double fontSize = -1;
    private double digitWidth;

    GridPainter(Canvas canvas) {
        this.canvas = canvas;
    }

    void setTheme(GridTheme theme) {
        this.theme = theme;
    }

    /** Draws the cells in view: all of them when {@code full}, otherwise those whose look changed. */
    void paint(Picture p, boolean full) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        int cpus = p.heat().cpus();
        if (drawn.length != cpus) {
            drawn = new long[cpus];
            full = true;
        }
        if (cpus == 0) {
            g.setFill(theme.background());
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            return;
        }
        GridLayout layout = p.layout();
        double cell = layout.cell();
        setFont(g, Math.min(13, Math.max(9, cell * 0.32)));
        g.setTextBaseline(VPos.CENTER);
        if (full || !p.rows().equals(drawnRows)) {
            full = true;
            Arrays.fill(drawn, -1);
            drawnRows = p.rows();
            g.setFill(theme.background());
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            rowNumbers(g, layout, p.rows());
        }
        g.setTextAlign(TextAlignment.CENTER);
        int firstCpu = Math.max(0, layout.firstCpuOfRow(p.rows().first()));
        int endCpu = p.rows().last() + 1 < layout.rows() ? layout.firstCpuOfRow(p.rows().last() + 1) : cpus;
        for (int cpu = firstCpu; cpu < endCpu; cpu++) {
            long look = look(p, cpu);
            if (look != drawn[cpu]) {
                drawn[cpu] = look;
                cell(g, p, cpu, look, full);
            }
        }
    }

    /** Sets the numbers' font; measures its digits when the size changes (they are all as wide in UI fonts). */
    private void setFont(GraphicsContext g, double size) {
        if (size != fontSize) {
            fontSize = size;
            font = Font.font("System", FontWeight.NORMAL, size);
            Text digits = new Text("0123456789");
            digits.setFont(font);
            digitWidth = digits.getLayoutBounds().getWidth() / 10;
        }
        g.setFont(font);
    }

    private void rowNumbers(GraphicsContext g, GridLayout layout, GridLayout.Rows rows) {
        double cell = layout.cell();
        g.setFill(theme.dim());
        g.setTextAlign(TextAlignment.RIGHT);
        for (int row = rows.first(); row <= rows.last(); row++) {
            g.fillText(Integer.toString(layout.firstCpuOfRow(row)), layout.header() - 6, row * cell + cell / 2);
        }
    }

    /** What a cell's look depends on between full redraws: heat level, offline, losing. */
    private static long look(Picture p, int cpu) {
        boolean offline = !p.online().isEmpty() && !p.online().contains(cpu);
        return p.heat().level(cpu) | (offline ? OFFLINE : 0) | (p.heat().isLosing(cpu) ? LOSING : 0);
    }

    private void cell(GraphicsContext g, Picture p, int cpu, long look, boolean full) {
        GridLayout layout = p.layout();
        double cell = layout.cell();
        boolean round = cell >= 18;
        boolean roomy = cell >= 26; // room for an outline and a thin stripe; smaller cells get a thick stripe only
        boolean offline = (look & OFFLINE) != 0;
        int level = (int) (look & 0xFF);
        double x = layout.x(cpu) + 1;
        double y = layout.y(cpu) + 1;
        double s = cell - 2;
        if (!full) {
            g.setFill(theme.background());
            g.fillRect(x - 1, y - 1, cell, cell);
        }
        on.clear();
        for (Listener l : p.listeners().listeners()) {
            if (l.cpus().contains(cpu)) {
                on.add(l);
            }
        }
        Color fill = offline ? theme.offline() : theme.heat(level / (double) (CpuHeat.LEVELS - 1));
        g.setFill(fill);
        if (round) {
            softRect(g, x, y, s);
        } else {
            g.fillRect(x, y, s, s);
        }
        if (on.isEmpty() && !offline) {
            hatch(g, x, y, s);
        }
        // one stripe per listener on this CPU, side by side along the bottom
        double band = roomy ? Math.max(3, s * 0.18) : Math.max(2, s * 0.35);
        for (int i = 0; i < on.size(); i++) {
            double bw = s / on.size();
            g.setFill(Palette.fx(on.get(i).rgb()));
            g.fillRect(x + i * bw, y + s - band, Math.ceil(bw), band);
        }
        if ((look & LOSING) != 0) {
            g.setFill(theme.losing());
            double t = Math.max(5, s * 0.3);
            g.fillPolygon(new double[]{x + s - t, x + s, x + s}, new double[]{y, y, y + t}, 3);
        }
        if (roomy && p.active() != null && p.active().cpus().contains(cpu)) {
            g.setFill(Palette.fx(p.active().rgb()).darker());
            outline(g, x + 1, y + 1, s - 2, 2);
        }
        if (cpu == p.cursor()) {
            g.setStroke(theme.cursor());
            g.setLineWidth(1);
            g.setLineDashes(3, 2);
            g.strokeRect(x - 0.5, y - 0.5, s + 1, s + 1);
            g.setLineDashes();
        }
        if (cell >= 22) { // room for the number
            String number = offline ? cpu + " off" : Integer.toString(cpu);
            double cx = x + s / 2;
            double cy = y + (s - band) / 2;
            if (on.isEmpty() && !offline) {
                // a patch of the cell's own fill under the number: the hatching around it still says "nobody",
                // and the number stays readable on it (in the dark theme the lines ran straight through it)
                double w = Math.min(s - 2, number.length() * digitWidth + 6);
                g.setFill(fill);
                g.fillRect(cx - w / 2, cy - fontSize / 2 - 1, w, fontSize + 2);
            }
            Color ink = theme.textOn(fill);
            // where nobody listens or the CPU is offline the number is muted, but keeps its contrast
            g.setFill(offline || on.isEmpty() ? ink.interpolate(fill, 0.25) : ink);
            g.fillText(number, cx, cy);
        }
    }

    /** A square with its corners stepped off, a cheap look of rounded corners. */
    private static void softRect(GraphicsContext g, double x, double y, double s) {
        g.fillRect(x + 2, y, s - 4, s);
        g.fillRect(x, y + 2, s, s - 4);
        g.fillRect(x + 1, y + 1, s - 2, s - 2);
    }

    /** A square frame {@code w} wide inside x, y, s. */
    private static void outline(GraphicsContext g, double x, double y, double s, double w) {
        g.fillRect(x, y, s, w);
        g.fillRect(x, y + s - w, s, w);
        g.fillRect(x, y + w, w, s - 2 * w);
        g.fillRect(x + s - w, y + w, w, s - 2 * w);
    }

    private void hatch(GraphicsContext g, double x, double y, double s) {
        g.setStroke(theme.hatch());
        g.setLineWidth(1);
        for (double d = 6; d < 2 * s; d += 7) {
            double x1 = x + Math.max(0, d - s);
            double y1 = y + Math.min(s, d);
            double x2 = x + Math.min(s, d);
            double y2 = y + Math.max(0, d - s);
            g.strokeLine(x1, y1, x2, y2);
        }
    }
}
