package io.taskscope.cli;

import picocli.CommandLine.Option;

/** {@code --rounds N}, declared once for the benches that repeat a measurement; each bench's texts say what a round is. */
final class RoundsOption {

    @Option(names = "--rounds", paramLabel = "N", description = "How many times to measure.")
    Integer rounds;

    /** The rounds given, or {@code fallback}, the bench's own default. */
    int orDefault(int fallback) {
        return rounds == null ? fallback : rounds;
    }
}
