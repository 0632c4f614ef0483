package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.EditHistory;
import io.taskscope.session.Session;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.BitSet;

/**
 * The desktop app's editing state, on the FX thread: the listener definitions with their undo history, which one
 * is being edited, which are switched off. Every change goes to the {@link Session} at once, so routing follows
 * the edit; the session returns the set it applied (masks cut to the machine), which is what is shown.
 */
public final class AppModel {

    private final Session session;
    private final EditHistory<ListenerSet> history;
    private final ObjectProperty<ListenerSet> listeners = new SimpleObjectProperty<>(ListenerSet.empty());
    private final IntegerProperty activeListener = new SimpleIntegerProperty(-1);
    /** Whose records the views show: a listener id or ExitViews.ALL; follows the listener being edited. */
    private final IntegerProperty focus = new SimpleIntegerProperty(io.taskscope.session.views.ExitViews.ALL);
    private final javafx.beans.property.ObjectProperty<Integer> focusObject = focus.asObject();
    private final ObjectProperty<CpulistLimits> limits = new SimpleObjectProperty<>(CpulistLimits.forMachine(64));
    private final BitSet disabled = new BitSet();

    public AppModel(Session session, ListenerSet initial) {
        this.session = session;
        this.history = new EditHistory<>(initial);
        listeners.set(initial);
        activeListener.set(initial.listeners().isEmpty() ? -1 : initial.listeners().get(0).id());
        session.setListeners(initial);
        focus.set(activeListener.get() < 0 ? io.taskscope.session.views.ExitViews.ALL : activeListener.get());
        activeListener.addListener((obs, o, n) -> {
            if (n.intValue() >= 0) {
                focus.set(n.intValue());
            }
        });
    }

    public IntegerProperty focusProperty() {
        return focus;
    }

    /** The focus as an object property for combo boxes: one shared instance (bindings hold theirs weakly). */
    javafx.beans.property.ObjectProperty<Integer> focusObjectProperty() {
        return focusObject;
    }

    public Session session() {
        return session;
    }

    public ObjectProperty<ListenerSet> listenersProperty() {
        return listeners;
    }

    public IntegerProperty activeListenerProperty() {
        return activeListener;
    }

    /** The bounds cpulist text is checked against: the current source's machine. */
    public ObjectProperty<CpulistLimits> limitsProperty() {
        return limits;
    }

    public boolean isEnabled(int id) {
        return !disabled.get(id);
    }

    /** A switched-off listener keeps its definition but leaves routing (its CPUs are deregistered). */
    public void setEnabled(int id, boolean enabled) {
        disabled.set(id, !enabled);
        apply(listeners.get());
    }

    /** One undoable edit. */
    public void edit(ListenerSet next) {
        ListenerSet applied = apply(next);
        history.push(applied);
        if (applied.byId(activeListener.get()).isEmpty()) {
            activeListener.set(applied.listeners().isEmpty() ? -1 : applied.listeners().get(0).id());
        }
    }

    public void editMask(int id, CpuSet cpus) {
        edit(listeners.get().withCpus(id, cpus));
    }

    /** Shows and routes a mask while a drag is in progress, without an undo step yet. */
    public void previewMask(int id, CpuSet cpus) {
        apply(listeners.get().withCpus(id, cpus));
    }

    /** Ends a drag: the whole gesture becomes one undo step. */
    public void commitPreview(int id, CpuSet before) {
        history.push(listeners.get());
    }

    public void undo() {
        apply(history.undo());
    }

    public void redo() {
        apply(history.redo());
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    /** A recording replays a listener definition: shown and routed as recorded, not an undoable edit. */
    public void replaceFromSource(ListenerSet recorded) {
        disabled.clear();
        ListenerSet applied = apply(recorded);
        history.reset(applied);
        if (applied.byId(activeListener.get()).isEmpty() && !applied.listeners().isEmpty()) {
            activeListener.set(applied.listeners().get(0).id());
        }
    }

    /**
     * The running source defined these listeners itself (a replay's recorded edit) and the session already routes by
     * them: the editor shows them without sending them back, so a newer recorded edit is never overridden.
     */
    public void followSource(ListenerSet routed) {
        disabled.clear();
        listeners.set(routed);
        history.reset(routed);
        if (routed.byId(activeListener.get()).isEmpty() && !routed.listeners().isEmpty()) {
            activeListener.set(routed.listeners().get(0).id());
        }
    }

    /** After a source switch: the session may have cut masks to a smaller machine. */
    public void sourceChanged(CpulistLimits machine) {
        limits.set(machine);
        ListenerSet applied = apply(listeners.get());
        history.reset(applied);
    }

    private ListenerSet apply(ListenerSet next) {
        // what routing sees: disabled listeners registered nowhere, ids kept
        ListenerSet forSession = next;
        for (Listener l : next.listeners()) {
            if (disabled.get(l.id())) {
                forSession = forSession.withCpus(l.id(), CpuSet.empty());
            }
        }
        ListenerSet cut = session.setListeners(forSession);
        ListenerSet shown = next;
        for (Listener l : next.listeners()) {
            if (!disabled.get(l.id())) {
                shown = shown.withCpus(l.id(), cut.byId(l.id()).map(Listener::cpus).orElse(l.cpus()));
            }
        }
        listeners.set(shown);
        return shown;
    }
}
