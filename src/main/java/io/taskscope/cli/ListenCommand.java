package io.taskscope.cli;

import io.taskscope.core.Listener;
import io.taskscope.export.LineFormat;
import io.taskscope.export.LinePrinter;
import io.taskscope.export.ListenerLines;
import io.taskscope.export.RunSummary;
import io.taskscope.live.DelayAccounting;
import io.taskscope.session.ListenerFanout;
import io.taskscope.source.Source;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code taskscope listen}: what getdelays -m -l does, for several virtual listeners at once, with exact losses.
 * One line per delivered (listener, record) pair on stdout; a summary on stderr at the end or on Ctrl-C.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Print every task exit each virtual listener receives, one line per (listener, record).",
        footer = {"", "Examples:",
                "  taskscope listen --duration 10s",
                "  taskscope listen --listener a=0 --listener b=1-3 --format jsonl --count 100",
                "  taskscope listen --enable-delayacct --format csv > exits.csv",
                "  taskscope listen --source sim --profile fork-storm --cpus 64 --listener all=0-63 --duration 5s",
                "  taskscope listen --listeners registered --listener small=0-1 --listener-buffer small=64k \\",
                "      --listener-pace small=2000 --duration 10s > /dev/null",
                "", "Exit codes: 0 done; 2 bad options; 3 live collection cannot work here (the reason is printed)."})
public final class ListenCommand implements Callable<Integer> {

    static final int EXIT_CANNOT_COLLECT = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ListenerOptions listeners = new ListenerOptions();

    @Mixin
    RunDurationOption duration = new RunDurationOption();

    @Mixin
    RegisteredListenerOptions registered = new RegisteredListenerOptions();

    @Option(names = "--count", paramLabel = "N", description = "Stop after printing N lines.")
    Long count;

    @Option(names = "--format", paramLabel = "text|jsonl|csv", defaultValue = "text",
            converter = FormatConverter.class, description = "Output format. Default: ${DEFAULT-VALUE}.")
    LineFormat format = LineFormat.TEXT;

    @Option(names = "--enable-delayacct",
            description = "Switch kernel.task_delayacct on for the run and restore it after (live; needs root).")
    boolean enableDelayacct;

    static final class FormatConverter implements CommandLine.ITypeConverter<LineFormat> {
        @Override
        public LineFormat convert(String value) {
            try {
                return LineFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a format: use text, jsonl or csv");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (count != null && count <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        Source src;
        try {
            src = source.create(spec.commandLine());
        } catch (SourceException e) {
            err.println("taskscope listen: " + e.getMessage());
            return EXIT_CANNOT_COLLECT;
        }
        List<Listener> defined = defineListeners(src);
        java.util.Optional<io.taskscope.source.ListenerSockets> sockets = registered.apply(src, defined, spec.commandLine());
        DelayAccounting.Restore restoreDelayacct = null;
        if (enableDelayacct) {
            try {
                restoreDelayacct = new DelayAccounting().enable();
            } catch (IOException e) {
                err.println("taskscope listen: cannot switch kernel.task_delayacct on (" + e.getMessage()
                        + "); it needs root. Continuing without it.");
            }
        }
        try {
            return run(src, defined, sockets, err);
        } finally {
            if (restoreDelayacct != null) {
                restoreDelayacct.close();
            }
        }
    }

    /** Parses every --listener against the source's machine; a bad one stops the command with the kernel's error. */
    private List<Listener> defineListeners(Source src) {
        return listeners.define(src.info(), spec.commandLine()).listeners();
    }

    private int run(Source src, List<Listener> defined, java.util.Optional<io.taskscope.source.ListenerSockets> sockets,
                    PrintWriter err) throws InterruptedException {
        ListenerFanout fanout = new ListenerFanout(defined, src.info().cpuCount());
        if (src.info().kind() == io.taskscope.source.SourceKind.SIM) {
            fanout.withBuffers(source.bufferSettings(spec.commandLine()));
        }
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        // Routing and printing both happen on the source's delivery thread: no hand-off, no line objects. If the
        // output stalls, that thread waits and the live collector's queue absorbs it (its drops are counted).
        LinePrinter printer = new LinePrinter(format, sink(), count == null ? Long.MAX_VALUE : count,
                ended::countDown);
        printer.header();
        SourceConsumer consumer = new ListenerLines(fanout, printer, (state, detail) -> {
            if (state == SourceState.FAILED) {
                failure.set(detail);
                ended.countDown();
            } else if (state == SourceState.DEGRADED) {
                err.println("taskscope listen: " + detail);
                err.flush();
            }
        });
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "taskscope-listen-interrupt");
        try {
            src.start(consumer);
        } catch (SourceException e) {
            err.println("taskscope listen: " + e.getMessage());
            return EXIT_CANNOT_COLLECT;
        }
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        long startNanos = System.nanoTime();
        try {
            if (duration.limit == null) {
                ended.await();
            } else {
                ended.await(duration.limit.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException ctrlC) {
            // Ctrl-C: finish cleanly below
        } finally {
            src.stop(); // what the sockets and the queue still hold is delivered (and printed) first
            synchronized (fanout) {
                fanout.drainBuffers();
            }
            printer.endBatch();
            String summary;
            synchronized (fanout) {
                RunSummary s = new RunSummary(fanout.tally(), defined, (System.nanoTime() - startNanos) / 1e9,
                        src.info());
                summary = format == LineFormat.JSONL ? s.json() : s.text();
            }
            err.println(summary);
            // registered: what each listener's own socket was sent and got (the lines above are the per-CPU routing)
            sockets.map(s -> format == LineFormat.JSONL ? RegisteredListenerOptions.json(s.reports())
                    : RegisteredListenerOptions.text(s.reports())).ifPresent(err::println);
            err.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // we are the Ctrl-C path
            }
        }
        if (failure.get() != null) {
            err.println("taskscope listen: " + failure.get());
            return 1;
        }
        IOException outputFailure = printer.failure();
        if (outputFailure != null && !brokenPipe(outputFailure)) {
            err.println("taskscope listen: cannot write the output: " + outputFailure.getMessage());
            return 1;
        }
        return 0;
    }

    /** The reader of a pipe went away (| head): the end of the run, not an error. */
    private static boolean brokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /** Standard output itself when the command writes there (big writes, UTF-8), else the command's Writer. */
    private LinePrinter.Sink sink() {
        PrintWriter out = spec.commandLine().getOut();
        if (out instanceof TaskscopeCommand.StdoutWriter) {
            out.flush();
            return LinePrinter.Sink.of(new FileOutputStream(FileDescriptor.out));
        }
        return LinePrinter.Sink.of(out);
    }
}
