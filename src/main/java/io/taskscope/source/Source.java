package io.taskscope.source;

import io.taskscope.core.CpuSet;

import java.util.Optional;

/**
 * Where exit records come from: the live kernel, the simulator or a recording. A source produces on a thread of
 * its own and hands its consumer batches, never single records; it knows nothing of views. What a source can do
 * beyond producing (transport, simulator controls) it says through capabilities, so no caller casts to a class.
 */
public interface Source {

    /** What kind of source this is and the machine it describes. */
    SourceInfo info();

    /** Whether listeners get modelled receive buffers (simulated machines, and replays of them). */
    default boolean modelsListenerBuffers() {
        return info().kind() == SourceKind.SIM;
    }

    /**
     * Whether the source loses nothing by waiting for a slow consumer: a simulator or a recording simply produces
     * later, so a recorder may hold it back; a live kernel does not wait, so nothing may hold back what reads it
     * (its consumers drop and count instead).
     */
    default boolean canBeHeldBack() {
        return info().kind() != SourceKind.LIVE;
    }

    /** The struct taskstats version its records carry, as far as known now (0: not yet known). */
    default int taskstatsVersion() {
        return 0;
    }

    /** The CPUs online now (live: followed through hotplug); by default every possible CPU. */
    default CpuSet onlineCpus() {
        return info().possible();
    }

    /** Transport controls, for a source that plays recorded time (a replay); empty for the others. */
    default Optional<Playback> playback() {
        return Optional.empty();
    }

    /** The simulator's controls, for the built-in simulator; empty for the others. */
    default Optional<SimulatorControls> simulator() {
        return Optional.empty();
    }

    /** Sockets of their own for the virtual listeners, for a source that has them (live); empty for the others. */
    default Optional<ListenerSockets> listenerSockets() {
        return Optional.empty();
    }

    /** Pause and resume, for any source that can hold still (the simulator or a replay). */
    default Optional<Pausable> pausing() {
        return playback().<Pausable>map(p -> p).or(this::simulator);
    }

    /**
     * Starts producing. Problems that stop the source from starting at all (no permission, no TASKSTATS family)
     * are thrown here with a message for people; later failures are reported through
     * {@link SourceConsumer#stateChanged}.
     */
    void start(SourceConsumer consumer) throws SourceException;

    /** Stops producing and releases everything (sockets, registrations, threads). Idempotent; blocks until done. */
    void stop();
}
