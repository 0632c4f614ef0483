package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.EditHistory;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.Session;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The desktop app's editing state, on the FX thread: the listener definitions and the simulated receive buffers
 * given to them, with their undo history; which listener is being edited, which are switched off. Every change goes
 * to the {@link Session} at once, so routing follows the edit; the session returns the set it applied (masks cut to
 * the machine), which is what is shown.
 */
public final class AppModel {

    /**
     * What one undo step restores.
     *
     * @param buffers the receive buffer and reader pace of each listener given one; the others have the default
     */
    private record Definitions(ListenerSet listeners, Map<Integer, ListenerBuffer.Settings> buffers) {
    }

    private final Session session;
    private final EditHistory<Definitions> history;
    private Map<Integer, ListenerBuffer.Settings> buffers = Map.of();
    /**
     * The buffers handed to the session that are not the default. A source's modelled buffers start at the default
     * (as does a listener new to it), and a buffer handed over again starts empty, so only changes are handed over.
     */
    private final Map<Integer, ListenerBuffer.Settings> buffersInSession = new HashMap<>();
    private final ObjectProperty<ListenerSet> listeners = new SimpleObjectProperty<>(ListenerSet.empty());
    private final IntegerProperty activeListener = new SimpleIntegerProperty(-1);
    /** Whose records the views show: a listener id or ExitViews.ALL; follows the listener being edited. */
    private final IntegerProperty focus = new SimpleIntegerProperty(io.taskscope.session.views.ExitViews.ALL);
    private final javafx.beans.property.ObjectProperty<Integer> focusObject = focus.asObject();
    private final ObjectProperty<CpulistLimits> limits = new SimpleObjectProperty<>(CpulistLimits.forMachine(64));
    private final BitSet disabled = new BitSet();

    public AppModel(Session session, ListenerSet initial) {
        this.session = session;
        this.history = new EditHistory<>(new Definitions(initial, buffers));
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
        apply(listeners.get(), buffers);
    }

    /** One undoable edit. */
    public void edit(ListenerSet next) {
        commit(next, buffers);
    }

    /** The simulated receive buffer and reader pace of a listener: the default unless it was given others. */
    public ListenerBuffer.Settings buffer(int id) {
        return buffers.getOrDefault(id, ListenerBuffer.Settings.defaults());
    }

    /** One undoable edit of a listener's simulated receive buffer and reader pace (sources that model them). */
    public void editBuffer(int id, ListenerBuffer.Settings settings) {
        if (listeners.get().byId(id).isEmpty()) {
            return;
        }
        Map<Integer, ListenerBuffer.Settings> next = new HashMap<>(buffers);
        if (settings.equals(ListenerBuffer.Settings.defaults())) {
            next.remove(id);
        } else {
            next.put(id, settings);
        }
        commit(listeners.get(), Map.copyOf(next));
    }

    private void commit(ListenerSet next, Map<Integer, ListenerBuffer.Settings> nextBuffers) {
        ListenerSet applied = apply(next, nextBuffers);
        history.push(new Definitions(applied, buffers));
        if (applied.byId(activeListener.get()).isEmpty()) {
            activeListener.set(applied.listeners().isEmpty() ? -1 : applied.listeners().get(0).id());
        }
    }

    public void editMask(int id, CpuSet cpus) {
        edit(listeners.get().withCpus(id, cpus));
    }

    /** Shows and routes a mask while a drag is in progress, without an undo step yet. */
    public void previewMask(int id, CpuSet cpus) {
        apply(listeners.get().withCpus(id, cpus), buffers);
    }

    /** Ends a drag: the whole gesture becomes one undo step. */
    public void commitPreview(int id, CpuSet before) {
        history.push(new Definitions(listeners.get(), buffers));
    }

    public void undo() {
        Definitions d = history.undo();
        apply(d.listeners(), d.buffers());
    }

    public void redo() {
        Definitions d = history.redo();
        apply(d.listeners(), d.buffers());
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    /**
     * The running source defined these listeners itself (a replay's recorded edit) and the session already routes by
     * them: the editor shows them without sending them back, so a newer recorded edit is never overridden. Not an
     * undoable edit. A recording does not say what buffers its listeners had, so they get the default.
     */
    public void followSource(ListenerSet routed) {
        disabled.clear();
        applyBuffers(routed, Map.of());
        listeners.set(routed);
        history.reset(new Definitions(routed, buffers));
        if (routed.byId(activeListener.get()).isEmpty() && !routed.listeners().isEmpty()) {
            activeListener.set(routed.listeners().get(0).id());
        }
    }

    /**
     * After a source switch: the session may have cut masks to a smaller machine. The listeners keep their buffers,
     * as they keep their masks; the new source's are at the default until handed over again.
     */
    public void sourceChanged(CpulistLimits machine) {
        limits.set(machine);
        buffersInSession.clear();
        ListenerSet applied = apply(listeners.get(), buffers);
        history.reset(new Definitions(applied, buffers));
    }

    private ListenerSet apply(ListenerSet next, Map<Integer, ListenerBuffer.Settings> nextBuffers) {
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
        applyBuffers(shown, nextBuffers); // before the listeners' observers hear of the change
        listeners.set(shown);
        return shown;
    }

    /** Hands the session the buffers that changed; a removed listener's go with it (its id may be given again). */
    private void applyBuffers(ListenerSet shown, Map<Integer, ListenerBuffer.Settings> wanted) {
        Map<Integer, ListenerBuffer.Settings> kept = new HashMap<>();
        for (Listener l : shown.listeners()) {
            ListenerBuffer.Settings want = wanted.get(l.id());
            if (want != null) {
                kept.put(l.id(), want);
            }
            if (!Objects.equals(want, buffersInSession.get(l.id()))) {
                session.setBuffer(l.id(), want == null ? ListenerBuffer.Settings.defaults() : want);
                if (want == null) {
                    buffersInSession.remove(l.id());
                } else {
                    buffersInSession.put(l.id(), want);
                }
            }
        }
        buffersInSession.keySet().retainAll(kept.keySet());
        buffers = Map.copyOf(kept);
    }
}
