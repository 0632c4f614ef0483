package io.taskscope.metrics;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerRouting;
import io.taskscope.core.ListenerSet;
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
     * After an edit (folded just before it): each listener now in force counts on from what its id holds now; a name
     * seen before keeps its series. {@code tally} null: everything starts at zero.
     */
    void follow(ListenerSet listeners, Tally tally) {
        java.util.Arrays.fill(byId, null);
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
