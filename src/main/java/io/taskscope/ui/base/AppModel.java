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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The desktop app's editing state, on the FX thread: the listener definitions and the simulated receive buffers
 * given to them, with their undo history; which listener is being edited, which are switched off. Every change goes
 * to the {@link Session} at once, so routing follows the edit.
 * <p>
 * A mask is kept as the user defined it, on any machine. The user's layout is one for the simulator and live alike
 * (a source switch never cuts it): the session routes only the CPUs the running machine has
 * ({@link #routedProperty()}), and the listeners pane says which part lies beyond it. A source that defines its own
 * listeners (a recording, a helper's stream) shows those while it runs; the user's layout is put aside meanwhile and
 * comes back with the next source, so a recording never overwrites it. Both hand-overs are undo steps, as every edit
 * is, and the history outlives a switch: its states are definitions, valid on any machine.
 */
public final class AppModel {

    /**
     * What one undo step restores.
     *
     * @param buffers the receive buffer and reader pace of each listener given one; the others have the default
     */
    private record Definitions(ListenerSet listeners, Map<Integer, ListenerBuffer.Settings> buffers) {
    }

    /**
     * An undo step: the definitions, and how they came about, for the status line when it is undone or redone.
     * Steps are equal by their definitions alone: an edit that changes nothing is no step.
     */
    private record Step(Definitions definitions, String how) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Step other && other.definitions.equals(definitions);
        }

        @Override
        public int hashCode() {
            return definitions.hashCode();
        }
    }

    private final Session session;
    private final EditHistory<Step> history;
    private Map<Integer, ListenerBuffer.Settings> buffers = Map.of();
    /**
     * The buffers handed to the session that are not the default. A source's modelled buffers start at the default
     * (as does a listener new to it), and a buffer handed over again starts empty, so only changes are handed over.
     */
    private final Map<Integer, ListenerBuffer.Settings> buffersInSession = new HashMap<>();
    private final ObjectProperty<ListenerSet> listeners = new SimpleObjectProperty<>(ListenerSet.empty());
    private final ObjectProperty<ListenerSet> routed = new SimpleObjectProperty<>(ListenerSet.empty());
    private final IntegerProperty activeListener = new SimpleIntegerProperty(-1);
    /** Whose records the views show: a listener id or ExitViews.ALL; follows the listener being edited. */
    private final IntegerProperty focus = new SimpleIntegerProperty(io.taskscope.session.views.ExitViews.ALL);
    private final javafx.beans.property.ObjectProperty<Integer> focusObject = focus.asObject();
    private final ObjectProperty<CpulistLimits> limits = new SimpleObjectProperty<>(CpulistLimits.forMachine(64));
    private BitSet disabled = new BitSet();
    /** The user's layout while a source shows its own listeners (and which of it was switched off); else null. */
    private Definitions putAside;
    private BitSet putAsideDisabled;
    /** Whose listeners put the user's aside ("the recording"), for the status line. */
    private String putAsideBy;

    public AppModel(Session session, ListenerSet initial) {
        this.session = session;
        this.history = new EditHistory<>(new Step(new Definitions(initial, buffers), "the listeners at start"));
        activeListener.set(initial.listeners().isEmpty() ? -1 : initial.listeners().get(0).id());
        session.setListeners(initial);
        show(initial);
        focus.set(activeListener.get() < 0 ? io.taskscope.session.views.ExitViews.ALL : activeListener.get());
        activeListener.addListener((obs, o, n) -> {
            if (n.intValue() >= 0) {
                focus.set(n.intValue());
            }
        });
        limits.addListener((obs, o, n) -> routed.set(cutToMachine(listeners.get())));
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

    /** The listeners as the user (or the running source) defined them: masks whole, whatever the machine. */
    public ObjectProperty<ListenerSet> listenersProperty() {
        return listeners;
    }

    /**
     * The listeners as routed on the running machine: each mask cut to the CPUs it has (a switched-off listener keeps
     * its mask here). What a recording of this source records.
     */
    public ObjectProperty<ListenerSet> routedProperty() {
        return routed;
    }

    /** The user's own layout: what is shown, or what a source's own listeners have put aside (to remember it). */
    public ListenerSet userListeners() {
        return putAside != null ? putAside.listeners() : listeners.get();
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
        apply(current());
    }

    /** One undoable edit. */
    public void edit(ListenerSet next) {
        commit(new Definitions(next, buffers), ListenerChanges.describe(listeners.get(), next));
    }

    /** The simulated receive buffer and reader pace of a listener: the default unless it was given others. */
    public ListenerBuffer.Settings buffer(int id) {
        return buffers.getOrDefault(id, ListenerBuffer.Settings.defaults());
    }

    /** One undoable edit of a listener's simulated receive buffer and reader pace (sources that model them). */
    public void editBuffer(int id, ListenerBuffer.Settings settings) {
        Optional<Listener> listener = listeners.get().byId(id);
        if (listener.isEmpty()) {
            return;
        }
        Map<Integer, ListenerBuffer.Settings> next = new HashMap<>(buffers);
        if (settings.equals(ListenerBuffer.Settings.defaults())) {
            next.remove(id);
        } else {
            next.put(id, settings);
        }
        commit(new Definitions(listeners.get(), Map.copyOf(next)), listener.get().name() + "'s buffer and reader");
    }

    private void commit(Definitions next, String how) {
        apply(next);
        history.push(new Step(current(), how));
        keepAnActiveListener();
    }

    public void editMask(int id, CpuSet cpus) {
        edit(listeners.get().withCpus(id, cpus));
    }

    /** Shows and routes a mask while a drag is in progress, without an undo step yet. */
    public void previewMask(int id, CpuSet cpus) {
        apply(new Definitions(listeners.get().withCpus(id, cpus), buffers));
    }

    /** Ends a drag: the whole gesture becomes one undo step. */
    public void commitPreview(int id, CpuSet before) {
        ListenerSet start = listeners.get().withCpus(id, before);
        history.push(new Step(current(), ListenerChanges.describe(start, listeners.get())));
    }

    /** Takes back the newest step; says what it did (for the status line). */
    public String undo() {
        if (!history.canUndo()) {
            return "Nothing to undo.";
        }
        String how = history.current().how();
        apply(history.undo().definitions());
        keepAnActiveListener();
        return "Undone: " + how + ". Listeners now: " + ListenerChanges.summary(listeners.get()) + ".";
    }

    /** Makes the step undone last again; says what it did. */
    public String redo() {
        if (!history.canRedo()) {
            return "Nothing to redo.";
        }
        Step step = history.redo();
        apply(step.definitions());
        keepAnActiveListener();
        return "Redone: " + step.how() + ". Listeners now: " + ListenerChanges.summary(listeners.get()) + ".";
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    /**
     * The running source defined these listeners itself (a replay's recorded edit) and the session already routes by
     * them: the editor shows them without sending them back, so a newer recorded edit is never overridden. An undo
     * step: Ctrl+Z brings back what was shown before (it then routes the source). A recording does not say what
     * buffers its listeners had, so they get the default. The user's layout is put aside until the next source.
     *
     * @param whose what defined them, for the status line: "the recording", "the stream"
     */
    public void followSource(ListenerSet routedBySource, String whose) {
        if (putAside == null) {
            putAside = current();
            putAsideDisabled = (BitSet) disabled.clone();
            putAsideBy = whose;
        }
        disabled = new BitSet();
        applyBuffers(routedBySource, Map.of());
        show(routedBySource);
        history.push(new Step(current(), whose + "'s listeners took over"));
        keepAnActiveListener();
    }

    public void followSource(ListenerSet routedBySource) {
        followSource(routedBySource, "the source");
    }

    /**
     * What the next source is to be routed by from its first record: the user's layout (brought back if a source's
     * own listeners had put it aside), switched-off listeners registered nowhere. The session cuts it to the machine.
     */
    public ListenerSet listenersForNextSource() {
        return putAside != null ? forRouting(putAside.listeners(), putAsideDisabled) : forRouting(listeners.get(), disabled);
    }

    /** After a source switch, with no knowledge of what it was started with: the listeners are handed over again. */
    public void sourceChanged(CpulistLimits machine) {
        sourceChanged(machine, null);
    }

    /**
     * After a source switch. Masks are kept whole; the session routes the part the new machine has. A layout put
     * aside for a source's own listeners comes back (an undo step: Ctrl+Z shows the source's again). The listeners
     * keep their buffers, as they keep their masks; the new source's are at the default until handed over again.
     *
     * @param startedWith what the session was told to route the new source by at its start (see
     *                    {@link #listenersForNextSource()}); handed over again only if the layout has changed since,
     *                    which keeps a recording's own first definition from being overwritten
     * @return whether the user's layout came back (the previous source had shown its own listeners)
     */
    public boolean sourceChanged(CpulistLimits machine, ListenerSet startedWith) {
        limits.set(machine);
        buffersInSession.clear();
        boolean cameBack = false;
        if (putAside != null) {
            Definitions mine = putAside;
            disabled = putAsideDisabled;
            putAside = null;
            putAsideDisabled = null;
            if (!mine.equals(current())) {
                history.push(new Step(mine, "your listeners came back after " + putAsideBy));
                cameBack = true;
            }
        }
        Definitions now = history.current().definitions();
        ListenerSet routing = forRouting(now.listeners(), disabled);
        if (!routing.equals(startedWith)) {
            session.setListeners(routing);
        }
        applyBuffers(now.listeners(), now.buffers());
        show(now.listeners());
        keepAnActiveListener();
        return cameBack;
    }

    /** The names of the listeners with CPUs beyond the running machine, in order (empty when every mask fits). */
    public List<String> listenersBeyondMachine() {
        int cpus = limits.get().nrCpuIds();
        return listeners.get().listeners().stream().filter(l -> l.cpus().splitAt(cpus).hasBeyond())
                .map(Listener::name).toList();
    }

    private Definitions current() {
        return new Definitions(listeners.get(), buffers);
    }

    private void apply(Definitions next) {
        session.setListeners(forRouting(next.listeners(), disabled));
        applyBuffers(next.listeners(), next.buffers()); // before the listeners' observers hear of the change
        show(next.listeners());
    }

    private void show(ListenerSet defined) {
        listeners.set(defined);
        routed.set(cutToMachine(defined));
    }

    /** What routing sees: switched-off listeners registered nowhere, ids kept. */
    private static ListenerSet forRouting(ListenerSet defined, BitSet off) {
        ListenerSet out = defined;
        for (Listener l : defined.listeners()) {
            if (off.get(l.id())) {
                out = out.withCpus(l.id(), CpuSet.empty());
            }
        }
        return out;
    }

    private ListenerSet cutToMachine(ListenerSet defined) {
        return defined.cutTo(CpuSet.range(0, limits.get().nrCpuIds() - 1));
    }

    private void keepAnActiveListener() {
        ListenerSet now = listeners.get();
        if (now.byId(activeListener.get()).isEmpty()) {
            activeListener.set(now.listeners().isEmpty() ? -1 : now.listeners().get(0).id());
        }
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
