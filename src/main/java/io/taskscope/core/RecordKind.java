package io.taskscope.core;

/** Which nest of a taskstats message a record came from. */
public enum RecordKind {
    /** {@code TASKSTATS_TYPE_AGGR_PID}: one task (a thread, or a single-threaded process). */
    PID,
    /**
     * {@code TASKSTATS_TYPE_AGGR_TGID}: the sum over a thread group, sent with the PID record of the last thread of a
     * process that was ever multi-threaded. ac_pid is 0 and ac_comm empty in it.
     */
    TGID
}
