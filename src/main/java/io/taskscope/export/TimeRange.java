package io.taskscope.export;

import java.time.Duration;

/** A span as offsets from a recording's first record ({@code --from/--to}); a missing end is open. */
public record TimeRange(Duration from, Duration to) {

    public static final TimeRange ALL = new TimeRange(null, null);

    public boolean contains(long nanos, long firstNanos) {
        long offset = nanos - firstNanos;
        return (from == null || offset >= from.toNanos()) && (to == null || offset < to.toNanos());
    }
}
