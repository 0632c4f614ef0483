package io.taskscope.cli;

import io.taskscope.core.ListenerSet;
import io.taskscope.export.RunSummary;
import io.taskscope.live.KernelFacts;
import io.taskscope.metrics.MetricsEndpoint;
import io.taskscope.metrics.SessionMetrics;
import io.taskscope.metrics.SourceLabels;
import io.taskscope.session.Session;
import io.taskscope.store.RotatingRecorder;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.WriteErrors;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import io.taskscope.source.SourceState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code taskscope serve}: the source → session pipeline of the app, headless, with its counts on {@code /metrics}
 * for Prometheus. One line on stdout says where it serves; the run's summary goes to stderr when the source stops.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve what the virtual listeners receive and lose as Prometheus metrics on /metrics "
                + "(Prometheus text or OpenMetrics, as the scraper asks).",
        footer = {"", "Metrics: taskscope_records_total{listener}, taskscope_records_lost_total{listener,cause} "
                + "(cause kernel: a netlink receive queue overflowed, or the simulator's model of it; queue: "
                + "Taskscope's own), taskscope_cpu_exits_total{cpu}, taskscope_delay_seconds_total{class}, "
                + "taskscope_delay_events_total{class}, taskscope_task_delay_seconds{class} (histogram), "
                + "taskscope_implausible_records_total{class}, taskscope_source_info{kind,kernel,taskstats_version}, "
                + "and the JVM's and process's metrics.",
                "", "With --listeners registered (live only), each listener also gets a netlink socket of its own on "
                + "its CPUs, with its own buffer and pace (--listener-buffer, --listener-pace, by name), and "
                + "taskscope_records_total and taskscope_records_lost_total are what that socket received and "
                + "lost (cause kernel: its receive queue overflowed; queue: Taskscope's). The summary adds what "
                + "each was sent.",
                "", "Changing the listeners while it runs: give them in a file (--listeners-file, one NAME=CPULIST "
                + "a line, # for comments), edit it, and send SIGHUP (kill -HUP PID, systemctl reload). A file "
                + "that cannot be used is reported on stderr and the listeners in force stay. Registered, the "
                + "sockets follow: a new listener gets one, a removed one's is closed, a changed mask is registered "
                + "anew.",
                "", "Examples:",
                "  sudo taskscope serve --listener web=0-15 --listener db=16-31",
                "  taskscope serve --source sim --profile fork-storm --listener all=0-63 --port 9464",
                "  sudo taskscope serve --listeners-file /etc/taskscope/listeners.conf --address 0.0.0.0",
                "  sudo taskscope serve --listeners registered --listener small=0-1 --listener-buffer small=64k \\",
                "      --listener-pace small=2000 --listener big=0-1 --listener-buffer big=16M",
                "", "It binds 127.0.0.1 unless --address says otherwise. Exit codes: 0 stopped; 1 cannot serve "
                + "(port in use, no such address) or the source failed; 2 bad options; 3 live collection cannot "
                + "work here."},
        resourceBundle = "io.taskscope.cli.ServeCommand$Texts")
public final class ServeCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 9464;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ListenerOptions listeners = new ListenerOptions();

    @Mixin
    RegisteredListenerOptions registered = new RegisteredListenerOptions();

    @Mixin
    RunDurationOption duration = new RunDurationOption();

    @Option(names = "--listeners-file", paramLabel = "FILE",
            description = "The listeners, one NAME=CPULIST a line; re-read on SIGHUP. Instead of --listener.")
    Path listenersFile;

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to serve on. Default: ${DEFAULT-VALUE} (this machine only).")
    String address = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "The port to serve on; 0 takes a free one (the line on stdout says which). "
                    + "Default: ${DEFAULT-VALUE}.")
    int port = DEFAULT_PORT;

    @Option(names = "--per-cpu-metrics", negatable = true,
            description = "taskscope_cpu_exits_total per CPU. Default: on for machines of up to "
                    + SessionMetrics.PER_CPU_DEFAULT_LIMIT + " CPUs.")
    Boolean perCpuMetrics;

    @Option(names = "--record", paramLabel = "DIR",
            description = "Also record session files into DIR, rotated (--rotate) and pruned (--keep): a recorder "
                    + "that runs for weeks with bounded disk. Each file is complete on its own.")
    Path recordDir;

    @Option(names = "--rotate", paramLabel = "DURATION|SIZE", defaultValue = "1h",
            description = "With --record: a new file after this long (30m, 1h, 1d: lower case) or this size (100M, "
                    + "1G). Default: ${DEFAULT-VALUE}.")
    String rotate = "1h";

    @Option(names = "--keep", paramLabel = "N", defaultValue = "48",
            description = "With --record: the newest N files are kept, older ones deleted. Default: ${DEFAULT-VALUE}.")
    int keep = 48;

    private PrintWriter err;
    /** Registered mode: the listeners' own sockets, for the summary; else empty. */
    private java.util.Optional<io.taskscope.source.ListenerSockets> sockets = java.util.Optional.empty();
    /** The rotating recording (--record), or null. */
    private volatile RotatingRecorder recorder;

    /** --rotate as a rotation: a duration (ends in a unit of time) or a size. */
    private RotatingRecorder.Rotation rotation() {
        if (keep < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keep is at least 1");
        }
        String text = rotate.strip();
        try {
            if (text.matches("\\d+(\\.\\d+)?\\s*(ms|s|m|min|h|d)")) { // lower case: time (30m); 100M is a size
                return new RotatingRecorder.Rotation(new DurationOption().convert(text).toNanos(), 0, keep);
            }
            return new RotatingRecorder.Rotation(0, new ByteSizeOption().convert(text), keep);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rotate is a duration (30m, 1h, 1d) or a size (100M, 1G), not '" + rotate + "'");
        }
    }

    @Override
    public Integer call() {
        err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (listenersFile != null && !listeners.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give the listeners with --listener or in --listeners-file, not both");
        }
        Source src;
        try {
            src = source.create(spec.commandLine());
        } catch (SourceException e) {
            return say(e.getMessage(), ListenCommand.EXIT_CANNOT_COLLECT);
        }
        ListenerSet set;
        try {
            set = listenersFile != null ? new ListenersFile(listenersFile).read(src.info(), spec.commandLine())
                    : listeners.define(src.info(), spec.commandLine());
        } catch (ListenersFile.Unusable e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Session session = Session.withoutViews();
        if (src.modelsListenerBuffers()) {
            session.setBufferDefaults(source.bufferSettings(spec.commandLine()));
        }
        sockets = registered.apply(session, src, set.listeners(), spec.commandLine());
        SessionMetrics metrics = new SessionMetrics(session, labels(src), perCpuMetrics, src.info().cpuCount());
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.start(address, port, metrics); // before the source: a busy port costs nothing
        } catch (MetricsEndpoint.CannotServe e) {
            return say(e.getMessage(), 1);
        }
        try (endpoint; InterruptOnShutdown ctrlC = new InterruptOnShutdown("taskscope-serve-interrupt")) {
            return serve(src, set, session, metrics, endpoint, out);
        }
    }

    private int serve(Source src, ListenerSet set, Session session, SessionMetrics metrics, MetricsEndpoint endpoint,
                      PrintWriter out) {
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        RotatingRecorder recording = null;
        if (recordDir != null) {
            RotatingRecorder.Rotation rotation = rotation();
            try {
                boolean registeredMode = sockets.isPresent();
                recording = new RotatingRecorder(recordDir, () -> registeredMode
                        ? RecordCommand.header(src).withListenerMode(SessionHeader.REGISTERED)
                        : RecordCommand.header(src), set, rotation, src.info().cpuCount(), src.canBeHeldBack());
                RotatingRecorder files = recording;
                sockets.ifPresent(s -> files.followSockets(s::reports)); // each file shows the sockets as they went
            } catch (java.io.IOException e) {
                return say("cannot record into " + recordDir + ": " + WriteErrors.describe(e), 1);
            }
        }
        RotatingRecorder recorder = recording;
        this.recorder = recorder;
        session.setTap(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) { // the metrics count in the session's routing pass
                if (recorder != null) {
                    recorder.batch(batch);
                }
            }

            @Override
            public void stateChanged(SourceState state, String detail) {
                if (recorder != null) {
                    recorder.stateChanged(state, detail);
                }
                if (state == SourceState.FAILED) {
                    failure.set(detail);
                    failed.countDown();
                } else if (state == SourceState.DEGRADED) {
                    say(detail, 0);
                }
            }
        });
        long start = System.nanoTime();
        try {
            session.switchSource(src, set);
        } catch (SourceException e) {
            return say(e.getMessage(), ListenCommand.EXIT_CANNOT_COLLECT);
        }
        out.println("taskscope serve: serving " + endpoint.url() + " (" + src.info().description() + "; listeners "
                + describe(session.listeners()) + ")");
        out.flush();
        HangupSignal.onHangup(() -> reload(session, metrics));
        boolean stopped = false;
        try {
            if (duration.limit == null) {
                failed.await();
            } else {
                failed.await(duration.limit.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            stopped = true; // Ctrl-C or SIGTERM
        }
        src.stop();
        if (recorder != null) {
            java.io.IOException broke = recorder.finish();
            say("recorded " + recorder.files().size() + " file(s) into " + recordDir
                    + (broke == null ? "" : "; writing failed: " + WriteErrors.describe(broke)), 0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = session.readCounts((tally, in) -> new RunSummary(tally, in.listeners(), seconds,
                src.info()).text());
        err.println(summary);
        sockets.ifPresent(s -> err.println(RegisteredListenerOptions.text(s.reports())));
        err.flush();
        if (failure.get() != null) {
            return say(failure.get(), 1);
        }
        if (!stopped) {
            // --duration: the counts are final now; a scraper may still read them until Ctrl-C
            out.println("taskscope serve: the source stopped after " + duration.limit.toMillis() / 1000.0
                    + " s; serving its final counts until stopped");
            out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException ctrlC) {
                // done
            }
        }
        return 0;
    }

    /** SIGHUP: the listeners file again; one that cannot be used changes nothing. */
    private void reload(Session session, SessionMetrics metrics) {
        if (listenersFile == null) {
            say("SIGHUP: no --listeners-file to re-read; the listeners stay " + describe(session.listeners()), 0);
            return;
        }
        try {
            ListenerSet next = new ListenersFile(listenersFile).read(session.info(), spec.commandLine());
            ListenerSet now = metrics.changeListeners(next);
            RotatingRecorder r = recorder;
            if (r != null) {
                r.listenersChanged(now);
            }
            say("listeners from " + listenersFile + ": " + describe(now), 0);
        } catch (ListenersFile.Unusable e) {
            say(e.getMessage() + "; the listeners stay " + describe(session.listeners()), 0);
        }
    }

    private static String describe(ListenerSet set) {
        return set.listeners().stream().map(l -> l.name() + "=" + l.cpus().toCpulist())
                .collect(Collectors.joining(" "));
    }

    private static SourceLabels labels(Source src) {
        SourceKind kind = src.info().kind();
        return new SourceLabels(kind.cliName(), kind == SourceKind.LIVE ? KernelFacts.release() : "");
    }

    private int say(String message, int code) {
        err.println("taskscope serve: " + message);
        err.flush();
        return code;
    }

    /** What serve --help says of the shared options. */
    static final class Texts extends OptionTexts {
        public Texts() {
            super("listener", "A virtual listener registered on CPULIST (kernel cpulist syntax: 0-3,8 or 0-7:2/4). "
                            + "Repeatable. Default: one listener 'all' on every CPU.",
                    "duration", "Stop the source after this long and go on serving its final counts until "
                            + "stopped (for tests and one-off measurements). Default: run until stopped.");
        }
    }
}
