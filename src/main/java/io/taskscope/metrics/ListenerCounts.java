package io.taskscope.metrics;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerRouting;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.Tally;
import io.taskscope.source.LossEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the session's per-listener counts into per-name series. The session counts by listener id and starts a new
 * listener's counts at zero, so what a series gains is what the tally gained since it was last looked at, for the id
 * that name had then. Callers hold the tally still (the session's lock) and fold right before any listener edit, so
 * nothing counted under the old listeners is lost or given to a new one.
 */
final class ListenerCounts {
    private final Map<String, ListenerSeries> byName = new LinkedHashMap<>();
    private final ListenerSeries[] byId = new ListenerSeries[ListenerRouting.MAX_LISTENERS];
    private final long[] seenDelivered = new long[ListenerRouting.MAX_LISTENERS];
    private final long[] seenKernel = new long[ListenerRouting.MAX_LISTENERS];
    private final long[] seenQueue = new long[ListenerRouting.MAX_LISTENERS];
    private boolean started;
    /** Registered mode, by name: each socket's received, kernel and queue losses when last folded. */
    private final Map<String, long[]> seenSockets = new java.util.HashMap<>();

    /** Adds what each listener of {@code listeners} counted since the last fold. */
    void fold(Tally tally, ListenerSet listeners) {
        if (!started) { // the source's first listeners: their counts start at zero with it
            follow(listeners, null);
            started = true;
        }
        for (Listener l : listeners.listeners()) {
            int id = l.id();
            ListenerSeries s = byId[id];
            if (s == null) {
                continue;
            }
            long delivered = tally.deliveredTo(id);
            long kernel = tally.lostBy(id, LossEvent.Origin.KERNEL);
            long queue = tally.lostBy(id, LossEvent.Origin.QUEUE);
            s.deliveredRecords += delivered - seenDelivered[id];
            s.kernelLosses += kernel - seenKernel[id];
            s.queueLosses += queue - seenQueue[id];
            seenDelivered[id] = delivered;
            seenKernel[id] = kernel;
            seenQueue[id] = queue;
        }
    }

    /**
     * Registered mode: adds what each listener's own socket received and lost since the last fold ({@code stats} by
     * name, as the session shows them). A socket's loss may be under-counted for a moment (a copy received before
     * its CPU's reference was read), never over: a series takes only what goes beyond the most it has seen.
     */
    void foldSockets(Map<String, SessionSnapshot.ListenerStats> stats, ListenerSet listeners) {
        if (!started) {
            follow(listeners, null);
        }
        for (Listener l : listeners.listeners()) {
            ListenerSeries s = byId[l.id()];
            SessionSnapshot.ListenerStats st = stats.get(l.name());
            if (s == null || st == null || st.socket() == null) {
                continue; // no socket yet
            }
            long[] seen = seenSockets.computeIfAbsent(l.name(), n -> new long[3]);
            long[] now = {st.delivered(), st.lost() - st.lostInQueue(), st.lostInQueue()};
            s.deliveredRecords += Math.max(0, now[0] - seen[0]);
            s.kernelLosses += Math.max(0, now[1] - seen[1]);
            s.queueLosses += Math.max(0, now[2] - seen[2]);
            for (int i = 0; i < 3; i++) {
                seen[i] = Math.max(seen[i], now[i]);
            }
        }
    }

    /**
     * After an edit (folded just before it): each listener now in force counts on from what its id holds now; a name
     * seen before keeps its series. {@code tally} null: everything starts at zero.
     */
    void follow(ListenerSet listeners, Tally tally) {
        java.util.Arrays.fill(byId, null);
        // a registered listener removed loses its socket; if its name comes back, a new one counts from zero
        seenSockets.keySet().removeIf(name -> listeners.byName(name).isEmpty());
        for (Listener l : listeners.listeners()) {
            int id = l.id();
            byId[id] = byName.computeIfAbsent(l.name(), ListenerSeries::new);
            seenDelivered[id] = tally == null ? 0 : tally.deliveredTo(id);
            seenKernel[id] = tally == null ? 0 : tally.lostBy(id, LossEvent.Origin.KERNEL);
            seenQueue[id] = tally == null ? 0 : tally.lostBy(id, LossEvent.Origin.QUEUE);
        }
        started = true;
    }

    /** One listener's counters at one instant, with its labels. */
    record Counted(ListenerSeries series, long delivered, long lostInKernel, long lostInQueue) {
    }

    /**
     * Every name ever in force, removed ones too (their counters stay, unchanged, rather than vanish and come back
     * if the name returns).
     */
    List<Counted> counted() {
        List<Counted> out = new ArrayList<>(byName.size());
        for (ListenerSeries s : byName.values()) {
            out.add(new Counted(s, s.deliveredRecords, s.kernelLosses, s.queueLosses));
        }
        return out;
    }
}
