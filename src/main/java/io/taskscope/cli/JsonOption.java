package io.taskscope.cli;

import picocli.CommandLine.Option;

/** {@code --json}: JSON for scripts instead of text for people. */
final class JsonOption {

    @Option(names = "--json", description = "Print one JSON object.")
    boolean enabled;
}
