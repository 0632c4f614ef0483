package io.taskscope.cli;

import io.taskscope.export.ExportFormat;
import io.taskscope.export.RecordingExport;
import io.taskscope.export.TimeRange;
import io.taskscope.store.SessionReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code taskscope export}: a recording as CSV (kernel field names as headers) or as a Perfetto / Chrome trace
 * (one track per CPU, each exit an instant with its delays, per-CPU exits/s counters, losses as global instants).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a session file as CSV or as a Perfetto/Chrome trace (open it in ui.perfetto.dev).",
        footer = {"", "Examples:",
                "  taskscope export box.tsk --format csv -o box.csv",
                "  taskscope export box.tsk --format perfetto --listener web --from 10s --to 40s -o web.json"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The session file.")
    Path file;

    @Option(names = "--format", paramLabel = "csv|perfetto", required = true, description = "Output format.")
    String format;

    @Option(names = "--listener", paramLabel = "NAME",
            description = "Only what this recorded listener received (its masks as they were at each moment).")
    String listener;

    @Option(names = "--from", converter = DurationOption.class, description = "Start, after the first record (e.g. 10s).")
    Duration from;

    @Option(names = "--to", converter = DurationOption.class, description = "End, after the first record.")
    Duration to;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "Output file, or -.")
    String output;

    @Override
    public Integer call() throws IOException {
        ExportFormat chosen = ExportFormat.byCliName(format).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "--format is csv or perfetto"));
        SessionReader opened = SessionFileArgument.open(spec, file);
        if (opened == null) {
            return StatsCommand.EXIT_NOT_A_SESSION;
        }
        try (SessionReader reader = opened;
             Writer out = output.equals("-")
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                     : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            RecordingExport.Result result = new RecordingExport(reader, listener, new TimeRange(from, to))
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
}
