package io.taskscope.core;

/** What a taskstats value measures, so views can humanise it. */
public enum FieldUnit {
    /** A plain number: version, counts, flags, ids. */
    NUMBER,
    /** An identifier shown as-is (pid, uid, device). */
    ID,
    /** Bit flags, shown in hex. */
    FLAGS,
    NANOSECONDS,
    MICROSECONDS,
    /** Seconds since the epoch. */
    EPOCH_SECONDS,
    /** Nanoseconds since the epoch, 0 when never set (v17's delay-max timestamps). */
    EPOCH_NANOSECONDS,
    KILOBYTES,
    BYTES,
    /** Megabyte-microseconds: the integral of memory use over time (coremem, virtmem). */
    MEGABYTE_MICROSECONDS,
    TEXT
}
