package io.taskscope.session;

import io.taskscope.core.ListenerRouting;

/** Running counts of what was received, delivered and lost; per CPU and per virtual listener. */
public final class Tally {

    private final long[] receivedByCpu;
    private final long[] lostByCpu;
    private final long[] overflowsByCpu;
    private final long[] droppedByCpu;
    private final long[] deliveredByListener = new long[ListenerRouting.MAX_LISTENERS];
    private final long[] lostByListener = new long[ListenerRouting.MAX_LISTENERS];
    private final long[] overflowsByListener = new long[ListenerRouting.MAX_LISTENERS];
    private long received;
    private long stale;

    public Tally(int cpuCount) {
        receivedByCpu = new long[cpuCount];
        lostByCpu = new long[cpuCount];
        overflowsByCpu = new long[cpuCount];
        droppedByCpu = new long[cpuCount];
    }

    void received(int cpu) {
        received++;
        if (cpu >= 0 && cpu < receivedByCpu.length) {
            receivedByCpu[cpu]++;
        }
    }

    void delivered(int listenerId) {
        deliveredByListener[listenerId]++;
    }

    void lost(LossEvent loss, ListenerRouting routing, int[] scratch) {
        int cpu = loss.cpu();
        if (cpu < 0 || cpu >= lostByCpu.length) {
            return;
        }
        if (loss.cause() == LossEvent.Cause.ENOBUFS) {
            overflowsByCpu[cpu]++;
        }
        if (loss.listenerId() == LossEvent.ALL_LISTENERS) {
            lostByCpu[cpu] += loss.records();
            int n = routing.route(cpu, scratch);
            for (int i = 0; i < n; i++) {
                lostByListener[scratch[i]] += loss.records();
            }
        } else {
            lostByListener[loss.listenerId()] += loss.records();
            if (loss.cause() != LossEvent.Cause.SEQUENCE_GAP) {
                overflowsByListener[loss.listenerId()]++;
            }
        }
    }

    void lostBy(int listenerId, long records) {
        lostByListener[listenerId] += records;
    }

    void overflowOf(int listenerId) {
        overflowsByListener[listenerId]++;
    }

    void dropped(int cpu) {
        droppedByCpu[cpu]++;
    }

    void resetListener(int id) {
        deliveredByListener[id] = 0;
        lostByListener[id] = 0;
        overflowsByListener[id] = 0;
    }

    void stale(long count) {
        stale += count;
    }

    /** Records received from the source, before routing. */
    public long received() {
        return received;
    }

    public long receivedOn(int cpu) {
        return receivedByCpu[cpu];
    }

    /** Records lost before routing on this CPU (sequence gaps of its socket). */
    public long lostOn(int cpu) {
        return lostByCpu[cpu];
    }

    /** Records from this CPU that some listener's modelled buffer dropped (one per listener that dropped it). */
    public long droppedOn(int cpu) {
        return droppedByCpu[cpu];
    }

    /** ENOBUFS overflow episodes of this CPU's socket. */
    public long overflowsOn(int cpu) {
        return overflowsByCpu[cpu];
    }

    public long deliveredTo(int listenerId) {
        return deliveredByListener[listenerId];
    }

    public long lostBy(int listenerId) {
        return lostByListener[listenerId];
    }

    /** Overflow (ENOBUFS) episodes of a listener's own modelled buffer. */
    public long overflowsOf(int listenerId) {
        return overflowsByListener[listenerId];
    }

    /** Records from stale registrations, counted and dropped. */
    public long stale() {
        return stale;
    }

    public int cpuCount() {
        return receivedByCpu.length;
    }
}
