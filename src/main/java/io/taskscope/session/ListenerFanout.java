package io.taskscope.session;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerRouting;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;

import java.util.List;

/**
 * Routes a source's batches to virtual listeners exactly as the kernel's per-CPU lists would
 * ({@link ListenerRouting}), and keeps the counts: per listener delivered and lost, per CPU received and lost.
 * <ul>
 *   <li>A loss before routing (the live collector's own socket for that CPU overflowed) is a loss for every
 *       listener on that CPU.</li>
 *   <li>A listener given a {@link ListenerBuffer} (the simulator's listeners) has each message go through its
 *       modelled receive queue first; what the queue drops is that listener's loss. A group exit's PID and TGID
 *       records are one message: queued or dropped together.</li>
 * </ul>
 * Used from one thread (the source's); allocation-free per record.
 */
public final class ListenerFanout {

    /** Receives one (listener, record) pair: row {@code row} of {@code block}, valid during the call. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(Listener listener, RecordBlock block, int row);

        /** The listener's modelled buffer dropped this row. */
        default void dropped(Listener listener, RecordBlock block, int row) {
        }
    }

    /** Bytes of a single-record exit message (struct taskstats v16); a group exit's message is {@link #GROUP_MESSAGE_BYTES}. */
    public static final int MESSAGE_BYTES = 596;
    public static final int GROUP_MESSAGE_BYTES = 1172;

    private final Listener[] byId = new Listener[ListenerRouting.MAX_LISTENERS];
    private final ListenerBuffer[] buffers = new ListenerBuffer[ListenerRouting.MAX_LISTENERS];
    private ListenerBuffer.Settings defaultBuffer;
    private final ListenerRouting routing;
    private final Tally tally;
    private final int[] routed = new int[ListenerRouting.MAX_LISTENERS];
    /** Per listener, whether it dropped the message the current PID row opened (its TGID row follows that fate). */
    private final boolean[] droppedMessage = new boolean[ListenerRouting.MAX_LISTENERS];
    /** Where each row's delays are counted too (serve), or null. */
    private DelayTotals delays;

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

    /** Gives every listener a modelled receive buffer (for simulated sources). */
    public ListenerFanout withBuffers(ListenerBuffer.Settings settings) {
        defaultBuffer = settings;
        for (Listener l : byId) {
            if (l != null) {
                buffers[l.id()] = new ListenerBuffer(settings);
            }
        }
        return this;
    }

    /** Replaces one listener's modelled buffer (its queue starts empty). */
    public void setBuffer(int listenerId, ListenerBuffer.Settings settings) {
        buffers[listenerId] = new ListenerBuffer(settings);
    }

    /**
     * Applies a new set of listeners as user-space would: a listener whose mask changed deregisters the CPUs it
     * left and registers the ones it joined (keeping its place and its queue elsewhere); a removed one deregisters
     * everything; a new one registers its mask and starts with empty counts.
     */
    public void setListeners(List<Listener> listeners) {
        boolean[] keep = new boolean[ListenerRouting.MAX_LISTENERS];
        for (Listener l : listeners) {
            keep[l.id()] = true;
            Listener old = byId[l.id()];
            if (old == null) {
                routing.register(l.id(), l.cpus());
                tally.resetListener(l.id());
                if (defaultBuffer != null) {
                    buffers[l.id()] = new ListenerBuffer(defaultBuffer);
                }
            } else if (!old.cpus().equals(l.cpus())) {
                routing.change(l.id(), old.cpus(), l.cpus());
            }
            byId[l.id()] = l;
        }
        for (int id = 0; id < byId.length; id++) {
            if (!keep[id] && byId[id] != null) {
                routing.deregister(id, byId[id].cpus());
                byId[id] = null;
                buffers[id] = null;
            }
        }
    }

    /** Counts each routed row's delays into {@code totals} too (null: not). */
    public void countDelays(DelayTotals totals) {
        delays = totals;
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

    /** The modelled buffer of a listener, or null when it has none. */
    public ListenerBuffer buffer(int id) {
        return buffers[id];
    }

    public void accept(SourceBatch batch, Delivery delivery) {
        RecordBlock block = batch.records();
        DelayTotals d = delays;
        for (int row = 0; row < block.size(); row++) {
            int cpu = block.cpu(row);
            boolean opensMessage = block.isPid(row);
            tally.received(cpu, opensMessage);
            int impossible = io.taskscope.core.DelayPlausibility.implausible(block, row);
            if (impossible != 0) {
                tally.countImplausible();
            }
            if (d != null) { // now, while the row is in cache and its plausibility known (row-major: ~1 KB a row)
                d.add(block.valuesForWriting(), row * RecordBlock.FIELD_COUNT, opensMessage, impossible);
            }
            int size = opensMessage && row + 1 < block.size() && !block.isPid(row + 1)
                    && block.seq(row + 1) == block.seq(row) ? GROUP_MESSAGE_BYTES : MESSAGE_BYTES;
            int n = routing.route(cpu, routed);
            for (int i = 0; i < n; i++) {
                int id = routed[i];
                ListenerBuffer buffer = buffers[id];
                if (buffer != null) {
                    if (opensMessage) {
                        ListenerBuffer.Outcome outcome = buffer.offer(block.receivedNanos(row),
                                ListenerBuffer.truesize(size));
                        droppedMessage[id] = outcome != ListenerBuffer.Outcome.QUEUED;
                        if (outcome == ListenerBuffer.Outcome.DROPPED_NEW_EPISODE) {
                            tally.overflowOf(id);
                        }
                    }
                    if (droppedMessage[id]) {
                        tally.lostBy(id, 1);
                        tally.dropped(cpu);
                        delivery.dropped(byId[id], block, row);
                        continue;
                    }
                }
                tally.delivered(id);
                delivery.deliver(byId[id], block, row);
            }
        }
        if (d != null) {
            d.endBatch(block);
        }
        for (LossEvent loss : batch.losses()) {
            tally.lost(loss, routing, routed);
        }
        tally.stale(batch.stale());
    }

    /** The end of a run: every modelled reader takes what is still queued. */
    public void drainBuffers() {
        for (ListenerBuffer b : buffers) {
            if (b != null) {
                b.drainAll();
            }
        }
    }
}
