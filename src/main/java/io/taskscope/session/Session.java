package io.taskscope.session;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.RecentExits;
import io.taskscope.session.views.ViewSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * What the desktop app shows, kept off the UI thread: the running source, the virtual listeners and the routing
 * and counting of every batch. Batches arrive on the source's thread; the UI takes a {@link SessionSnapshot} once
 * per frame and edits listeners, both through short critical sections (one batch at most).
 * Switching sources may block (a live collector registers its sockets): call it off the UI thread.
 */
public final class Session implements SourceConsumer {

    private final Object lock = new Object();
    private volatile int tableRows = RecentExits.DEFAULT_CAPACITY;
    private Source source;
    private SourceInfo info;
    private ListenerSet listeners = ListenerSet.empty();
    private ListenerBuffer.Settings buffers = ListenerBuffer.Settings.defaults();
    private ListenerFanout fanout;
    private SourceState state = SourceState.STOPPED;
    private String detail = "no source";
    private int taskstatsVersion;
    private long generation;

    private ExitViews views;
    /** Sees every batch and state after the session has (a recorder); null for none. */
    private volatile SourceConsumer tap;
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

    /** Stops the current source and starts {@code next}; listeners are trimmed to the new machine's CPUs. */
    public void switchSource(Source next) throws SourceException {
        stopSource();
        synchronized (lock) {
            source = next;
            info = next.info();
            taskstatsVersion = 0;
            generation++;
            listeners = trim(listeners, info.possible());
            fanout = newFanout();
            views = new ExitViews(info.cpuCount(), tableRows);
            state = SourceState.STARTING;
            detail = info.description();
        }
        try {
            next.start(this);
        } catch (SourceException e) {
            synchronized (lock) {
                state = SourceState.FAILED;
                detail = e.getMessage();
            }
            throw e;
        }
    }

    /**
     * Starts the per-listener views (tables, heatmaps, distributions) afresh: a replay sought backwards would
     * otherwise show the later records it had already played (the heatmap drops anything older than its window).
     */
    public void resetViews() {
        synchronized (lock) {
            if (info != null) {
                views = new ExitViews(info.cpuCount(), tableRows);
            }
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
        Source current;
        synchronized (lock) {
            current = source;
        }
        if (current != null) {
            current.stop();
        }
    }

    public Source source() {
        synchronized (lock) {
            return source;
        }
    }

    private ListenerFanout newFanout() {
        ListenerFanout f = new ListenerFanout(listeners.listeners(), info.cpuCount());
        if (source.modelsListenerBuffers()) {
            f.withBuffers(buffers);
        }
        return f;
    }

    private static ListenerSet trim(ListenerSet set, CpuSet possible) {
        ListenerSet out = set;
        for (Listener l : set.listeners()) {
            if (!l.cpus().isSubsetOf(possible)) {
                out = out.withCpus(l.id(), l.cpus().intersect(possible));
            }
        }
        return out;
    }

    /** Applies new listener definitions to routing at once (masks beyond the machine are cut to it). */
    public ListenerSet setListeners(ListenerSet next) {
        synchronized (lock) {
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
            return listeners;
        }
    }

    public ListenerSet listeners() {
        synchronized (lock) {
            return listeners;
        }
    }

    /** The modelled receive buffer and reader speed of one listener (simulated sources). */
    public void setBuffer(int listenerId, ListenerBuffer.Settings settings) {
        synchronized (lock) {
            if (fanout != null && fanout.buffer(listenerId) != null) {
                fanout.setBuffer(listenerId, settings);
            }
        }
    }

    @Override
    public void batch(SourceBatch batch) {
        synchronized (lock) {
            if (fanout == null) {
                return;
            }
            RecordBlock block = batch.records();
            views.acceptBatch(block);
            fanout.accept(batch, toViews);
            for (LossEvent loss : batch.losses()) {
                if (loss.listenerId() == LossEvent.ALL_LISTENERS && loss.records() > 0) {
                    views.lostBeforeRouting(loss.cpu(), loss.timeNanos(), loss.records());
                }
            }
            views.endBatch(block.size());
            SourceConsumer t = tap;
            if (t != null) {
                t.batch(batch);
            }
            if (!block.isEmpty()) {
                taskstatsVersion = (int) block.get(0, TaskstatsField.VERSION);
            }
        }
    }

    @Override
    public void stateChanged(SourceState newState, String newDetail) {
        synchronized (lock) {
            state = newState;
            detail = newDetail;
        }
        SourceConsumer t = tap;
        if (t != null) {
            t.stateChanged(newState, newDetail);
        }
    }

    /** Hands every batch (during the call only) and state to {@code tap} too, e.g. a recorder; null stops it. */
    public void setTap(SourceConsumer tap) {
        this.tap = tap;
    }

    /** The running source's machine, or null. */
    public SourceInfo info() {
        synchronized (lock) {
            return info;
        }
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
        synchronized (lock) {
            if (views == null) {
                return null;
            }
            CpuSet cpus = listenerId == ExitViews.ALL ? info.possible()
                    : listeners.byId(listenerId).map(Listener::cpus).orElse(CpuSet.empty());
            return views.focus(listenerId, cpus, metric, rows, made);
        }
    }

    /** Reads the running source's counts and listeners while nothing changes them (for end-of-run summaries). */
    public <T> T readCounts(java.util.function.BiFunction<Tally, ListenerSet, T> reader) {
        synchronized (lock) {
            return fanout == null ? null : reader.apply(fanout.tally(), listeners);
        }
    }

    /** Everything the UI shows, copied: cheap enough for once a frame. */
    public SessionSnapshot snapshot() {
        synchronized (lock) {
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
                ListenerBuffer b = fanout.buffer(l.id());
                stats.add(new SessionSnapshot.ListenerStats(l, t.deliveredTo(l.id()), t.lostBy(l.id()),
                        t.lostBy(l.id(), LossEvent.Origin.QUEUE), t.overflowsOf(l.id()),
                        b == null ? null : b.settings()));
                if (b != null) {
                    lostTotal += t.lostBy(l.id());
                }
            }
            return new SessionSnapshot(System.nanoTime(), generation, info, state, detail, taskstatsVersion,
                    t.received(), lostTotal, t.lost(LossEvent.Origin.QUEUE), exits, lost, source.onlineCpus(),
                    listeners, stats);
        }
    }
}
