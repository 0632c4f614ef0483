package io.taskscope.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --duration}: how long the command runs. Null when not given: until it is stopped, or its own default. */
final class RunDurationOption {

    @Option(names = "--duration", paramLabel = "${bundle:duration.label:-DURATION}", converter = DurationOption.class,
            description = "Stop after this long (500ms, 10s, 2m, 1h).")
    Duration limit;

    Duration orElse(Duration notGiven) {
        return limit != null ? limit : notGiven;
    }
}
