package io.taskscope.session;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceState;

import java.util.List;

/**
 * A copy of the session's counts at one instant, for the UI. Counts are cumulative since the source started;
 * rates come from two snapshots.
 *
 * @param nanoTime         System.nanoTime() when taken
 * @param generation       changes when the source is switched (counts start again)
 * @param info             the source's machine, null before any source
 * @param received         records received from the source
 * @param lost             records lost: before routing (live sockets) plus every modelled listener drop (sim)
 * @param lostInQueue      of {@code lost}, those Taskscope's own queue dropped (the rest the kernel did)
 * @param exitsByCpu       records received per CPU
 * @param lostByCpu        records lost per CPU (before routing, plus drops by any listener)
 * @param online           CPUs online now (offline ones are shown disabled)
 * @param listeners        the definitions these counts are for
 * @param listenerStats    per listener, in the order of {@code listeners}
 * @param listenersFromSource how many listener definitions the source itself has made (a replay's recorded edits,
 *                         routed in-band): when it grows, {@code listeners} is the source's and the app follows it
 */
public record SessionSnapshot(long nanoTime, long generation, SourceInfo info, SourceState state, String detail,
                              int taskstatsVersion, long received, long lost, long lostInQueue, long[] exitsByCpu,
                              long[] lostByCpu,
                              io.taskscope.core.CpuSet online, ListenerSet listeners, List<ListenerStats> listenerStats,
                              long listenersFromSource) {

    /**
     * One listener's counts; {@code lostInQueue} is the part of {@code lost} Taskscope's queue dropped; {@code buffer}
     * is null unless the source models buffers (the simulator) or gives each listener a socket (live, registered:
     * then its socket's buffer and reader pace, an infinite pace for one read as fast as it fills). {@code socket}
     * is that socket's report in registered mode (its counts are then the socket's own), else null.
     */
    public record ListenerStats(Listener listener, long delivered, long lost, long lostInQueue, long overflows,
                                ListenerBuffer.Settings buffer, io.taskscope.source.RegisteredListenerReport socket) {
    }


    static SessionSnapshot empty(ListenerSet listeners) {
        return new SessionSnapshot(System.nanoTime(), 0, null, SourceState.STOPPED, "no source", 0, 0, 0, 0,
                new long[0], new long[0], io.taskscope.core.CpuSet.empty(), listeners, List.of(), 0);
    }

    public int cpuCount() {
        return exitsByCpu.length;
    }
}
