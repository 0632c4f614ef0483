package io.taskscope.cli;

import io.taskscope.export.ExportFormat;
import io.taskscope.export.RecordingExport;
import io.taskscope.store.SessionReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code taskscope export}: a recording as CSV (kernel field names as headers) or as a Perfetto / Chrome trace
 * (one track per CPU, each exit an instant with its delays, per-CPU exits/s counters, losses as global instants).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a session file as CSV or as a Perfetto/Chrome trace (open it in ui.perfetto.dev).",
        footer = {"", "Examples:",
                "  taskscope export box.tsk --format csv -o box.csv",
                "  taskscope export box.tsk --format perfetto --listener web --from 10s --to 40s -o web.json"},
        resourceBundle = "io.taskscope.cli.ExportCommand$Texts")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SessionFileArgument file = new SessionFileArgument();

    // Not listen's --format: a file format, not a line format. Nor the --listener that defines listeners: this one
    // picks a recorded listener by name.
    @Option(names = "--format", paramLabel = "csv|perfetto", required = true, description = "Output format.")
    String format;

    @Option(names = "--listener", paramLabel = "NAME",
            description = "Only what this recorded listener received (its masks as they were at each moment).")
    String listener;

    @Mixin
    TimeRangeOptions times = new TimeRangeOptions();

    @Mixin
    OutputOption output = new OutputOption();

    @Override
    public Integer call() throws IOException {
        ExportFormat chosen = ExportFormat.byCliName(format).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "--format is csv or perfetto"));
        SessionReader opened = file.open(spec);
        if (opened == null) {
            return StatsCommand.EXIT_NOT_A_SESSION;
        }
        try (SessionReader reader = opened;
             Writer out = output.isStandardOutput()
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                     : Files.newBufferedWriter(Path.of(output.file), StandardCharsets.UTF_8)) {
            RecordingExport.Result result = new RecordingExport(reader, listener, times.range())
                    .run(chosen.open(out), p -> { }, () -> false);
            if (!result.sawListener()) {
                spec.commandLine().getErr().println("taskscope export: the recording has no listener named '"
                        + listener + "'");
                return 2;
            }
            if (!result.intact()) {
                spec.commandLine().getErr().println("taskscope export: the file is damaged; exported every chunk "
                        + "that verified");
                return StatsCommand.EXIT_DAMAGED;
            }
        }
        return 0;
    }

    /** What export --help says of --from: an example of the offset it takes. */
    static final class Texts extends OptionTexts {
        public Texts() {
            super("from", "Start, after the first record (e.g. 10s).");
        }
    }
}
