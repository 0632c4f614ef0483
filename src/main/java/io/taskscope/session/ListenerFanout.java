package io.taskscope.session;

import io.taskscope.core.ExitRecord;
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

    /** Receives one (listener, record) pair. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(Listener listener, ExitRecord record);
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

    public void accept(SourceBatch batch, Delivery delivery) {
        for (ExitRecord record : batch.records()) {
            int cpu = record.cpu();
            tally.received(cpu);
            int n = routing.route(cpu, routed);
            for (int i = 0; i < n; i++) {
                tally.delivered(routed[i]);
                delivery.deliver(byId[routed[i]], record);
            }
        }
        for (LossEvent loss : batch.losses()) {
            tally.lost(loss, routing, routed);
        }
        tally.stale(batch.stale());
    }
}
