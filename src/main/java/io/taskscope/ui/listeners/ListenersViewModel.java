package io.taskscope.ui.listeners;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.Errno;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.grid.NumaNodes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * What the listeners pane decides, without a toolkit: each listener's records per second from successive snapshots,
 * whether the cpulist text typed for it is one the kernel would take (and why not), and the edits its fields make,
 * every one an undoable edit of the {@link AppModel}: name, colour, mask, and the simulated receive buffer and
 * reader pace.
 */
final class ListenersViewModel {

    /** A starting set of listeners the user can pick. */
    record Preset(String label, Supplier<ListenerSet> make) {
    }

    /** What a row shows of a listener's counts, from one snapshot. */
    record Figures(double perSecond, long delivered, long lost, long lostInQueue, ListenerBuffer.Settings buffer,
                   long overflows, boolean ownSocket, boolean asRecorded) {

        Figures(double perSecond, long delivered, long lost, long lostInQueue, ListenerBuffer.Settings buffer) {
            this(perSecond, delivered, lost, lostInQueue, buffer, 0, false, false);
        }

        /** What the lost figure's tooltip says: where the losses come from, and how many overflows. */
        String lostExplanation() {
            String where = ownSocket ? "what the kernel dropped for this listener's own socket (registered mode)"
                    : buffer != null ? "what this listener's modelled receive buffer dropped"
                    : "what was lost on its CPUs before routing";
            return "Lost: " + where + ". " + String.format(Locale.ROOT, "%,d overflow%s (ENOBUFS)", overflows,
                    overflows == 1 ? "" : "s") + (lostInQueue > 0 ? String.format(Locale.ROOT,
                    "; %,d dropped by Taskscope's own queue", lostInQueue) : "") + ".";
        }

        String rateText() {
            return String.format(Locale.ROOT, "%,.0f", perSecond);
        }

        String deliveredText() {
            return String.format(Locale.ROOT, "%,d", delivered);
        }

        /** "0", or the records lost with their share of all sent to it, and the part Taskscope's own queue lost. */
        String lostText() {
            if (lost == 0) {
                return "0";
            }
            double percent = 100.0 * lost / Math.max(1, delivered + lost);
            return lostInQueue == 0 ? String.format(Locale.ROOT, "%,d (%.1f%%)", lost, percent)
                    : String.format(Locale.ROOT, "%,d (%.1f%%; queue %,d)", lost, percent, lostInQueue);
        }

        boolean losing() {
            return lost > 0;
        }
    }

    /** Which of the two buffer fields hold something the simulator can take. */
    record BufferCheck(boolean bytesOk, boolean paceOk) {
        boolean ok() {
            return bytesOk && paceOk;
        }
    }

    /** Where a mask kept from a larger machine is read: any CPU Taskscope models. */
    private static final CpulistLimits ANY_MACHINE = CpulistLimits.forMachine(CpulistLimits.MAX_CPUS);

    private final AppModel model;
    private final Map<Integer, Long> deliveredBefore = new HashMap<>();
    private final Map<Integer, Figures> figures = new HashMap<>();
    private long generation = -1;
    private long snapshotNanos;
    private boolean simulated;
    /** The cpulist text typed for each listener, as last checked, and the kernel's refusal of it if any. */
    private final Map<Integer, String> typed = new HashMap<>();
    private final Map<Integer, String> refusals = new HashMap<>();

    ListenersViewModel(AppModel model) {
        this.model = model;
    }

    private ListenerSet listeners() {
        return model.listenersProperty().get();
    }

    private int cpus() {
        return model.limitsProperty().get().nrCpuIds();
    }

    List<Preset> presets() {
        return List.of(
                new Preset("One listener on all CPUs", () -> ListenerSet.oneOnAll(cpus())),
                new Preset("One per NUMA node", () -> ListenerSet.perNode(NumaNodes.of(cpus()))),
                new Preset("Split evenly into 2", () -> ListenerSet.splitEvenly(cpus(), 2)),
                new Preset("Split evenly into 4", () -> ListenerSet.splitEvenly(cpus(), 4)),
                new Preset("Split evenly into 8", () -> ListenerSet.splitEvenly(cpus(), 8)),
                new Preset("One per CPU (up to 64)", () -> ListenerSet.perCpu(cpus())));
    }

    // ---- counts ----

    /**
     * Takes a snapshot's counts: a listener's rate is what it received since the previous snapshot over the time
     * between them (0 for the first, and after a source switch, whose counts start again).
     */
    void update(SessionSnapshot s) {
        simulated = s.listenerStats().stream().anyMatch(st -> st.buffer() != null);
        // a recording's buffers are what it was recorded with: a replay cannot read at another pace
        boolean recorded = s.info() != null && s.info().kind() == io.taskscope.source.SourceKind.REPLAY;
        if (s.generation() != generation) {
            generation = s.generation();
            deliveredBefore.clear();
        }
        double seconds = snapshotNanos == 0 ? 0 : (s.nanoTime() - snapshotNanos) / 1e9;
        figures.clear();
        for (SessionSnapshot.ListenerStats st : s.listenerStats()) {
            int id = st.listener().id();
            Long before = deliveredBefore.put(id, st.delivered());
            double rate = before == null || seconds <= 0 ? 0 : (st.delivered() - before) / seconds;
            figures.put(id, new Figures(rate, st.delivered(), st.lost(), st.lostInQueue(), st.buffer(), st.overflows(),
                    st.socket() != null, recorded));
        }
        snapshotNanos = s.nanoTime();
    }

    /** The latest counts of a listener, if the last snapshot had it. */
    Optional<Figures> figures(int id) {
        return Optional.ofNullable(figures.get(id));
    }

    /** Whether the source models listener buffers (the simulator): only then are they shown and edited. */
    boolean simulated() {
        return simulated;
    }

    // ---- cpulist text ----

    /**
     * Checks text typed for a listener's mask, as the kernel would parse it on this machine; except that the text
     * of the mask in force passes even where it names CPUs this machine lacks (a mask kept from a larger one: it
     * stands as defined, and only the CPUs that exist are registered, see {@link #beyondMachine}).
     */
    CpulistParse check(int id, String text) {
        typed.put(id, text);
        CpulistParse parsed = CpuSet.parse(text, model.limitsProperty().get());
        if (parsed instanceof CpulistParse.Refused r && r.error().errno() == Errno.ERANGE) {
            CpulistParse anywhere = CpuSet.parse(text, ANY_MACHINE);
            if (anywhere instanceof CpulistParse.Parsed p
                    && listeners().byId(id).map(l -> l.cpus().equals(p.cpus())).orElse(false)) {
                parsed = p;
            }
        }
        if (parsed instanceof CpulistParse.Refused refused) {
            String name = listeners().byId(id).map(Listener::name).orElse("");
            refusals.put(id, name + ": " + refused.error().describe());
        } else {
            refusals.remove(id);
        }
        return parsed;
    }

    boolean isRefused(int id) {
        return refusals.containsKey(id);
    }

    /** Why the kernel would refuse the text typed, one line per listener whose text it refuses; null for none. */
    String refusals() {
        StringJoiner lines = new StringJoiner("\n");
        for (Listener l : listeners().listeners()) {
            if (refusals.containsKey(l.id())) {
                lines.add(refusals.get(l.id()));
            }
        }
        return lines.length() == 0 ? null : lines.toString();
    }

    /**
     * Enter, or leaving the field: text the kernel takes becomes the listener's mask (an undoable edit when it
     * differs); refused text changes nothing.
     *
     * @return the text the field should show: the mask as the kernel would print it, or what was typed if refused
     */
    String commitCpulist(int id, String text) {
        if (check(id, text) instanceof CpulistParse.Parsed ok) {
            listeners().byId(id).ifPresent(l -> {
                if (!l.cpus().equals(ok.cpus())) {
                    model.editMask(id, ok.cpus());
                }
            });
            return ok.cpus().toCpulist();
        }
        return text;
    }

    /** Esc: what was typed is dropped; the field shows the mask in force again. */
    String cancelCpulist(int id) {
        String inForce = maskText(id);
        check(id, inForce);
        return inForce;
    }

    /**
     * The part of a listener's mask the running machine does not have, said plainly ("32-47: beyond this machine's
     * 2 CPUs"); null when it has all of it.
     */
    String beyondMachine(int id) {
        Optional<Listener> listener = listeners().byId(id);
        if (listener.isEmpty()) {
            return null;
        }
        int cpus = cpus();
        CpuSet.Split split = listener.get().cpus().splitAt(cpus);
        if (!split.hasBeyond()) {
            return null;
        }
        String note = split.beyond().toCpulist() + ": beyond this machine's " + cpus + (cpus == 1 ? " CPU" : " CPUs");
        return split.inRange().isEmpty() ? note + "; " + listener.get().name() + " receives nothing here" : note;
    }

    /** How many of the listener's CPUs this machine has: those it is registered on when switched on. */
    int cpusHere(Listener l) {
        return l.cpus().splitAt(cpus()).inRange().size();
    }

    /** The listener's mask in force, as cpulist text. */
    String maskText(int id) {
        return listeners().byId(id).map(l -> l.cpus().toCpulist()).orElse("");
    }

    // ---- other fields ----

    /** @return the name in force afterwards (unchanged when taken by another listener or blank) */
    String rename(int id, String name) {
        Optional<Listener> l = listeners().byId(id);
        if (l.isPresent() && !name.strip().equals(l.get().name())) {
            model.edit(listeners().rename(id, name));
        }
        return listeners().byId(id).map(Listener::name).orElse("");
    }

    void recolour(int id, int rgb) {
        listeners().byId(id).ifPresent(l -> model.edit(listeners().replace(l.withRgb(rgb))));
    }

    /**
     * The buffer fields: a receive buffer in bytes (at least 1) and a reader pace in records a second (above 0, or
     * "max") become the listener's, as one undoable edit; otherwise nothing changes.
     */
    BufferCheck editBuffer(int id, String bytesText, String paceText) {
        Integer bytes = parseBytes(bytesText);
        Double pace = parsePace(paceText);
        BufferCheck check = new BufferCheck(bytes != null, pace != null);
        if (check.ok()) {
            model.editBuffer(id, new ListenerBuffer.Settings(bytes, pace));
        }
        return check;
    }

    private static Integer parseBytes(String text) {
        try {
            int bytes = Integer.parseInt(text.strip());
            return bytes >= 1 ? bytes : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Records a second above 0, or "max": read as fast as it fills. */
    private static Double parsePace(String text) {
        if (text.strip().equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double pace = Double.parseDouble(text.strip());
            return pace > 0 && Double.isFinite(pace) ? pace : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Adds a listener with no CPUs yet and makes it the one edited; nothing when there are as many as can be. */
    void addListener() {
        ListenerSet set = listeners();
        if (set.isFull()) {
            return;
        }
        ListenerSet next = set.add("listener" + (set.size() + 1), CpuSet.empty());
        model.edit(next);
        model.activeListenerProperty().set(next.listeners().get(next.size() - 1).id());
    }

    void remove(int id) {
        if (id >= 0) {
            model.edit(listeners().remove(id));
        }
    }

    /** A listener gone from the set takes its typed text with it. */
    void forgetGone() {
        typed.keySet().removeIf(id -> listeners().byId(id).isEmpty());
        refusals.keySet().removeIf(id -> listeners().byId(id).isEmpty());
    }
}
