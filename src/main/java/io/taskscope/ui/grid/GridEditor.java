package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.ui.base.AppModel;

import java.util.BitSet;

/**
 * What the grid's gestures do to the listeners, decided without a toolkit: the edits of the active listener's mask
 * (toggle, drag to paint or erase, shift for a range, whole rows, the context menu's assignments) and the keyboard
 * cursor. Every gesture is one undoable edit of the {@link AppModel}; a drag is shown as it goes and becomes one
 * edit on release.
 */
final class GridEditor {

    private final AppModel model;
    private int cpus;
    private int cursor;
    /** Where the last plain click was: the other end of a shift-click's range; -1 for none yet. */
    private int anchor = -1;
    private boolean dragging;
    /** Whether the drag in progress adds CPUs (it started on a CPU the listener did not have) or removes them. */
    private boolean dragAdds;
    private final BitSet dragged = new BitSet();
    private CpuSet beforeDrag;

    GridEditor(AppModel model) {
        this.model = model;
    }

    /** A machine of {@code cpuCount} CPUs: the cursor stays on it. */
    void setMachine(int cpuCount) {
        cpus = cpuCount;
        cursor = Math.min(cursor, Math.max(0, cpuCount - 1));
    }

    int cursor() {
        return cursor;
    }

    /** The listener being edited, or null. */
    Listener active() {
        return model.listenersProperty().get().byId(model.activeListenerProperty().get()).orElse(null);
    }

    /**
     * A primary-button press on a CPU: with {@code range} (shift) the CPUs from the last click to here join the
     * active listener; otherwise the CPU is toggled and a drag begins that does the same to every CPU it crosses.
     */
    void press(int cpu, boolean range) {
        Listener active = active();
        if (active == null) {
            return;
        }
        cursor = cpu;
        if (range && anchor >= 0) {
            CpuSet span = CpuSet.range(Math.min(anchor, cpu), Math.max(anchor, cpu));
            model.editMask(active.id(), active.cpus().union(span));
            return;
        }
        anchor = cpu;
        dragging = true;
        dragAdds = !active.cpus().contains(cpu);
        beforeDrag = active.cpus();
        dragged.clear();
        dragOver(cpu);
    }

    /** The drag reached a CPU: shown at once, each CPU once per drag. */
    void dragOver(int cpu) {
        Listener active = active();
        if (!dragging || active == null || cpu < 0 || dragged.get(cpu)) {
            return;
        }
        dragged.set(cpu);
        model.previewMask(active.id(), dragAdds ? active.cpus().with(cpu) : active.cpus().without(cpu));
    }

    /** The end of a drag: everything it painted becomes one undo step. */
    void release() {
        if (!dragging) {
            return;
        }
        dragging = false;
        Listener active = active();
        if (active != null) {
            model.commitPreview(active.id(), beforeDrag);
        }
    }

    /** Moves the cursor {@code by} CPUs (a row is {@code columns}), stopping at either end; whether it moved. */
    boolean moveCursor(int by) {
        if (cpus == 0) {
            return false;
        }
        int before = cursor;
        cursor = Math.max(0, Math.min(cpus - 1, cursor + by));
        return cursor != before;
    }

    /** Space or Enter: the CPU under the cursor joins or leaves the active listener. */
    void toggleAtCursor() {
        Listener active = active();
        if (active != null) {
            model.editMask(active.id(), active.cpus().contains(cursor) ? active.cpus().without(cursor)
                    : active.cpus().with(cursor));
        }
    }

    /** A row's CPUs all join the active listener, or, when it had them all, all leave it. */
    void toggleRow(CpuSet row) {
        Listener active = active();
        if (active != null) {
            model.editMask(active.id(), row.isSubsetOf(active.cpus()) ? active.cpus().minus(row)
                    : active.cpus().union(row));
        }
    }

    void addCpu(int listenerId, int cpu) {
        model.listenersProperty().get().byId(listenerId).ifPresent(l -> model.editMask(l.id(), l.cpus().with(cpu)));
    }

    void removeCpu(int listenerId, int cpu) {
        model.listenersProperty().get().byId(listenerId).ifPresent(l -> model.editMask(l.id(), l.cpus().without(cpu)));
    }

    void clearActive() {
        Listener active = active();
        if (active != null) {
            model.editMask(active.id(), CpuSet.empty());
        }
    }

    void invertActive() {
        Listener active = active();
        if (active != null) {
            // the part of a mask kept from a larger machine is not this grid's to invert: it stays as it is
            CpuSet.Split parts = active.cpus().splitAt(cpus);
            model.editMask(active.id(), parts.inRange().complement(cpus).union(parts.beyond()));
        }
    }

    void giveActiveEveryCpu() {
        Listener active = active();
        if (active != null && cpus > 0) {
            model.editMask(active.id(), CpuSet.range(0, cpus - 1).union(active.cpus().splitAt(cpus).beyond()));
        }
    }
}
