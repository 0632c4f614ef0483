package io.taskscope.cli;

import java.time.Duration;

/** --from/--to as offsets from a recording's first record; a missing end is open. */
record TimeRange(Duration from, Duration to) {

    boolean contains(long nanos, long firstNanos) {
        long offset = nanos - firstNanos;
        return (from == null || offset >= from.toNanos()) && (to == null || offset < to.toNanos());
    }
}
