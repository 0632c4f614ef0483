package io.taskscope.session;

import io.taskscope.core.ListenerRouting;
import io.taskscope.source.LossEvent;

/**
 * Running counts of what was received, delivered and lost; per CPU and per virtual listener, and for losses per
 * {@link LossEvent.Origin} (the kernel's queues, or Taskscope's own). Exits are counted once each: a group exit's
 * PID record and TGID aggregate share one message, one sequence number, and one fate.
 */
public final class Tally {

    private static final int ORIGINS = LossEvent.Origin.values().length;

    private final int cpuCount;
    private final long[] receivedByCpu;
    private final long[] exitsByCpu;
    /** [origin * cpus + cpu]: records lost before routing on that CPU. */
    private final long[] lostByCpu;
    private final long[] overflowsByCpu;
    private final long[] droppedByCpu;
    private final long[] deliveredByListener = new long[ListenerRouting.MAX_LISTENERS];
    /** [origin * MAX_LISTENERS + id]. */
    private final long[] lostByListener = new long[ORIGINS * ListenerRouting.MAX_LISTENERS];
    private final long[] overflowsByListener = new long[ListenerRouting.MAX_LISTENERS];
    private long received;
    private long implausible;
    private long stale;

    public Tally(int cpuCount) {
        this.cpuCount = cpuCount;
        receivedByCpu = new long[cpuCount];
        exitsByCpu = new long[cpuCount];
        lostByCpu = new long[ORIGINS * cpuCount];
        overflowsByCpu = new long[cpuCount];
        droppedByCpu = new long[cpuCount];
    }

    void received(int cpu, boolean opensMessage) {
        received++;
        if (cpu >= 0 && cpu < cpuCount) {
            receivedByCpu[cpu]++;
            if (opensMessage) {
                exitsByCpu[cpu]++;
            }
        }
    }

    /** A record with a delay total that cannot be true (DelayPlausibility). */
    void countImplausible() {
        implausible++;
    }

    /** Records received whose delays cannot all be true: shown as sent, flagged. */
    public long implausible() {
        return implausible;
    }

    void delivered(int listenerId) {
        deliveredByListener[listenerId]++;
    }

    void lost(LossEvent loss, ListenerRouting routing, int[] scratch) {
        int cpu = loss.cpu();
        if (cpu < 0 || cpu >= cpuCount) {
            return;
        }
        int origin = loss.origin().ordinal();
        if (loss.cause() == LossEvent.Cause.ENOBUFS) {
            overflowsByCpu[cpu]++;
        }
        if (loss.listenerId() == LossEvent.ALL_LISTENERS) {
            lostByCpu[origin * cpuCount + cpu] += loss.records();
            int n = routing.route(cpu, scratch);
            for (int i = 0; i < n; i++) {
                lostByListener[origin * ListenerRouting.MAX_LISTENERS + scratch[i]] += loss.records();
            }
        } else {
            lostByListener[origin * ListenerRouting.MAX_LISTENERS + loss.listenerId()] += loss.records();
            if (loss.cause() != LossEvent.Cause.SEQUENCE_GAP) {
                overflowsByListener[loss.listenerId()]++;
            }
        }
    }

    /** A listener's modelled kernel buffer dropped records (the simulator). */
    void lostBy(int listenerId, long records) {
        lostByListener[LossEvent.Origin.KERNEL.ordinal() * ListenerRouting.MAX_LISTENERS + listenerId] += records;
    }

    void overflowOf(int listenerId) {
        overflowsByListener[listenerId]++;
    }

    void dropped(int cpu) {
        droppedByCpu[cpu]++;
    }

    void resetListener(int id) {
        deliveredByListener[id] = 0;
        for (int o = 0; o < ORIGINS; o++) {
            lostByListener[o * ListenerRouting.MAX_LISTENERS + id] = 0;
        }
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

    /**
     * Exits received on this CPU: messages, each a PID record with, for a group's last thread, its TGID aggregate.
     * The unit of the kernel's sequence numbers, so exits + lost = what the kernel numbered.
     */
    public long exitsOn(int cpu) {
        return exitsByCpu[cpu];
    }

    /** Records lost before routing on this CPU (its socket's sequence gaps, its queue's drops), all origins. */
    public long lostOn(int cpu) {
        long sum = 0;
        for (int o = 0; o < ORIGINS; o++) {
            sum += lostByCpu[o * cpuCount + cpu];
        }
        return sum;
    }

    /** Records lost before routing on this CPU, of one origin. */
    public long lostOn(int cpu, LossEvent.Origin origin) {
        return lostByCpu[origin.ordinal() * cpuCount + cpu];
    }

    /** Records lost before routing on every CPU, of one origin. */
    public long lost(LossEvent.Origin origin) {
        long sum = 0;
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            sum += lostByCpu[origin.ordinal() * cpuCount + cpu];
        }
        return sum;
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

    /** What a listener lost, all origins. */
    public long lostBy(int listenerId) {
        long sum = 0;
        for (int o = 0; o < ORIGINS; o++) {
            sum += lostByListener[o * ListenerRouting.MAX_LISTENERS + listenerId];
        }
        return sum;
    }

    public long lostBy(int listenerId, LossEvent.Origin origin) {
        return lostByListener[origin.ordinal() * ListenerRouting.MAX_LISTENERS + listenerId];
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
        return cpuCount;
    }
}
