package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.ui.base.AppModel;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;

/**
 * The CPU grid: one cell per CPU, drawn on a canvas (fast at 8192 CPUs). A cell shows its number, its recent exit
 * activity as background heat, a stripe per listener registered on it, hatching when no listener is (exits there
 * go to nobody: the kernel does not even build the message), and a red corner while it is losing records.
 * <p>
 * Editing the active listener's mask: click toggles, drag paints (or erases, when the first cell was on),
 * shift-click sets a range, a click on a row's number toggles the whole row, arrows move and space toggles, and the
 * context menu assigns, clears and inverts. Every gesture is one undoable edit.
 * <p>
 * The parts: {@link CpuHeat} keeps the activity, {@link GridLayout} places the cells, {@link GridPainter} draws them
 * in a {@link GridTheme}, {@link GridGestures} and {@link GridEditor} make the edits; this class puts them together.
 */
public final class CpuGridView extends ScrollPane {

    private static final double MIN_ZOOM = 0.4;
    private static final double MAX_ZOOM = 4;

    private final AppModel model;
    private final Canvas canvas = new Canvas();
    /** Made on the pointer's first move over the cells, not before the first frame (LazyTooltip says why). */
    private Tooltip tip;
    private final GridPainter painter = new GridPainter(canvas);
    private final GridEditor editor;
    private final HeatLegend legend = new HeatLegend();
    private GridLayout layout = GridLayout.fit(1, 400, 1);
    private double zoom = 1;
    private CpuHeat heat = new CpuHeat(0);
    private CpuSet online = CpuSet.empty();
    private List<CpuSet> nodes = List.of();

    public CpuGridView(AppModel model) {
        this.model = model;
        this.editor = new GridEditor(model);
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
        new GridGestures(this, model, editor);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            if (tip == null) {
                tip = new Tooltip();
                tip.setShowDelay(Duration.millis(250));
                Tooltip.install(canvas, tip); // its timer starts on the moves that follow, as an installed one's would
            }
            tip.setText(describe(layout.cpuAt(e.getX(), e.getY())));
        });
        viewportBoundsProperty().addListener((obs, o, n) -> relayout());
        vvalueProperty().addListener((obs, o, n) -> redraw());
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

    /** The heat scale, for the legend line above the grid. */
    public HeatLegend heatLegend() {
        return legend;
    }

    public void setDark(boolean dark) {
        painter.setTheme(GridTheme.of(dark));
        legend.setTheme(GridTheme.of(dark));
        redraw();
    }

    public void zoomBy(double factor) {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom * factor));
        relayout();
    }

    /** View → Fit: cells as large as the grid's area allows (larger or smaller than now), every CPU in view when they can be. */
    public void zoomToFit() {
        zoom = 1;
        relayout();
    }

    /**
     * How tall the grid would be, insets included, with cells as large as {@code paneWidth} allows at the current
     * zoom: what it needs to show every row without scrolling. The window gives it that, up to a share of its height.
     */
    public double heightToShowAll(double paneWidth) {
        double viewWidth = paneWidth - snappedLeftInset() - snappedRightInset();
        GridLayout natural = GridLayout.fit(Math.max(1, heat.cpus()), viewWidth, 0, zoom, nodes);
        return natural.height() + snappedTopInset() + snappedBottomInset();
    }

    /** A new machine: forget heat, keep the zoom. Each NUMA node given starts a row of its own. */
    public void setMachine(int cpus, CpuSet onlineCpus, List<CpuSet> numaNodes) {
        if (cpus != heat.cpus() || !numaNodes.equals(nodes)) {
            nodes = numaNodes;
            heat = new CpuHeat(cpus);
            legend.show(heat.scale());
            editor.setMachine(cpus);
            relayout();
        }
        online = onlineCpus;
    }

    public void setOnline(CpuSet onlineCpus) {
        online = onlineCpus;
    }

    /** Feeds the per-CPU counts of a snapshot {@code seconds} after the last; cells whose look changed are drawn. */
    public void update(long[] exits, long[] lost, double seconds, long nowNanos) {
        if (heat.update(exits, lost, seconds, nowNanos)) {
            paint(false);
            legend.show(heat.scale());
        }
    }

    private void relayout() {
        Bounds view = getViewportBounds();
        double width = view == null || view.getWidth() <= 0 ? 600 : view.getWidth();
        double height = view == null ? 0 : view.getHeight();
        layout = GridLayout.fit(Math.max(1, heat.cpus()), width, height, zoom, nodes);
        canvas.setWidth(layout.width());
        canvas.setHeight(layout.height());
        redraw();
    }

    /** Draws everything again: layout, listeners, theme, cursor or scroll changed. */
    void redraw() {
        paint(true);
    }

    private void paint(boolean full) {
        Bounds view = getViewportBounds();
        ListenerSet listeners = model.listenersProperty().get();
        Listener active = listeners.byId(model.activeListenerProperty().get()).orElse(null);
        GridLayout.Rows rows = layout.rowsInView(getVvalue(), view == null ? 0 : view.getHeight());
        int cursor = canvas.isFocused() ? editor.cursor() : -1;
        painter.paint(new GridPainter.Picture(layout, rows, heat, online, listeners, active, cursor), full);
    }

    /** The tooltip of a cell, or nothing off the cells. */
    private String describe(int cpu) {
        if (cpu < 0) {
            return "";
        }
        StringBuilder who = new StringBuilder();
        for (Listener l : model.listenersProperty().get().listeners()) {
            if (l.cpus().contains(cpu)) {
                who.append(who.length() == 0 ? "" : ", ").append(l.name());
            }
        }
        return String.format(Locale.ROOT, "CPU %d%s%n%.0f exits/s%nlisteners: %s%nlost: %d", cpu,
                !online.isEmpty() && !online.contains(cpu) ? " (offline)" : "", heat.rate(cpu),
                who.length() == 0 ? "none: its exits go to nobody" : who, heat.lost(cpu));
    }
}
