package io.taskscope.cli;

import io.taskscope.bench.LiveBench;
import io.taskscope.core.Units;
import io.taskscope.live.LiveCollector;
import io.taskscope.source.SourceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code taskscope bench}: measured figures for the performance targets (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Taskscope's throughput and print the figures.",
        subcommands = {BenchCommand.Live.class, BenchCommand.Store.class, BenchCommand.Serve.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "What serve costs: CPU per record with its metrics (served, scraped every "
                    + "--scrape-interval) and without, at a simulated rate, each side in a JVM of its own, both at "
                    + "once; scrape time of a big machine (text, OpenMetrics, and as Prometheus asks: gzipped).",
            resourceBundle = "io.taskscope.cli.BenchCommand$Serve$Texts")
    static final class Serve implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        /** The figures: 100 000 sim exits/s, at least 20 s a round (see windowSeconds) after a 20 s warm-up. */
        private static final double RATE = 100_000;
        private static final double SECONDS = 20;

        /** Rounds unless --rounds says. */
        static final int ROUNDS = 5;

        @Mixin
        RoundsOption roundsOption = new RoundsOption();

        @Option(names = "--scrape-interval", defaultValue = "15s", paramLabel = "DURATION",
                converter = DurationOption.class,
                description = "How often the side with metrics is scraped while counted, with Prometheus's request "
                        + "(OpenMetrics, gzip). Default: ${DEFAULT-VALUE}, as the scrape config in "
                        + "packaging/prometheus says (Prometheus's own default is 1m; 1s is a busy one).")
        java.time.Duration scrapeInterval;

        @Option(names = "--by-thread", description = "Also each thread's CPU per record (medians), without and "
                + "with metrics: where the difference goes.")
        boolean byThread;

        static final class Texts extends OptionTexts {
            public Texts() {
                super("rounds", "Rounds, each running both sides (without, with metrics) at once. Default: " + ROUNDS
                        + ".");
            }
        }

        /**
         * The counted window: 20 s, or the shortest whole number of scrape intervals above it, so the side with
         * metrics is scraped at its rate (a 20 s window holds one scrape of a 15 s interval, not 1.33).
         */
        double windowSeconds() {
            double interval = scrapeInterval.toMillis() / 1000.0;
            return Math.max(SECONDS, Math.ceil(SECONDS / interval) * interval);
        }

        /** "1 s", "15 s", "500 ms". */
        private String scrapeText() {
            long ms = scrapeInterval.toMillis();
            return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            int rounds = roundsOption.orDefault(ROUNDS);
            if (scrapeInterval.isNegative() || scrapeInterval.isZero()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scrape-interval is more than 0");
            }
            if (rounds < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rounds is at least 1");
            }
            io.taskscope.bench.ServeBench.Cost c = io.taskscope.bench.ServeBench.cost(RATE, windowSeconds(), rounds,
                    scrapeInterval.toMillis());
            double[] paired = c.pairedIncrease();
            out.printf(Locale.ROOT, "CPU per record at %,.0f exits/s, 64 CPUs, 1 listener, %d rounds of both sides "
                            + "at once, %.0f s each: %.0f ns without metrics, %.0f ns with them and a scrape every %s "
                            + "(medians); paired: %+.1f %% (median; rounds %+.1f to %+.1f %%)%n", RATE, rounds,
                    windowSeconds(), c.offMedian(), c.onMedian(), scrapeText(), 100 * c.pairedIncreaseMedian(),
                    100 * Arrays.stream(paired).min().orElse(0), 100 * Arrays.stream(paired).max().orElse(0));
            for (int i = 0; i < rounds; i++) {
                out.printf(Locale.ROOT, "  round %d: without %.0f ns (%,d records), with %.0f ns (%,d records, %d "
                                + "scrapes): %+.1f %%%n", i + 1, c.offNanos()[i], c.offRecords()[i], c.onNanos()[i],
                        c.onRecords()[i], c.scrapes()[i], 100 * paired[i]);
            }
            if (byThread) {
                Map<String, Double> off = io.taskscope.bench.ServeBench.Cost.medianByThread(c.offByThread());
                Map<String, Double> on = io.taskscope.bench.ServeBench.Cost.medianByThread(c.onByThread());
                java.util.Set<String> groups = new java.util.TreeSet<>(off.keySet());
                groups.addAll(on.keySet());
                out.printf(Locale.ROOT, "  CPU per record by thread, medians in ns:%n    %-22s %8s %8s %8s%n",
                        "thread", "without", "with", "more");
                for (String g : groups) {
                    double a = off.getOrDefault(g, 0.0);
                    double b = on.getOrDefault(g, 0.0);
                    if (a >= 0.5 || b >= 0.5) {
                        out.printf(Locale.ROOT, "    %-22s %8.1f %8.1f %+8.1f%n", g, a, b, b - a);
                    }
                }
            }
            out.flush();
            for (io.taskscope.bench.ServeBench.ScrapeRequest ask : io.taskscope.bench.ServeBench.ScrapeRequest
                    .values()) {
                io.taskscope.bench.ServeBench.Scrapes s = io.taskscope.bench.ServeBench.scrapes(1024, 8, 50, ask);
                out.printf(Locale.ROOT, "scrape, 1024 CPUs x 8 listeners, %s: median %.1f ms, p90 %.1f ms, "
                        + "max %.1f ms, %s%n", ask.label(), s.quantile(0.5), s.quantile(0.9), s.quantile(1),
                        Units.bytes(s.bytes()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Session files: bytes per record, write and read records/s, seek to the middle.",
            resourceBundle = "io.taskscope.cli.BenchCommand$Store$Texts")
    static final class Store implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ProfileOption profile = new ProfileOption();

        @Option(names = "--seconds", defaultValue = "3600",
                description = "Simulated seconds to record at the profile's rate. Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--file", defaultValue = "taskscope-bench.tsk", description = "Where (deleted afterwards).")
        java.nio.file.Path file;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            try {
                io.taskscope.bench.StoreBench.Result r = io.taskscope.bench.StoreBench.run(profile.orDefault(),
                        seconds, file);
                out.printf(Locale.ROOT, "profile         %s, %,d records, %,.0f simulated s, %d chunks%n",
                        r.profile().cliName(), r.records(), seconds, r.chunks());
                out.printf(Locale.ROOT, "on disk         %s, %.1f bytes per record%n", Units.bytes(r.bytes()),
                        r.bytesPerRecord());
                out.printf(Locale.ROOT, "write           %,.0f records/s%n", r.records() / r.writeSeconds());
                out.printf(Locale.ROOT, "read            %,.0f records/s%n", r.records() / r.readSeconds());
                out.printf(Locale.ROOT, "seek to middle  %.1f ms (open, index, read the chunk)%n", r.seekMillis());
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
            out.flush();
            return 0;
        }

        /** What bench store --help says of --profile (its label is the one picocli made before it was shared). */
        static final class Texts extends OptionTexts {
            public Texts() {
                super("profile.label", "<profile>",
                        "profile", "Simulator profile to record. Default: " + ProfileOption.DEFAULT + ".");
            }
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = {"A storm of short-lived threads on every CPU (storm-compare's, built from tstorm.c) through "
                    + "each live path with default options, beside the C anchor (cpulisten.c) in the same run: exits "
                    + "made, exits/s, storm records received, lost by cause, CPU per record. Needs root; the anchor "
                    + "and the storm need gcc and the project's tools."},
            footer = {"", "Examples:",
                    "  sudo taskscope bench live",
                    "  sudo taskscope bench live --path listen-jsonl --rounds 5 --json",
                    "  sudo taskscope bench live --tools ../shared/tools --threads 150000"},
            resourceBundle = "io.taskscope.cli.BenchCommand$Live$Texts")
    static final class Live implements Callable<Integer> {

        /** How long the built-in storm runs without tstorm.c or gcc, unless --duration says. */
        static final String BUILT_IN_STORM = "10s";

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--path", paramLabel = "listen-jsonl|record|app|registered|all", defaultValue = "all",
                description = "The path to measure. Default: ${DEFAULT-VALUE}.")
        String path;

        @Mixin
        RoundsOption roundsOption = new RoundsOption();

        @Option(names = "--threads", paramLabel = "N", defaultValue = "150000",
                description = "Threads each CPU's tstorm makes (storm-compare's default). Default: ${DEFAULT-VALUE}.")
        int threads;

        @Option(names = "--tools", paramLabel = "DIR",
                description = "Where tstorm.c and cpulisten.c are. Default: ../shared/tools if it exists.")
        java.nio.file.Path tools;

        @Mixin
        RunDurationOption duration = new RunDurationOption();

        @Mixin
        SocketReaderOptions reader = new SocketReaderOptions();

        @Option(names = "--no-anchor", description = "Leave the C anchor out.")
        boolean noAnchor;

        @Option(names = "--no-warmup", description = "Measure the first storm with cold code too (as a freshly "
                + "started listen meets it); by default a short storm through each path comes first, unreported.")
        boolean noWarmup;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<LiveBench.PathKind> paths = new java.util.ArrayList<>();
            for (LiveBench.PathKind p : LiveBench.PathKind.values()) {
                if (path.equals("all") || path.equals(p.cliName())) {
                    paths.add(p);
                }
            }
            if (paths.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--path is listen-jsonl, record, app or all");
            }
            int rounds = roundsOption.orDefault(1);
            if (rounds < 1 || threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rounds and --threads are at least 1");
            }
            java.nio.file.Path dir = tools != null ? tools : java.nio.file.Path.of("..", "shared", "tools");
            if (tools == null && !java.nio.file.Files.isDirectory(dir)) {
                dir = null;
            }
            if (!json.enabled) {
                out.printf(Locale.ROOT, "%-13s %5s %9s %9s %9s %8s %8s %8s %9s %9s %9s %9s%n", "path", "round",
                        "exits", "exits/s", "received", "lost", "kernel", "queue", "µs/rec", "reader", "process",
                        "gap ms");
                out.flush();
            }
            try {
                LiveBench.run(new LiveBench.Options(paths, rounds, threads, reader.receiveBuffer, dir,
                        duration.orElse(new DurationOption().convert(BUILT_IN_STORM)), reader.readerNice, !noAnchor,
                        !noWarmup), r -> {
                    if (json.enabled) {
                        out.println(r.json());
                    } else {
                        out.printf(Locale.ROOT, "%-13s %5d %9d %9.0f %9d %8d %8d %8d %9.2f %9.2f %9.2f %9.1f%n",
                                r.path(), r.round(), r.exits(), r.exitsPerSecond(), r.received(), r.lost(),
                                r.lostKernel(), r.lostQueue(), r.cpuMicrosPerRecord(), r.readerCpuMicrosPerRecord(),
                                r.processCpuMicrosPerRecord(), r.readerLongestGapMillis());
                    }
                    out.flush();
                }, note -> {
                    err.println("taskscope bench live: " + note);
                    err.flush();
                });
            } catch (SourceException e) {
                err.println("taskscope bench live: " + e.getMessage());
                return ListenCommand.EXIT_CANNOT_COLLECT;
            }
            return 0;
        }

        /**
         * What bench live --help says of the shared options: --receive-buffer sizes the C anchor's sockets too, and
         * --duration bounds only the built-in storm. The --duration label is the one picocli made before the option
         * was shared.
         */
        static final class Texts extends OptionTexts {
            public Texts() {
                super("rounds", "Rounds, each every path then the anchor. Default: 1.",
                        "duration.label", "<duration>",
                        "duration", "Without tstorm.c or gcc: how long the built-in storm runs. Default: "
                                + BUILT_IN_STORM + ".",
                        "receive-buffer", "Receive buffer per per-CPU socket, Taskscope's and the anchor's. Default: "
                                + LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER + ".",
                        "reader-nice", "The socket reader's nice value (default: listen's default).",
                        "json", "One JSON line per path and round.");
            }
        }
    }
}
