package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The CPU grid: one cell per CPU, drawn on a canvas (fast at 8192 CPUs). A cell shows its number, its recent exit
 * activity as background heat, a stripe per listener registered on it, hatching when no listener is (exits there
 * go to nobody: the kernel does not even build the message), and a red corner while it is losing records.
 * <p>
 * Editing the active listener's mask: click toggles, drag paints (or erases, when the first cell was on),
 * shift-click sets a range, a click on a row's number toggles the whole row, arrows move and space toggles, and the
 * context menu assigns, clears and inverts. Every gesture is one undoable edit.
 */
public final class CpuGridView extends ScrollPane {

    private final AppModel model;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private GridLayout layout = GridLayout.fit(1, 400, 1);
    private double zoom = 1;
    private double[] heat = new double[0];
    private double heatMax = 1;
    private long[] lastExits = new long[0];
    private long[] lastLost = new long[0];
    private long[] lostUntil = new long[0];
    private CpuSet online = CpuSet.empty();
    private java.util.List<CpuSet> nodes = java.util.List.of();
    private int cpuCount;
    private boolean dark;

    // gesture state
    private int cursor = 0;
    private int anchor = -1;
    private boolean dragging;
    private boolean paintOn;
    private final BitSet painted = new BitSet();
    private CpuSet dragStart;

    public CpuGridView(AppModel model) {
        this.model = model;
        getStyleClass().add("cpu-grid");
        setContent(canvas);
        setFitToWidth(false);
        setPannable(false);
        // ScrollPaneSkin caches its viewport as an image; the canvas changes 20 times a second, so the renderer
        // paid for the canvas twice (into the cache, then the cache to the screen) and kept nothing.
        skinProperty().addListener((obs, o, skin) -> {
            if (lookup(".viewport") != null) {
                lookup(".viewport").setCache(false);
            }
        });
        canvas.setFocusTraversable(true);
        Tooltip.install(canvas, tip);
        tip.setShowDelay(javafx.util.Duration.millis(250));
        viewportBoundsProperty().addListener((obs, o, n) -> relayout());
        vvalueProperty().addListener((obs, o, n) -> redraw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                zoomBy(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15);
                e.consume();
            }
        });
        model.listenersProperty().addListener((obs, o, n) -> redraw());
        model.activeListenerProperty().addListener((obs, o, n) -> redraw());
        canvas.focusedProperty().addListener((obs, o, n) -> redraw());
    }

    public Canvas canvas() {
        return canvas;
    }

    public GridLayout gridLayout() {
        return layout;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        redraw();
    }

    public void zoomBy(double factor) {
        zoom = Math.max(0.4, Math.min(4, zoom * factor));
        relayout();
    }

    public void zoomToFit() {
        zoom = 1;
        relayout();
    }

    /** A new machine: forget heat, keep the zoom. Each NUMA node given starts a row of its own. */
    public void setMachine(int cpus, CpuSet onlineCpus, java.util.List<CpuSet> numaNodes) {
        if (cpus != cpuCount || !numaNodes.equals(nodes)) {
            nodes = numaNodes;
            cpuCount = cpus;
            heat = new double[cpus];
            lastExits = new long[cpus];
            lastLost = new long[cpus];
            lostUntil = new long[cpus];
            cursor = Math.min(cursor, Math.max(0, cpus - 1));
            relayout();
        }
        online = onlineCpus;
    }

    public void setOnline(CpuSet onlineCpus) {
        online = onlineCpus;
    }

    /** Feeds the per-CPU counts of a snapshot; heat decays with a ~1 s time constant. */
    public void update(long[] exits, long[] lost, double seconds, long nowNanos) {
        if (exits.length != cpuCount) {
            return;
        }
        double decay = Math.exp(-seconds);
        double max = 1e-9;
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            long delta = Math.max(0, exits[cpu] - lastExits[cpu]);
            heat[cpu] = heat[cpu] * decay + delta * (1 - decay) / Math.max(seconds, 1e-3);
            max = Math.max(max, heat[cpu]);
            if (lost[cpu] > lastLost[cpu]) {
                lostUntil[cpu] = nowNanos + 2_000_000_000L;
            }
            lastExits[cpu] = exits[cpu];
            lastLost[cpu] = lost[cpu];
        }
        heatMax = Math.max(max, heatMax * 0.98); // the scale follows the busiest CPU, slowly downwards
        this.now = nowNanos;
        paint(false);
    }

    /** Exits per second on a CPU, smoothed. */
    double rate(int cpu) {
        return cpu < heat.length ? heat[cpu] : 0;
    }

    private long now;

    private void relayout() {
        double width = getViewportBounds() == null || getViewportBounds().getWidth() <= 0 ? 600
                : getViewportBounds().getWidth();
        layout = GridLayout.fit(Math.max(1, cpuCount), width, zoom, nodes);
        canvas.setWidth(layout.width());
        canvas.setHeight(layout.height());
        redraw();
    }

    // ---- drawing ----

    /** Draws everything again: layout, listeners, theme, cursor or scroll changed. */
    void redraw() {
        paint(true);
    }

    /*
     * Between full redraws only the cells whose look changed are drawn again (the canvas keeps what was drawn):
     * a CPU's heat is shown in HEAT_LEVELS steps, so a busy machine at a steady rate redraws few cells, where the
     * software renderer took 14 ms for every full redraw of 256 cells at 20 Hz (pulse logger).
     */
    private static final int HEAT_LEVELS = 48;
    private long[] drawn = new long[0];
    private int drawnFirstRow = -1;
    private int drawnLastRow = -1;

    private void paint(boolean full) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Color background = dark ? Color.web("#1e1f22") : Color.web("#fbfbfc");
        if (drawn.length != cpuCount) {
            drawn = new long[cpuCount];
            full = true;
        }
        if (cpuCount == 0) {
            g.setFill(background);
            g.fillRect(0, 0, w, h);
            return;
        }
        ListenerSet set = model.listenersProperty().get();
        List<Listener> listeners = set.listeners();
        Listener active = set.byId(model.activeListenerProperty().get()).orElse(null);
        double cell = layout.cell();
        boolean numbers = cell >= 22;
        g.setFont(Font.font("System", FontWeight.NORMAL, Math.min(13, Math.max(9, cell * 0.32))));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        Color text = dark ? Color.web("#d8d8d8") : Color.web("#30343a");
        Color dim = dark ? Color.web("#7a7d82") : Color.web("#9aa0a6");
        List<Listener> on = new ArrayList<>(8);
        // Only the rows in view are drawn: at 8192 CPUs that is a few hundred cells, not thousands.
        int firstRow = 0;
        int lastRow = layout.rows() - 1;
        javafx.geometry.Bounds view = getViewportBounds();
        if (view != null && view.getHeight() > 0 && h > view.getHeight()) {
            double top = getVvalue() * (h - view.getHeight());
            firstRow = Math.max(0, (int) (top / cell) - 1);
            lastRow = Math.min(layout.rows() - 1, (int) ((top + view.getHeight()) / cell) + 1);
        }
        boolean round = cell >= 18;
        boolean roomy = cell >= 26; // room for an outline and a thin stripe; smaller cells get a thick stripe only
        if (full || firstRow != drawnFirstRow || lastRow != drawnLastRow) {
            full = true;
            java.util.Arrays.fill(drawn, -1);
            drawnFirstRow = firstRow;
            drawnLastRow = lastRow;
            g.setFill(background);
            g.fillRect(0, 0, w, h);
        }
        for (int row = firstRow; full && row <= lastRow; row++) {
            g.setFill(dim);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(Integer.toString(layout.firstCpuOfRow(row)), layout.header() - 6, row * cell + cell / 2);
        }
        g.setTextAlign(TextAlignment.CENTER);
        int firstCpu = Math.max(0, layout.firstCpuOfRow(firstRow));
        int endCpu = lastRow + 1 < layout.rows() ? layout.firstCpuOfRow(lastRow + 1) : cpuCount;
        for (int cpu = firstCpu; cpu < endCpu; cpu++) {
            boolean offline = !online.isEmpty() && !online.contains(cpu);
            int level = (int) Math.round(Math.sqrt(Math.max(0, Math.min(1, heat[cpu] / heatMax))) * (HEAT_LEVELS - 1));
            boolean losing = now < lostUntil[cpu];
            long look = level | (offline ? 1L << 8 : 0) | (losing ? 1L << 9 : 0);
            if (look == drawn[cpu]) {
                continue;
            }
            drawn[cpu] = look;
            double x = layout.x(cpu) + 1;
            double y = layout.y(cpu) + 1;
            double s = cell - 2;
            if (!full) {
                g.setFill(background);
                g.fillRect(x - 1, y - 1, cell, cell);
            }
            on.clear();
            for (Listener l : listeners) {
                if (l.cpus().contains(cpu)) {
                    on.add(l);
                }
            }
            g.setFill(offline ? (dark ? Color.web("#2b2b2b") : Color.web("#e6e6e6")) : heatColour(level));
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
            if (losing) {
                g.setFill(Color.web("#d62728"));
                double t = Math.max(5, s * 0.3);
                g.fillPolygon(new double[]{x + s - t, x + s, x + s}, new double[]{y, y, y + t}, 3);
            }
            if (roomy && active != null && active.cpus().contains(cpu)) {
                g.setFill(Palette.fx(active.rgb()).darker());
                outline(g, x + 1, y + 1, s - 2, 2);
            }
            if (cpu == cursor && canvas.isFocused()) {
                g.setStroke(dark ? Color.WHITE : Color.BLACK);
                g.setLineWidth(1);
                g.setLineDashes(3, 2);
                g.strokeRect(x - 0.5, y - 0.5, s + 1, s + 1);
                g.setLineDashes();
            }
            if (numbers) {
                g.setFill(offline || on.isEmpty() ? dim : text);
                g.fillText(offline ? cpu + " off" : Integer.toString(cpu), x + s / 2, y + (s - band) / 2);
            }
        }
    }

    /*
     * Cells are drawn with axis-aligned rectangles only: the software pipeline fills those directly, while every
     * rounded rectangle went through the anti-aliasing rasteriser, which was most of the renderer's time per frame.
     */

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
        g.setStroke(dark ? Color.web("#55585e") : Color.web("#c3c7cc"));
        g.setLineWidth(1);
        for (double d = 6; d < 2 * s; d += 7) {
            double x1 = x + Math.max(0, d - s);
            double y1 = y + Math.min(s, d);
            double x2 = x + Math.min(s, d);
            double y2 = y + Math.max(0, d - s);
            g.strokeLine(x1, y1, x2, y2);
        }
    }

    /** Sequential, light to deep orange (dark theme: charcoal to amber); levels follow sqrt so low activity shows. */
    private Color heatColour(int level) {
        double t = level / (double) (HEAT_LEVELS - 1);
        Color cold = dark ? Color.web("#2c2e33") : Color.web("#f1f3f5");
        Color mid = dark ? Color.web("#6b4a1e") : Color.web("#fde3c3");
        Color hot = dark ? Color.web("#b8741e") : Color.web("#f6a55b");
        return t < 0.5 ? cold.interpolate(mid, t * 2) : mid.interpolate(hot, (t - 0.5) * 2);
    }

    // ---- editing ----

    private Listener activeListener() {
        return model.listenersProperty().get().byId(model.activeListenerProperty().get()).orElse(null);
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        if (e.getButton() == MouseButton.SECONDARY) {
            int cpu = layout.cpuAt(e.getX(), e.getY());
            contextMenu(cpu).show(canvas, e.getScreenX(), e.getScreenY());
            return;
        }
        Listener active = activeListener();
        if (active == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int row = layout.rowHeaderAt(e.getX(), e.getY());
        if (row >= 0) {
            toggleRow(row);
            return;
        }
        int cpu = layout.cpuAt(e.getX(), e.getY());
        if (cpu < 0) {
            return;
        }
        if (e.isShiftDown() && anchor >= 0) {
            model.editMask(active.id(), active.cpus().union(CpuSet.range(Math.min(anchor, cpu), Math.max(anchor, cpu))));
            cursor = cpu;
            redraw(); // the mask may not have changed, the cursor has
            return;
        }
        anchor = cpu;
        cursor = cpu;
        dragging = true;
        paintOn = !active.cpus().contains(cpu);
        dragStart = active.cpus();
        painted.clear();
        paint(cpu);
    }

    private void dragged(MouseEvent e) {
        if (!dragging) {
            return;
        }
        int cpu = layout.cpuAt(e.getX(), e.getY());
        if (cpu >= 0 && !painted.get(cpu)) {
            paint(cpu);
        }
    }

    /** Paints one cell during a drag: shown at once, committed as one edit on release. */
    private void paint(int cpu) {
        painted.set(cpu);
        Listener active = activeListener();
        CpuSet next = paintOn ? active.cpus().with(cpu) : active.cpus().without(cpu);
        model.previewMask(active.id(), next);
    }

    private void released(MouseEvent e) {
        if (dragging) {
            dragging = false;
            Listener active = activeListener();
            if (active != null) {
                model.commitPreview(active.id(), dragStart);
            }
        }
    }

    private void toggleRow(int row) {
        Listener active = activeListener();
        CpuSet cells = layout.row(row);
        model.editMask(active.id(), cells.isSubsetOf(active.cpus()) ? active.cpus().minus(cells)
                : active.cpus().union(cells));
    }

    private void key(KeyEvent e) {
        int before = cursor;
        KeyCode code = e.getCode();
        if (code == KeyCode.LEFT) {
            cursor = Math.max(0, cursor - 1);
        } else if (code == KeyCode.RIGHT) {
            cursor = Math.min(cpuCount - 1, cursor + 1);
        } else if (code == KeyCode.UP) {
            cursor = Math.max(0, cursor - layout.columns()); // (rows of a NUMA node's tail may be short)
        } else if (code == KeyCode.DOWN) {
            cursor = Math.min(cpuCount - 1, cursor + layout.columns());
        } else if (code == KeyCode.SPACE || code == KeyCode.ENTER) {
            Listener active = activeListener();
            if (active != null) {
                model.editMask(active.id(), active.cpus().contains(cursor) ? active.cpus().without(cursor)
                        : active.cpus().with(cursor));
            }
        } else {
            return;
        }
        e.consume();
        if (before != cursor) {
            redraw();
        }
    }

    private ContextMenu contextMenu(int cpu) {
        ContextMenu menu = new ContextMenu();
        Listener active = activeListener();
        ListenerSet set = model.listenersProperty().get();
        if (cpu >= 0) {
            Menu assign = new Menu("Add CPU " + cpu + " to");
            Menu remove = new Menu("Remove CPU " + cpu + " from");
            for (Listener l : set.listeners()) {
                MenuItem add = new MenuItem(l.name());
                add.setDisable(l.cpus().contains(cpu));
                add.setOnAction(a -> model.editMask(l.id(), l.cpus().with(cpu)));
                assign.getItems().add(add);
                MenuItem rm = new MenuItem(l.name());
                rm.setDisable(!l.cpus().contains(cpu));
                rm.setOnAction(a -> model.editMask(l.id(), l.cpus().without(cpu)));
                remove.getItems().add(rm);
            }
            menu.getItems().addAll(assign, remove, new SeparatorMenuItem());
        }
        if (active != null) {
            MenuItem clear = new MenuItem("Clear " + active.name() + "'s CPUs");
            clear.setOnAction(a -> model.editMask(active.id(), CpuSet.empty()));
            MenuItem invert = new MenuItem("Invert " + active.name() + "'s CPUs");
            invert.setOnAction(a -> model.editMask(active.id(), active.cpus().complement(cpuCount)));
            MenuItem all = new MenuItem("Give " + active.name() + " every CPU");
            all.setOnAction(a -> model.editMask(active.id(), CpuSet.range(0, cpuCount - 1)));
            menu.getItems().addAll(clear, invert, all);
            if (cpu >= 0) {
                int row = layout.rowOf(cpu);
                MenuItem rowItem = new MenuItem("Toggle row " + layout.row(row));
                rowItem.setOnAction(a -> toggleRow(row));
                menu.getItems().add(rowItem);
            }
        }
        return menu;
    }

    private void hover(MouseEvent e) {
        int cpu = layout.cpuAt(e.getX(), e.getY());
        if (cpu < 0) {
            tip.setText("");
            return;
        }
        StringBuilder who = new StringBuilder();
        for (Listener l : model.listenersProperty().get().listeners()) {
            if (l.cpus().contains(cpu)) {
                who.append(who.length() == 0 ? "" : ", ").append(l.name());
            }
        }
        tip.setText(String.format(java.util.Locale.ROOT, "CPU %d%s%n%.0f exits/s%nlisteners: %s%nlost: %d", cpu,
                !online.isEmpty() && !online.contains(cpu) ? " (offline)" : "", rate(cpu),
                who.length() == 0 ? "none: its exits go to nobody" : who, cpu < lastLost.length ? lastLost[cpu] : 0));
    }
}
