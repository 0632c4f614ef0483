package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.Listener;
import io.taskscope.live.DelayAccounting;
import io.taskscope.session.ListenerFanout;
import io.taskscope.session.Source;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceException;
import io.taskscope.session.SourceState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;

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
                "", "Exit codes: 0 done; 2 bad options; 3 live collection cannot work here (the reason is printed)."})
public final class ListenCommand implements Callable<Integer> {

    static final int EXIT_CANNOT_COLLECT = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--listener", paramLabel = "NAME=CPULIST", converter = ListenerOptionConverter.class,
            description = "A virtual listener registered on CPULIST (kernel cpulist syntax: 0-3,8 or 0-7:2/4). "
                    + "Repeatable. Default: one listener 'all' on every CPU.")
    List<ListenerOption> listeners = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Stop after this long (500ms, 10s, 2m, 1h).")
    Duration duration;

    @Option(names = "--count", paramLabel = "N", description = "Stop after printing N lines.")
    Long count;

    @Option(names = "--format", paramLabel = "text|jsonl|csv", defaultValue = "text",
            converter = FormatConverter.class, description = "Output format. Default: ${DEFAULT-VALUE}.")
    RecordFormat format = RecordFormat.TEXT;

    @Option(names = "--enable-delayacct",
            description = "Switch kernel.task_delayacct on for the run and restore it after (live; needs root).")
    boolean enableDelayacct;

    static final class ListenerOptionConverter implements CommandLine.ITypeConverter<ListenerOption> {
        @Override
        public ListenerOption convert(String value) {
            return ListenerOption.parse(value);
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<RecordFormat> {
        @Override
        public RecordFormat convert(String value) {
            try {
                return RecordFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
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
            return run(src, defined, err);
        } finally {
            if (restoreDelayacct != null) {
                restoreDelayacct.close();
            }
        }
    }

    /** Parses every --listener against the source's machine; a bad one stops the command with the kernel's error. */
    private List<Listener> defineListeners(Source src) {
        return ListenerOptions.define(listeners, src.info(), spec.commandLine()).listeners();
    }

    private int run(Source src, List<Listener> defined, PrintWriter err) throws InterruptedException {
        ListenerFanout fanout = new ListenerFanout(defined, src.info().cpuCount());
        if (src.info().kind() == io.taskscope.session.SourceKind.SIM) {
            fanout.withBuffers(source.bufferSettings(spec.commandLine()));
        }
        // Routing happens on the source's thread (the block is reused after each batch); printing on this one.
        BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(1024);
        AtomicReference<String> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        SourceConsumer consumer = new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                List<String> lines = new ArrayList<>();
                synchronized (fanout) {
                    fanout.accept(batch, (listener, block, row) -> lines.add(format.line(listener, block.record(row))));
                }
                try {
                    // A full queue holds the source back (live losses then show up, counted, in the kernel),
                    // until the command is finishing.
                    while (!queue.offer(lines, 50, TimeUnit.MILLISECONDS)) {
                        if (stopping.get()) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void stateChanged(SourceState state, String detail) {
                if (state == SourceState.FAILED) {
                    failure.set(detail);
                } else if (state == SourceState.DEGRADED) {
                    err.println("taskscope listen: " + detail);
                    err.flush();
                }
            }
        };
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        long[] printed = {0};
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(5, TimeUnit.SECONDS);
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
        long deadline = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
        String header = format.header();
        if (header != null) {
            out.println(header);
        }
        java.util.function.Consumer<List<String>> print = lines -> {
            for (String line : lines) {
                if (count == null || printed[0] < count) {
                    out.println(line);
                    printed[0]++;
                }
            }
        };
        try {
            while (System.nanoTime() < deadline && (count == null || printed[0] < count) && failure.get() == null) {
                List<String> lines = queue.poll(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (lines != null) {
                    print.accept(lines);
                    out.flush();
                }
            }
        } catch (InterruptedException ctrlC) {
            // Ctrl-C: finish cleanly below
        } finally {
            stopping.set(true);
            src.stop();
            synchronized (fanout) {
                fanout.drainBuffers();
            }
            for (List<String> rest; (rest = queue.poll()) != null; ) {
                print.accept(rest);
            }
            out.flush();
            Summary summary;
            synchronized (fanout) {
                summary = new Summary(fanout, defined, (System.nanoTime() - startNanos) / 1e9, src.info());
            }
            err.println(format == RecordFormat.JSONL ? summary.json() : summary.text());
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
        return 0;
    }
}
