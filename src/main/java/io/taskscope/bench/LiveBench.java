package io.taskscope.bench;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.export.JsonText;
import io.taskscope.export.LineFormat;
import io.taskscope.export.LinePrinter;
import io.taskscope.export.ListenerLines;
import io.taskscope.live.KernelFacts;
import io.taskscope.live.LiveCollector;
import io.taskscope.live.SystemCpus;
import io.taskscope.session.ListenerFanout;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.Tally;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.RowSpan;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionReader;
import io.taskscope.store.SessionRecorder;
import io.taskscope.store.SessionWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code taskscope bench live}: a storm of short-lived threads on every CPU ({@link Storm}, the same as
 * {@code storm-compare}'s) through each of Taskscope's live paths with default options, and through the C anchor
 * ({@code cpulisten.c}: one socket per CPU, a printed line per record) in the same run. Per path: exits made, exits/s,
 * storm records received (counted by command name in what the path wrote or showed), lost by cause as the path
 * counted them, and CPU per record.
 * <ul>
 *   <li>{@code listen-jsonl}: {@code listen --format jsonl} into a file: collector, routing, JSON lines, writes;</li>
 *   <li>{@code record}: {@code record -o FILE}: collector, recorder, session file (read back to count);</li>
 *   <li>{@code app}: the desktop app's source, session and views without a window, with the snapshot pump's load
 *       (a snapshot 4 times a second, the Exits table's view twice).</li>
 * </ul>
 * CPU per record is that of the path's own threads (socket reader, dispatcher and, for record, the writer: sampled
 * once the queue is empty, before the stop) over the exit records received; the whole process's is given too. For the
 * anchor, its process's user + system time.
 */
public final class LiveBench {

    public enum PathKind {
        LISTEN_JSONL("listen-jsonl"), RECORD("record"), APP("app"), REGISTERED("registered");

        private final String cliName;

        PathKind(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }
    }

    /**
     * @param paths          which paths, in order (each round runs them all, then the anchor)
     * @param threadsPerCpu  tstorm's thread count per CPU (storm-compare's default: 150 000)
     * @param tools          where tstorm.c and cpulisten.c are (../shared/tools); null or missing: built-in storm,
     *                       no anchor
     * @param builtInStorm   how long the built-in storm runs
     */
    public record Options(List<PathKind> paths, int rounds, int threadsPerCpu, int receiveBuffer, Path tools,
                          Duration builtInStorm, Integer readerNice, boolean withAnchor, boolean warmUp) {
    }

    /** One path's figures in one round. {@code lost} is exits made minus storm records received. */
    public record Result(String path, int round, long exits, double exitsPerSecond, long received, long lost,
                         long lostKernel, long lostQueue, double cpuMicrosPerRecord, double processCpuMicrosPerRecord,
                         double readerCpuMicrosPerRecord, double readerLongestGapMillis) {

        public String json() {
            return String.format(Locale.ROOT, "{\"path\":%s,\"round\":%d,\"exits\":%d,\"exits_per_s\":%.0f,"
                            + "\"received\":%d,\"lost\":%d,\"lost_by_cause\":{\"kernel\":%d,\"queue\":%d},"
                            + "\"cpu_us_per_record\":%.3f,\"process_cpu_us_per_record\":%.3f,"
                            + "\"reader_cpu_us_per_record\":%.3f,\"reader_longest_gap_ms\":%s}",
                    JsonText.string(path), round, exits, exitsPerSecond, received, lost, lostKernel, lostQueue,
                    cpuMicrosPerRecord, processCpuMicrosPerRecord, readerCpuMicrosPerRecord,
                    // the C anchor has no Java reader to time: null, as JSON has no NaN
                    Double.isNaN(readerLongestGapMillis) ? "null"
                            : String.format(Locale.ROOT, "%.1f", readerLongestGapMillis));
        }
    }

    private final Options options;
    private final Consumer<String> notes;
    private final Storm storm;
    private final Path anchor;
    private final Path work;

    private LiveBench(Options options, Consumer<String> notes) throws IOException, InterruptedException {
        this.options = options;
        this.notes = notes;
        this.work = Files.createTempDirectory("taskscope-bench");
        Path tools = options.tools();
        boolean gcc = Storm.Tools.gccPresent();
        Path tstorm = tools == null ? null : tools.resolve("tstorm.c");
        Path cpulisten = tools == null ? null : tools.resolve("cpulisten.c");
        if (gcc && tstorm != null && Files.isReadable(tstorm)) {
            storm = Storm.tstorm(tstorm, work, options.threadsPerCpu());
        } else {
            storm = Storm.builtIn(options.builtInStorm());
        }
        if (!options.withAnchor()) {
            anchor = null;
        } else if (gcc && cpulisten != null && Files.isReadable(cpulisten)) {
            anchor = Storm.Tools.build(cpulisten, work, "cpulisten");
        } else {
            anchor = null;
            notes.accept("no C anchor: " + (gcc ? (cpulisten == null ? "no --tools" : cpulisten + " not found")
                    : "gcc is not installed"));
        }
        notes.accept("storm: " + storm.describe());
    }

    /** Runs every round; each result goes to {@code results} as soon as it is known. */
    public static void run(Options options, Consumer<Result> results, Consumer<String> notes)
            throws SourceException, IOException, InterruptedException {
        LiveBench bench = new LiveBench(options, notes);
        try {
            if (options.warmUp()) {
                bench.warmUp();
            }
            for (int round = 1; round <= options.rounds(); round++) {
                long longestStorm = 0;
                for (PathKind p : options.paths()) {
                    Result r = switch (p) {
                        case LISTEN_JSONL -> bench.listenJsonl(round);
                        case RECORD -> bench.record(round);
                        case APP -> bench.app(round);
                        case REGISTERED -> bench.registered(round);
                    };
                    longestStorm = Math.max(longestStorm, bench.lastStormNanos);
                    results.accept(r);
                }
                if (bench.anchor != null) {
                    results.accept(bench.anchor(round, longestStorm));
                }
            }
        } finally {
            bench.cleanUp();
        }
    }

    private long lastStormNanos;
    private Storm current;

    /**
     * A short storm through each path first, not reported: the JIT compiles the hot code before the figures are
     * taken (a real listen meets its first storm with cold code; --no-warmup measures that).
     */
    private void warmUp() throws SourceException, IOException, InterruptedException {
        Storm full = current;
        current = storm.shorter();
        try {
            for (PathKind p : options.paths()) {
                switch (p) {
                    case LISTEN_JSONL -> listenJsonl(0);
                    case RECORD -> record(0);
                    case APP -> app(0);
                    case REGISTERED -> registered(0);
                }
            }
        } finally {
            current = full;
        }
        notes.accept("warmed up: a short storm through each path, not reported");
    }

    private LiveCollector collector() throws SourceException {
        LiveCollector.Settings s = LiveCollector.Settings.defaults().withReceiveBuffer(options.receiveBuffer());
        return new LiveCollector(options.readerNice() == null ? s : s.withReaderNice(options.readerNice()));
    }

    /** What a path run measured around its storm. */
    private final class Measured {
        final long processCpu0 = processCpuNanos();
        Storm.Run run;
        long pipelineCpu;
        long readerCpu;
        long processCpu;
        long longestGap;

        /**
         * The storm, then a wait until the collector's queue is empty (and {@code drained} holds); CPU is sampled
         * then, before the stop.
         */
        void storm(LiveCollector c, List<String> extraThreads, java.util.function.BooleanSupplier drained)
                throws IOException, InterruptedException {
            long threads0 = c.readerCpuNanos() + c.dispatcherCpuNanos() + threadCpu(extraThreads);
            long reader0 = c.readerCpuNanos();
            Thread.sleep(1000); // as storm-compare: the listener is up a while before the storm
            run = (current == null ? storm : current).run(c.registeredCpus());
            lastStormNanos = run.nanos();
            settle(c, drained);
            pipelineCpu = c.readerCpuNanos() + c.dispatcherCpuNanos() + threadCpu(extraThreads) - threads0;
            readerCpu = c.readerCpuNanos() - reader0;
            longestGap = c.readerLongestGapNanos();
            processCpu = processCpuNanos() - processCpu0;
        }

        Result result(String path, int round, long received, long recordsAll, long kernel, long queue) {
            double per = Math.max(1, recordsAll);
            return new Result(path, round, run.exits(), run.exitsPerSecond(), received, run.exits() - received,
                    kernel, queue, pipelineCpu / per / 1e3, processCpu / per / 1e3, readerCpu / per / 1e3,
                    longestGap / 1e6);
        }
    }

    private static void settle(LiveCollector c, java.util.function.BooleanSupplier drained) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            quiet = c.queueBacklogBytes() == 0 && drained.getAsBoolean() ? quiet + 1 : 0;
        }
    }

    private Result listenJsonl(int round) throws SourceException, IOException, InterruptedException {
        LiveCollector c = collector();
        Path file = Files.createTempFile(work, "listen", ".jsonl");
        Measured m = new Measured();
        ListenerFanout fanout;
        try (OutputStream out = Files.newOutputStream(file)) {
            List<Listener> all = ListenerSet.empty().add("all", c.info().possible()).listeners();
            fanout = new ListenerFanout(all, c.info().cpuCount());
            LinePrinter printer = new LinePrinter(LineFormat.JSONL, LinePrinter.Sink.of(out), Long.MAX_VALUE, () -> { });
            c.start(new ListenerLines(fanout, printer, (state, detail) -> {
                if (state == io.taskscope.source.SourceState.DEGRADED) {
                    notes.accept("round " + round + ": " + detail); // a reader stall explains itself
                }
            }));
            m.storm(c, List.of(), () -> true);
            c.stop();
            printer.endBatch();
        }
        long received = countOccurrences(file, "\"ac_comm\":\"" + Storm.COMM_PREFIX);
        Files.deleteIfExists(file);
        Tally t = fanout.tally();
        return m.result(PathKind.LISTEN_JSONL.cliName(), round, received, exits(t), t.lost(LossEvent.Origin.KERNEL),
                t.lost(LossEvent.Origin.QUEUE));
    }

    private Result record(int round) throws SourceException, IOException, InterruptedException {
        LiveCollector c = collector();
        Path file = work.resolve("record-" + round + ".tsk");
        SessionWriter writer = SessionWriter.create(file, new SessionHeader(SessionHeader.FORMAT_VERSION,
                KernelFacts.hostname(), KernelFacts.release(), 0, c.info().possible().toCpulist(),
                c.onlineCpus().toCpulist(), c.info().limits().nrCpus(), "live", c.info().description(),
                System.currentTimeMillis() * 1_000_000L, System.nanoTime()));
        writer.listeners(System.currentTimeMillis() * 1_000_000L,
                ListenerSet.empty().add("all", c.info().possible()));
        SessionRecorder recorder = new SessionRecorder(writer, SessionRecorder.queueRecordsForThisJvm(),
                c.info().cpuCount(), c.canBeHeldBack());
        Measured m = new Measured();
        c.start(recorder);
        m.storm(c, List.of("taskscope-recorder"), () -> recorder.queuedRecords() == 0);
        c.stop();
        recorder.finish();
        long[] counts = new long[4]; // storm records, all exits, lost kernel, lost queue
        try (SessionReader reader = SessionReader.openReadable(file)) {
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    for (int row = 0; row < block.size(); row++) {
                        if (block.isPid(row)) {
                            counts[1]++;
                            if (block.comm(row).startsWith(Storm.COMM_PREFIX)) {
                                counts[0]++;
                            }
                        }
                    }
                }

                @Override
                public void loss(LossEvent loss) {
                    counts[loss.origin() == LossEvent.Origin.KERNEL ? 2 : 3] += loss.records();
                }
            });
        }
        Files.deleteIfExists(file);
        return m.result(PathKind.RECORD.cliName(), round, counts[0], counts[1], counts[2], counts[3]);
    }

    private Result app(int round) throws SourceException, IOException, InterruptedException {
        LiveCollector c = collector();
        Session session = new Session();
        session.setListeners(ListenerSet.empty().add("all", c.info().possible()));
        AtomicLong stormRecords = new AtomicLong();
        session.setTap(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                RecordBlock b = batch.records();
                long n = 0;
                for (int row = 0; row < b.size(); row++) {
                    if (b.isPid(row) && b.comm(row).startsWith(Storm.COMM_PREFIX)) {
                        n++;
                    }
                }
                stormRecords.addAndGet(n);
            }
        });
        AtomicBoolean pumping = new AtomicBoolean(true);
        Thread pump = new Thread(() -> { // the app's snapshot pump: numbers 4 times a second, the table's view twice
            for (int tick = 0; pumping.get(); tick++) {
                session.snapshot();
                if (tick % 2 == 0) {
                    session.view(0, Metric.EXITS, 10_000, new RowSpan(0, 120));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-snapshot-pump");
        Measured m = new Measured();
        session.switchSource(c);
        pump.start();
        m.storm(c, List.of(), () -> true);
        session.stopSource();
        pumping.set(false);
        pump.join();
        SessionSnapshot s = session.snapshot();
        long exits = 0;
        for (long e : s.exitsByCpu()) {
            exits += e;
        }
        return m.result(PathKind.APP.cliName(), round, stormRecords.get(), exits, s.lost() - s.lostInQueue(),
                s.lostInQueue());
    }

    /**
     * The registered path: beside the per-CPU reference sockets (whose records are the result), one registered
     * listener per CPU and one on all CPUs, each with its own socket at the kernel's default buffer (rmem_default),
     * read as fast as they fill. What each was sent, got and lost, per the reference, goes to the notes.
     */
    private Result registered(int round) throws SourceException, IOException, InterruptedException {
        List<io.taskscope.source.RegisteredListener> listeners = new java.util.ArrayList<>();
        io.taskscope.core.CpuSet online = io.taskscope.core.CpuSet.empty();
        try {
            online = io.taskscope.live.SystemCpus.read().online();
        } catch (IOException e) {
            throw new SourceException("cannot read the online CPUs: " + e.getMessage());
        }
        for (int cpu = online.nextCpu(0); cpu >= 0; cpu = online.nextCpu(cpu + 1)) {
            listeners.add(io.taskscope.source.RegisteredListener.of("cpu" + cpu, io.taskscope.core.CpuSet.of(cpu)));
        }
        listeners.add(io.taskscope.source.RegisteredListener.of("all", online));
        LiveCollector.Settings s = LiveCollector.Settings.defaults().withReceiveBuffer(options.receiveBuffer());
        LiveCollector c = new LiveCollector(options.readerNice() == null ? s : s.withReaderNice(options.readerNice()),
                listeners);
        AtomicLong stormRecords = new AtomicLong();
        AtomicLong allRecords = new AtomicLong();
        long[] lost = new long[2];
        Measured m = new Measured();
        c.start(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                RecordBlock b = batch.records();
                for (int row = 0; row < b.size(); row++) {
                    if (b.isPid(row)) {
                        allRecords.incrementAndGet();
                        if (b.comm(row).startsWith(Storm.COMM_PREFIX)) {
                            stormRecords.incrementAndGet();
                        }
                    }
                }
                for (LossEvent l : batch.losses()) {
                    lost[l.origin() == LossEvent.Origin.KERNEL ? 0 : 1] += l.records();
                }
            }
        });
        m.storm(c, List.of(), () -> true);
        c.stop();
        if (round > 0) {
            for (io.taskscope.source.RegisteredListenerReport r : c.registeredReports()) {
                notes.accept(String.format(Locale.ROOT, "round %d: registered %s on %s (%d KiB buffer): sent %d,"
                                + " received %d, lost %d%s; %d ENOBUFS, sk_drops %d, unplaced %d", round,
                        r.listener().name(), r.listener().cpus().toCpulist(), r.grantedBytes() / 1024, r.sentTotal(),
                        r.receivedTotal(), r.lostTotal(), r.lostOn().isEmpty() ? "" : " (on " + r.lostOn() + ")",
                        r.overflows(), r.socketDrops(), r.unknown()));
            }
        }
        return m.result(PathKind.REGISTERED.cliName(), round, stormRecords.get(), allRecords.get(), lost[0], lost[1]);
    }

    private static final Pattern ANCHOR_COUNTS = Pattern.compile("matched (\\d+) received (\\d+) lost (\\d+)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

    /** cpulisten beside the same storm; its CPU time from bash's {@code times} (its children's user and system). */
    private Result anchor(int round, long longestStormNanos) throws IOException, InterruptedException {
        SystemCpus machine = SystemCpus.read();
        CpuSet cpus = machine.online();
        int ncpu = machine.limits().nrCpuIds(); // cpulisten registers CPUs 0..NCPU-1, as storm-compare runs it
        double seconds = Math.max(16, 3 + 2.5 * longestStormNanos / 1e9);
        Process p = new ProcessBuilder("bash", "-c", "\"$0\" \"$@\" > /dev/null; times >&2", anchor.toString(),
                Integer.toString(ncpu), String.format(Locale.ROOT, "%.1f", seconds), Storm.COMM_PREFIX,
                Integer.toString(options.receiveBuffer()), "1").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                err.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the figures are missing then, and reported so
            }
        });
        drain.start();
        Thread.sleep(1000);
        Storm.Run run = storm.run(cpus);
        p.waitFor();
        drain.join();
        Matcher counts = ANCHOR_COUNTS.matcher(err);
        if (!counts.find()) {
            throw new IOException("the C anchor printed no counts: " + err.toString().strip());
        }
        long matched = Long.parseLong(counts.group(1));
        long received = Long.parseLong(counts.group(2));
        long lost = Long.parseLong(counts.group(3));
        Matcher times = TIMES.matcher(err);
        double cpuSeconds = 0;
        while (times.find()) { // the last line is the children's: the anchor's
            cpuSeconds = 60 * Long.parseLong(times.group(1)) + Double.parseDouble(times.group(2))
                    + 60 * Long.parseLong(times.group(3)) + Double.parseDouble(times.group(4));
        }
        double per = cpuSeconds * 1e6 / Math.max(1, received);
        return new Result("c-anchor", round, run.exits(), run.exitsPerSecond(), matched, run.exits() - matched, lost,
                0, per, per, per, Double.NaN);
    }

    private static long exits(Tally t) {
        long sum = 0;
        for (int cpu = 0; cpu < t.cpuCount(); cpu++) {
            sum += t.exitsOn(cpu);
        }
        return sum;
    }

    private static long countOccurrences(Path file, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        long count = 0;
        int matched = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == needle[matched]) {
                        if (++matched == needle.length) {
                            count++;
                            matched = 0;
                        }
                    } else {
                        matched = b == needle[0] ? 1 : 0;
                    }
                }
            }
        }
        return count;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the live threads with these names. */
    private static long threadCpu(List<String> names) {
        if (names.isEmpty()) {
            return 0;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && names.contains(info.getThreadName())) {
                sum += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private void cleanUp() throws IOException {
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(work);
    }
}
