package io.taskscope.cli;

import picocli.CommandLine.Option;

/** {@code -o, --output}: where the command writes; record and export take - for standard output. */
final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "${bundle:output.label:-OUT}", required = true,
            description = "Output file, or -.")
    String file;

    boolean isStandardOutput() {
        return file.equals("-");
    }
}
