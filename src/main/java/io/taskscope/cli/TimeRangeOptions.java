package io.taskscope.cli;

import io.taskscope.export.TimeRange;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --from --to}: a part of a recording, as offsets after its first record. Either may be left out. */
final class TimeRangeOptions {

    // No paramLabel: the help has always shown picocli's <from> and <to>, made from these field names.
    @Option(names = "--from", converter = DurationOption.class, description = "Start, after the first record.")
    Duration from;

    @Option(names = "--to", converter = DurationOption.class, description = "End, after the first record.")
    Duration to;

    TimeRange range() {
        return new TimeRange(from, to);
    }
}
