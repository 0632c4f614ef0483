package io.taskscope.session;

import io.taskscope.core.RecordBlock;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerRouting;

import java.util.List;

/**
 * Routes a source's batches to virtual listeners exactly as the kernel's per-CPU lists would
 * ({@link ListenerRouting}), and keeps the counts: per listener delivered and lost, per CPU received and lost.
 * A loss before routing (the live collector's own socket for that CPU overflowed) is a loss for every listener on
 * that CPU. Used from one thread.
 */
public final class ListenerFanout {

    /** Receives one (listener, record) pair: row {@code row} of {@code block}, valid during the call. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(Listener listener, RecordBlock block, int row);
    }

    private final Listener[] byId = new Listener[ListenerRouting.MAX_LISTENERS];
    private final ListenerRouting routing;
    private final Tally tally;
    private final int[] routed = new int[ListenerRouting.MAX_LISTENERS];

    public ListenerFanout(List<Listener> listeners, int cpuCount) {
        routing = new ListenerRouting(cpuCount);
        tally = new Tally(cpuCount);
        for (Listener l : listeners) {
            if (byId[l.id()] != null) {
                throw new IllegalArgumentException("two listeners with id " + l.id());
            }
            byId[l.id()] = l;
            routing.register(l.id(), l.cpus());
        }
    }

    public ListenerRouting routing() {
        return routing;
    }

    public Tally tally() {
        return tally;
    }

    public Listener listener(int id) {
        return byId[id];
    }

    /** Routes every row; a listener whose bit is set in the row's undelivered mask lost it (its LossEvent counts it). */
    public void accept(SourceBatch batch, Delivery delivery) {
        RecordBlock block = batch.records();
        for (int row = 0; row < block.size(); row++) {
            int cpu = block.cpu(row);
            tally.received(cpu);
            long undelivered = block.undelivered(row);
            int n = routing.route(cpu, routed);
            for (int i = 0; i < n; i++) {
                int id = routed[i];
                if ((undelivered & (1L << id)) == 0) {
                    tally.delivered(id);
                    delivery.deliver(byId[id], block, row);
                }
            }
        }
        for (LossEvent loss : batch.losses()) {
            tally.lost(loss, routing, routed);
        }
        tally.stale(batch.stale());
    }
}
