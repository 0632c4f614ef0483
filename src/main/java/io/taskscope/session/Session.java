package io.taskscope.session;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.RecentExits;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.source.LossEvent;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceState;

import java.util.ArrayList;
import java.util.List;

/**
 * What the desktop app shows, kept off the UI thread: the running source, the virtual listeners and the routing
 * and counting of every batch. Batches arrive on the source's thread (for live, the collector's dispatcher: while
 * it waits here its socket reader goes on reading into the queue); a snapshot pump takes a
 * {@link SessionSnapshot} a few times a second, both through short critical sections. The FX thread never waits:
 * what it reads (source, machine, listeners) is read without the lock, and a listener edit that finds a batch in
 * progress is applied before the next one.
 * Switching sources may block (a live collector registers its sockets): call it off the UI thread.
 */
public final class Session {

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private volatile int tableRows = RecentExits.DEFAULT_CAPACITY;
    // volatile: read without the lock (the FX thread asks for them and must not wait for a batch)
    private volatile Source source;
    private volatile SourceInfo info;
    private volatile ListenerSet listeners = ListenerSet.empty();
    /** An edit made while a batch held the lock: applied by whoever takes the lock next. */
    private final java.util.concurrent.atomic.AtomicReference<ListenerSet> pendingListeners =
            new java.util.concurrent.atomic.AtomicReference<>();
    private ListenerBuffer.Settings buffers = ListenerBuffer.Settings.defaults();
    /**
     * Registered mode (a live source giving each listener a socket of its own): the sockets, else null; and each
     * listener's socket buffer and reader pace, where set (the others: the kernel's default, read as fast as it fills).
     */
    private volatile io.taskscope.source.ListenerSockets sockets;
    private final java.util.Map<Integer, ListenerBuffer.Settings> socketSettings = new java.util.HashMap<>();
    /** Registered mode: per listener name and CPU, the socket's losses its heatmap already shows. */
    private final java.util.Map<String, long[]> socketLossShown = new java.util.HashMap<>();
    /** Registered mode: each listener's socket made from the listener itself (serve: by name), or null. */
    private volatile java.util.function.Function<Listener, io.taskscope.source.RegisteredListener> socketSpecs;
    private ListenerFanout fanout;
    /** Every routed record's delays, across sources (serve's metrics), or null. */
    private DelayTotals delayTotals;
    private SourceState state = SourceState.STOPPED;
    private String detail = "no source";
    private int taskstatsVersion;
    /** Counts source switches: what a stopping source still hands over carries an old number and is dropped. */
    private long generation;
    /** Listener definitions the running source made in-band (a replay's recorded edits). */
    private long listenersFromSource;

    private ExitViews views;
    /** False for a session nothing looks at record by record (serve): no tables, heatmaps or distributions. */
    private final boolean keepsViews;
    /** Whether the views count delays that cannot be true (heat and leaders from the next batch); off by default. */
    private final java.util.concurrent.atomic.AtomicBoolean withImplausible =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Sees every batch and state after the session has, outside its lock (a recorder); null for none. */
    private volatile SourceConsumer tap;
    /** Delivers to nothing: the routing still counts every record. */
    private static final ListenerFanout.Delivery NOWHERE = (listener, block, row) -> {
    };
    private final ListenerFanout.Delivery toViews = new ListenerFanout.Delivery() {
        @Override
        public void deliver(Listener listener, RecordBlock block, int row) {
            views.delivered(listener.id(), row);
        }

        @Override
        public void dropped(Listener listener, RecordBlock block, int row) {
            views.dropped(listener.id(), block.cpu(row), block.receivedNanos(row));
        }
    };

    /** A session for the app: counts, and views of what each listener received. */
    public Session() {
        this(true);
    }

    private Session(boolean keepsViews) {
        this.keepsViews = keepsViews;
    }

    /**
     * A session that routes and counts but keeps no views ({@link #view} answers null): for a headless consumer of
     * its counts and tap, such as serve, which would otherwise copy every record into tables nobody reads.
     */
    public static Session withoutViews() {
        return new Session(false);
    }

    /** The modelled receive buffer a listener of a simulated source gets (from the next source or new listener). */
    public void setBufferDefaults(ListenerBuffer.Settings settings) {
        lock.lock();
        try {
            buffers = settings;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the current source and starts {@code next}; listeners are trimmed to the new machine's CPUs. */
    public void switchSource(Source next) throws SourceException {
        switchSource(next, null);
    }

    /**
     * As {@link #switchSource(Source)}, routing {@code next} by {@code routeBy} (trimmed to its machine) from its
     * first record on, or by the listeners in force when null. Given here rather than set after the start, so a
     * definition the new source makes itself (a recording's) is never overwritten by them.
     */
    public void switchSource(Source next, ListenerSet routeBy) throws SourceException {
        stopSource();
        lock.lock();
        try {
            applyPendingListeners();
            source = next;
            info = next.info();
            taskstatsVersion = 0;
            generation++;
            listenersFromSource = 0;
            listeners = trim(routeBy != null ? routeBy : listeners, info.possible());
            fanout = newFanout();
            views = keepsViews ? new ExitViews(info.cpuCount(), tableRows, withImplausible) : null;
            state = SourceState.STARTING;
            detail = info.description();
            sockets = next.listenerSockets().filter(io.taskscope.source.ListenerSockets::inUse).orElse(null);
            socketSettings.clear();
            socketLossShown.clear();
            registerSockets(); // before the start: the sockets it opens as it starts
        } finally {
            lock.unlock();
        }
        try {
            next.start(new Feed(generation));
        } catch (SourceException e) {
            lock.lock();
            try {
                state = SourceState.FAILED;
                detail = e.getMessage();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /** Counts (or, by default, leaves out) delays the kernel sent that cannot be true; never waits. */
    public void includeImplausible(boolean include) {
        withImplausible.set(include);
    }

    public boolean includesImplausible() {
        return withImplausible.get();
    }

    /**
     * Starts the per-listener views (tables, heatmaps, distributions) afresh: a replay sought backwards would
     * otherwise show the later records it had already played (the heatmap drops anything older than its window).
     */
    public void resetViews() {
        lock.lock();
        try {
            if (info != null && keepsViews) {
                views = new ExitViews(info.cpuCount(), tableRows, withImplausible);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many records each listener's table keeps (from the next source on); at least 100. */
    public void setTableRows(int rows) {
        tableRows = Math.max(100, rows);
    }

    public int tableRows() {
        return tableRows;
    }

    public void stopSource() {
        Source current = source;
        if (current != null) {
            current.stop();
        }
    }

    public Source source() {
        return source;
    }

    /**
     * Counts the delays of every record routed from now on into {@code totals} (in the routing pass, under the
     * lock); {@link #delays()} copies them.
     */
    public void countDelays(DelayTotals totals) {
        lock.lock();
        try {
            delayTotals = totals;
            if (fanout != null) {
                fanout.countDelays(totals);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the delays counted ({@link #countDelays}), or null when none are. */
    public DelayTotals delays() {
        lock.lock();
        try {
            return delayTotals == null ? null : delayTotals.copy();
        } finally {
            lock.unlock();
        }
    }

    private ListenerFanout newFanout() {
        ListenerFanout f = new ListenerFanout(listeners.listeners(), info.cpuCount());
        f.countDelays(delayTotals);
        if (source.modelsListenerBuffers()) {
            f.withBuffers(buffers);
        }
        return f;
    }

    private static ListenerSet trim(ListenerSet set, CpuSet possible) {
        return set.cutTo(possible);
    }

    /**
     * Applies new listener definitions to routing (masks beyond the machine are cut to it) and returns them as cut.
     * Never waits: if a batch holds the session at that moment, the edit is applied before the next batch is routed.
     */
    public ListenerSet setListeners(ListenerSet next) {
        SourceInfo machine = info;
        ListenerSet cut = machine == null ? next : trim(next, machine.possible());
        pendingListeners.set(cut);
        tryApplyPendingListeners(); // reentrant: fine from within a batch's tap too
        return cut;
    }

    /** Applies a pending edit now if the lock is free; otherwise its holder will, before it routes anything. */
    private void tryApplyPendingListeners() {
        if (lock.tryLock()) {
            try {
                applyPendingListeners();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Under the lock: the newest pending edit goes into routing and the views. */
    private void applyPendingListeners() {
        ListenerSet next = pendingListeners.getAndSet(null);
        if (next == null) {
            return;
        }
        ListenerSet before = listeners;
        listeners = info == null ? next : trim(next, info.possible());
        if (views != null) {
            for (Listener l : before.listeners()) { // removed, or the id now names another listener
                if (listeners.byId(l.id()).map(n -> !n.name().equals(l.name())).orElse(true)) {
                    views.forget(l.id());
                }
            }
        }
        if (fanout != null) {
            fanout.setListeners(listeners.listeners());
        }
        registerSockets();
    }

    /** A listener's socket settings in registered mode: its own, or the kernel's default buffer, read at once. */
    private ListenerBuffer.Settings socketSettings(int listenerId) {
        return socketSettings.getOrDefault(listenerId, DEFAULT_SOCKET);
    }

    /** A registered listener's default: net.core.rmem_default (the model's default), read as fast as it fills. */
    private static final ListenerBuffer.Settings DEFAULT_SOCKET =
            new ListenerBuffer.Settings(ListenerBuffer.DEFAULT_BYTES, Double.POSITIVE_INFINITY);

    /**
     * Registered mode, under the lock: every listener with CPUs here gets a socket on them, with its buffer (the
     * model's bytes are sk_rcvbuf, so SO_RCVBUF asks half) and pace; the source applies the difference.
     */
    private void registerSockets() {
        io.taskscope.source.ListenerSockets s = sockets;
        if (s == null) {
            return;
        }
        List<io.taskscope.source.RegisteredListener> specs = new ArrayList<>();
        java.util.function.Function<Listener, io.taskscope.source.RegisteredListener> made = socketSpecs;
        for (Listener l : listeners.listeners()) {
            if (!l.cpus().isEmpty()) {
                specs.add(made != null ? made.apply(l) : socketById(l));
            }
        }
        s.register(specs);
    }

    /** A listener's socket from the settings {@link #setBuffer} gave its id. */
    private io.taskscope.source.RegisteredListener socketById(Listener l) {
        ListenerBuffer.Settings b = socketSettings(l.id());
        int pace = Double.isInfinite(b.drainPerSecond()) ? 0 : (int) Math.max(1, Math.round(b.drainPerSecond()));
        // a buffer never set is left to the kernel (net.core.rmem_default, whatever this machine's is)
        int ask = socketSettings.containsKey(l.id()) ? Math.max(1, b.bytes() / 2) : 0;
        return new io.taskscope.source.RegisteredListener(l.name(), l.cpus(), ask, pace);
    }

    /**
     * Registered mode: each listener's socket (buffer, pace) as {@code specs} makes it from the listener, from the
     * next registration on, rather than from {@link #setBuffer} by id: serve gives them by name, and a listeners file
     * read again numbers its listeners afresh.
     */
    public void setSocketSpecs(java.util.function.Function<Listener, io.taskscope.source.RegisteredListener> specs) {
        socketSpecs = specs;
    }

    public ListenerSet listeners() {
        ListenerSet pending = pendingListeners.get();
        return pending != null ? pending : listeners;
    }

    /** The modelled receive buffer and reader speed of one listener (simulated sources). */
    public void setBuffer(int listenerId, ListenerBuffer.Settings settings) {
        lock.lock();
        try {
            applyPendingListeners(); // a listener an undo has just brought back must exist before its buffer is set
            if (sockets != null) {
                socketSettings.put(listenerId, settings);
                registerSockets();
            } else if (fanout != null && fanout.buffer(listenerId) != null) {
                fanout.setBuffer(listenerId, settings);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * What one source hands over, tagged with the generation it was started in: a batch, state or definition that a
     * source sends while it is being stopped reaches no later source's counts.
     */
    private final class Feed implements SourceConsumer {
        private final long startedIn;

        Feed(long startedIn) {
            this.startedIn = startedIn;
        }

        @Override
        public void batch(SourceBatch batch) {
            Session.this.batch(startedIn, batch);
        }

        @Override
        public void stateChanged(SourceState state, String detail) {
            Session.this.stateChanged(startedIn, state, detail);
        }

        @Override
        public void listeners(long nanos, ListenerSet set) {
            Session.this.listenersFromSource(startedIn, set);
        }
    }

    /** A recording's listener definition, applied before the next batch is routed, as {@code export} does. */
    private void listenersFromSource(long startedIn, ListenerSet set) {
        lock.lock();
        try {
            if (startedIn != generation) {
                return;
            }
            // replaces any user edit still pending: the recording's definition is the newer one
            pendingListeners.set(info == null ? set : trim(set, info.possible()));
            applyPendingListeners();
            listenersFromSource++; // the app follows from the next snapshot (and a recorder through the app)
        } finally {
            lock.unlock();
        }
    }

    private void batch(long startedIn, SourceBatch batch) {
        lock.lock();
        try {
            applyPendingListeners();
            if (fanout == null || startedIn != generation) {
                return;
            }
            RecordBlock block = batch.records();
            if (views == null) {
                fanout.accept(batch, NOWHERE);
            } else if (sockets != null && sockets.deliversCopies()) {
                // registered: the references make the machine's views and counts; a listener's views are what its
                // own socket got
                views.acceptBatch(block);
                fanout.accept(batch, NOWHERE);
                if (batch.copies() != null) {
                    deliverCopies(batch.copies());
                }
            } else {
                views.acceptBatch(block);
                fanout.accept(batch, toViews);
            }
            if (views != null) {
                for (LossEvent loss : batch.losses()) {
                    if (loss.listenerId() == LossEvent.ALL_LISTENERS && loss.records() > 0) {
                        views.lostBeforeRouting(loss.cpu(), loss.timeNanos(), loss.records());
                    }
                }
                views.endBatch(block.size());
            }
            if (!block.isEmpty()) {
                taskstatsVersion = (int) block.get(0, TaskstatsField.VERSION);
            }
        } finally {
            lock.unlock();
        }
        // The tap runs after the lock is released: a recorder holds back a source that can wait (simulator, replay)
        // until its disk catches up, and the snapshot pump, listener edits and seeks (the FX thread) need this lock
        // meanwhile. A live source's tap never waits. The batch is still the source's until this call returns.
        SourceConsumer t = tap;
        if (t != null) {
            t.batch(batch);
        }
    }

    /** Under the lock, registered mode: each copy to the views of the listener whose socket received it. */
    private void deliverCopies(io.taskscope.source.ListenerCopies copies) {
        RecordBlock rows = copies.records();
        views.acceptCopies(rows);
        String lastName = null;
        int lastId = -1;
        for (int row = 0; row < rows.size(); row++) {
            String name = copies.listener(row);
            if (name != lastName) { // the same String object per socket: a lookup per run of rows, not per row
                lastName = name;
                lastId = listeners.byName(name).map(Listener::id).orElse(-1);
            }
            if (lastId >= 0) {
                views.delivered(lastId, row);
            }
        }
    }

    /**
     * Under the lock, registered mode: what each listener's socket has lost since the last snapshot goes into its
     * heatmap's loss rows now, on the CPUs it was lost on (a loss is known once it has settled, not when it happened).
     */
    private void showSocketLosses(Listener l, io.taskscope.source.RegisteredListenerReport r, int cpus) {
        long[] shown = socketLossShown.computeIfAbsent(l.name(), k -> new long[cpus]);
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int cpu = 0; cpu < cpus; cpu++) {
            long lost = r.lost(cpu);
            long more = lost >= shown[cpu] ? lost - shown[cpu] : lost; // less: a new socket under that name
            if (more > 0) {
                views.dropped(l.id(), cpu, now, more);
            }
            shown[cpu] = lost;
        }
    }

    private void stateChanged(long startedIn, SourceState newState, String newDetail) {
        lock.lock();
        try {
            if (startedIn != generation) {
                return;
            }
            state = newState;
            detail = newDetail;
        } finally {
            lock.unlock();
        }
        SourceConsumer t = tap;
        if (t != null) {
            t.stateChanged(newState, newDetail);
        }
    }

    /**
     * Hands every batch (during the call only, with the session's lock released: the tap may hold back a source that
     * can wait) and state to {@code tap} too, e.g. a recorder; null stops it.
     */
    public void setTap(SourceConsumer tap) {
        this.tap = tap;
    }

    /** The running source's machine, or null. */
    public SourceInfo info() {
        return info;
    }

    /**
     * A copy of one listener's views (or, for {@link ExitViews#ALL}, the whole machine's): its newest {@code rows}
     * records, its heatmap of {@code metric} over its CPUs, delay distributions, leaderboard. For the view on screen,
     * a few times a second. Null before any source.
     */
    public ViewSnapshot view(int listenerId, Metric metric, int rows) {
        return view(listenerId, metric, rows, io.taskscope.session.views.RowSpan.ALL);
    }

    /** As {@link #view(int, Metric, int)}, with records made only for the table rows in {@code made}. */
    public ViewSnapshot view(int listenerId, Metric metric, int rows, io.taskscope.session.views.RowSpan made) {
        lock.lock();
        try {
            applyPendingListeners();
            if (views == null) {
                return null;
            }
            CpuSet cpus = listenerId == ExitViews.ALL ? info.possible()
                    : listeners.byId(listenerId).map(Listener::cpus).orElse(CpuSet.empty());
            return views.focus(listenerId, cpus, metric, rows, made);
        } finally {
            lock.unlock();
        }
    }

    /** Reads the running source's counts and listeners while nothing changes them (for end-of-run summaries). */
    public <T> T readCounts(java.util.function.BiFunction<Tally, ListenerSet, T> reader) {
        lock.lock();
        try {
            return fanout == null ? null : reader.apply(fanout.tally(), listeners);
        } finally {
            lock.unlock();
        }
    }

    /** Registered mode: each listener's socket report, by name; null in the other modes. */
    private java.util.Map<String, io.taskscope.source.RegisteredListenerReport> socketReports() {
        io.taskscope.source.ListenerSockets s = sockets;
        if (s == null) {
            return null;
        }
        java.util.Map<String, io.taskscope.source.RegisteredListenerReport> byName = new java.util.HashMap<>();
        for (io.taskscope.source.RegisteredListenerReport r : s.reports()) {
            byName.put(r.listener().name(), r);
        }
        return byName;
    }

    private SessionSnapshot.ListenerStats socketStats(Listener l, io.taskscope.source.RegisteredListenerReport r) {
        ListenerBuffer.Settings settings = socketSettings(l.id());
        if (r == null) { // no socket (yet): no CPUs here, or its registration is on its way
            return new SessionSnapshot.ListenerStats(l, 0, 0, 0, 0, settings, null);
        }
        // what the kernel granted (sk_rcvbuf, as the model counts bytes) and the pace it is read at
        int pace = r.listener().recordsPerSecond();
        ListenerBuffer.Settings granted = r.grantedBytes() <= 0 ? settings : new ListenerBuffer.Settings(
                r.grantedBytes(), pace == 0 ? Double.POSITIVE_INFINITY : pace);
        return new SessionSnapshot.ListenerStats(l, r.receivedTotal(), r.lostTotal() + r.queueDropped(),
                r.queueDropped(), r.overflows(), granted, r);
    }

    /**
     * Registered mode: each listener in force's own socket figures by name, as {@link #snapshot()} shows them
     * (received, lost in all, lost in Taskscope's queue; no socket yet: zeros and a null report); null in the other
     * modes.
     */
    public java.util.Map<String, SessionSnapshot.ListenerStats> registeredStats() {
        java.util.Map<String, io.taskscope.source.RegisteredListenerReport> reports = socketReports(); // before the lock
        if (reports == null) {
            return null;
        }
        lock.lock();
        try {
            applyPendingListeners();
            java.util.Map<String, SessionSnapshot.ListenerStats> out = new java.util.LinkedHashMap<>();
            for (Listener l : listeners.listeners()) {
                out.put(l.name(), socketStats(l, reports.get(l.name())));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Everything the UI shows, copied: cheap enough for once a frame. */
    public SessionSnapshot snapshot() {
        // registered mode: the sockets' figures are copied before the lock, which batches wait for meanwhile
        java.util.Map<String, io.taskscope.source.RegisteredListenerReport> reports = socketReports();
        lock.lock();
        try {
            applyPendingListeners();
            if (info == null || fanout == null) {
                return SessionSnapshot.empty(listeners);
            }
            Tally t = fanout.tally();
            int cpus = info.cpuCount();
            long[] exits = new long[cpus];
            long[] lost = new long[cpus];
            for (int cpu = 0; cpu < cpus; cpu++) {
                exits[cpu] = t.receivedOn(cpu);
                lost[cpu] = t.lostOn(cpu) + t.droppedOn(cpu);
            }
            List<SessionSnapshot.ListenerStats> stats = new ArrayList<>();
            long lostTotal = 0;
            for (int cpu = 0; cpu < cpus; cpu++) {
                lostTotal += t.lostOn(cpu);
            }
            for (Listener l : listeners.listeners()) {
                io.taskscope.source.RegisteredListenerReport r = reports == null ? null : reports.get(l.name());
                if (reports != null) { // registered: the socket's own figures, its losses on the CPUs it lost them
                    stats.add(socketStats(l, r));
                    if (r != null) {
                        if (views != null) {
                            showSocketLosses(l, r, cpus);
                        }
                        lostTotal += r.lostTotal() + r.queueDropped();
                        for (int cpu = 0; cpu < cpus; cpu++) {
                            lost[cpu] += r.lost(cpu);
                        }
                    }
                    continue;
                }
                ListenerBuffer b = fanout.buffer(l.id());
                stats.add(new SessionSnapshot.ListenerStats(l, t.deliveredTo(l.id()), t.lostBy(l.id()),
                        t.lostBy(l.id(), LossEvent.Origin.QUEUE), t.overflowsOf(l.id()),
                        b == null ? null : b.settings(), null));
                if (b != null) {
                    lostTotal += t.lostBy(l.id());
                }
            }
            return new SessionSnapshot(System.nanoTime(), generation, info, state, detail, taskstatsVersion,
                    t.received(), lostTotal, t.lost(LossEvent.Origin.QUEUE), exits, lost, source.onlineCpus(),
                    listeners, stats, listenersFromSource);
        } finally {
            lock.unlock();
        }
    }
}
