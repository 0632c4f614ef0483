package io.taskscope.cli;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.export.TimeRange;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceState;
import io.taskscope.store.SessionReader;
import io.taskscope.store.SessionWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code taskscope cut}: a shareable excerpt of a recording, itself a session file. */
@Command(name = "cut", mixinStandardHelpOptions = true,
        description = "Write the part of a session file between two times (after its first record) as a new one.",
        footer = {"", "Example:", "  taskscope cut box.tsk --from 1m --to 2m -o minute2.tsk"},
        resourceBundle = "io.taskscope.cli.CutCommand$Texts")
public final class CutCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SessionFileArgument file = new SessionFileArgument();

    @Mixin
    TimeRangeOptions times = new TimeRangeOptions();

    @Mixin
    OutputOption output = new OutputOption();

    @Override
    public Integer call() throws IOException {
        SessionReader opened = file.open(spec);
        if (opened == null) {
            return StatsCommand.EXIT_NOT_A_SESSION;
        }
        try (SessionReader reader = opened;
             SessionWriter writer = SessionWriter.create(Path.of(output.file), reader.header())) {
            long first = reader.chunks().isEmpty() ? 0 : reader.chunks().get(0).firstNanos();
            TimeRange range = times.range();
            reader.readAll(new SessionReader.FrameVisitor() {
                private ListenerSet before;
                private boolean started;

                /** The listeners in force at the cut's start come first, so the excerpt routes as the original did. */
                private void start(long nanos) throws IOException {
                    if (!started) {
                        started = true;
                        if (before != null) {
                            writer.listeners(nanos, before);
                        }
                    }
                }

                @Override
                public void records(RecordBlock block) {
                    RecordBlock kept = new RecordBlock(Math.max(1, block.size()));
                    for (int row = 0; row < block.size(); row++) {
                        if (range.contains(block.receivedNanos(row), first)) {
                            kept.add(block, row);
                        }
                    }
                    if (!kept.isEmpty()) {
                        io(() -> {
                            start(kept.receivedNanos(0));
                            writer.records(kept);
                        });
                    }
                }

                @Override
                public void loss(LossEvent loss) {
                    if (range.contains(loss.timeNanos(), first)) {
                        io(() -> {
                            start(loss.timeNanos());
                            writer.loss(loss);
                        });
                    }
                }

                @Override
                public void listeners(long nanos, ListenerSet set) {
                    if (!started && !range.contains(nanos, first)) {
                        before = set;
                    } else if (range.contains(nanos, first)) {
                        io(() -> {
                            start(nanos);
                            writer.listeners(nanos, set);
                        });
                    }
                }

                @Override
                public void copies(io.taskscope.source.ListenerCopies copies) {
                    RecordBlock rows = copies.records();
                    RecordBlock kept = new RecordBlock(Math.max(1, rows.size()));
                    java.util.List<String> names = new java.util.ArrayList<>();
                    for (int row = 0; row < rows.size(); row++) {
                        if (range.contains(rows.receivedNanos(row), first)) {
                            kept.add(rows, row);
                            names.add(copies.listener(row));
                        }
                    }
                    if (!kept.isEmpty()) {
                        io(() -> {
                            start(kept.receivedNanos(0));
                            writer.copies(new io.taskscope.source.ListenerCopies(kept, names.toArray(String[]::new)));
                        });
                    }
                }

                /** Each socket's figures as they stood then (counted from the recording's start, not the cut's). */
                @Override
                public void sockets(long nanos, java.util.List<io.taskscope.source.RegisteredListenerReport> reports) {
                    if (range.contains(nanos, first)) {
                        io(() -> {
                            start(nanos);
                            writer.sockets(nanos, reports);
                        });
                    }
                }

                @Override
                public void state(long nanos, SourceState state, String detail) {
                    if (range.contains(nanos, first)) {
                        io(() -> {
                            start(nanos);
                            writer.state(nanos, state, detail);
                        });
                    }
                }
            });
            spec.commandLine().getErr().printf("taskscope cut: %,d records written to %s%n", writer.recordsWritten(),
                    output.file);
            return reader.intact() ? 0 : StatsCommand.EXIT_DAMAGED;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What cut --help says of -o: the output is itself a session file. */
    static final class Texts extends OptionTexts {
        public Texts() {
            super("output", "The excerpt to write.");
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
