package io.taskscope.source;

/** The life of a source as its consumer sees it. */
public enum SourceState {
    STARTING,
    RUNNING,
    PAUSED,
    /** Running, but something is off (a CPU could not be registered, delay accounting is off...). */
    DEGRADED,
    STOPPED,
    FAILED
}
