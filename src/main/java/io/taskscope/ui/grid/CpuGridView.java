package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.ui.base.AppModel;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.util.Duration;

import java.util.BitSet;
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
 * in a {@link GridTheme}; this class puts them together and makes the edits.
 */
public final class CpuGridView extends ScrollPane {

    private static final double MIN_ZOOM = 0.4;
    private static final double MAX_ZOOM = 4;

    private final AppModel model;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private final GridPainter painter = new GridPainter(canvas);
    private GridLayout layout = GridLayout.fit(1, 400, 1);
    private double zoom = 1;
    private CpuHeat heat = new CpuHeat(0);
    private CpuSet online = CpuSet.empty();
    private List<CpuSet> nodes = List.of();

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
        tip.setShowDelay(Duration.millis(250));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                zoomBy(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15);
                e.consume();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> tip.setText(describe(layout.cpuAt(e.getX(), e.getY()))));
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

    public void setDark(boolean dark) {
        painter.setTheme(GridTheme.of(dark));
        redraw();
    }

    public void zoomBy(double factor) {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom * factor));
        relayout();
    }

    public void zoomToFit() {
        zoom = 1;
        relayout();
    }

    /** A new machine: forget heat, keep the zoom. Each NUMA node given starts a row of its own. */
    public void setMachine(int cpus, CpuSet onlineCpus, List<CpuSet> numaNodes) {
        if (cpus != heat.cpus() || !numaNodes.equals(nodes)) {
            nodes = numaNodes;
            heat = new CpuHeat(cpus);
            cursor = Math.min(cursor, Math.max(0, cpus - 1));
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
        }
    }

    /** Exits per second on a CPU, smoothed. */
    double rate(int cpu) {
        return heat.rate(cpu);
    }

    private void relayout() {
        Bounds view = getViewportBounds();
        double width = view == null || view.getWidth() <= 0 ? 600 : view.getWidth();
        layout = GridLayout.fit(Math.max(1, heat.cpus()), width, zoom, nodes);
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
        painter.paint(new GridPainter.Picture(layout, layout.rowsInView(getVvalue(), view == null ? 0 : view.getHeight()),
                heat, online, listeners, active, canvas.isFocused() ? cursor : -1), full);
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
            cursor = Math.min(heat.cpus() - 1, cursor + 1);
        } else if (code == KeyCode.UP) {
            cursor = Math.max(0, cursor - layout.columns()); // (rows of a NUMA node's tail may be short)
        } else if (code == KeyCode.DOWN) {
            cursor = Math.min(heat.cpus() - 1, cursor + layout.columns());
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
            invert.setOnAction(a -> model.editMask(active.id(), active.cpus().complement(heat.cpus())));
            MenuItem all = new MenuItem("Give " + active.name() + " every CPU");
            all.setOnAction(a -> model.editMask(active.id(), CpuSet.range(0, heat.cpus() - 1)));
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
