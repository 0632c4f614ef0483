package io.taskscope.source;

import io.taskscope.core.ListenerSet;

/** Receives a source's output, on the source's own thread. Implementations must not block for long. */
public interface SourceConsumer {

    void batch(SourceBatch batch);

    default void stateChanged(SourceState state, String detail) {
    }

    /**
     * The listeners a recording defines from recorded time {@code nanos} on (its first definition, then each edit
     * made while it was recorded). Called on the source's thread between batches, so the records after it are routed
     * to these listeners, exactly as {@code taskscope export} routes them.
     */
    default void listeners(long nanos, ListenerSet set) {
    }
}
