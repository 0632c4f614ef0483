package io.taskscope.source;

/** Receives a source's output, on the source's own thread. Implementations must not block for long. */
public interface SourceConsumer {

    void batch(SourceBatch batch);

    default void stateChanged(SourceState state, String detail) {
    }
}
