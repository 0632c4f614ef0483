package io.taskscope.cli;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ExitStatus;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.ListenerFanout;
import io.taskscope.session.ListenerSet;
import io.taskscope.session.LossEvent;
import io.taskscope.session.SourceBatch;
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
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
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
        if (!format.equals("csv") && !format.equals("perfetto")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format is csv or perfetto");
        }
        SessionReader.Opened opened = SessionReader.open(file);
        if (opened instanceof SessionReader.NotASession not) {
            spec.commandLine().getErr().println("taskscope export: " + not.reason());
            return StatsCommand.EXIT_NOT_A_SESSION;
        }
        try (SessionReader reader = ((SessionReader.Session) opened).reader();
             Writer out = output.equals("-")
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                     : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            long first = reader.chunks().isEmpty() ? 0 : reader.chunks().get(0).firstNanos();
            Exporter exporter = format.equals("csv") ? new CsvExporter(out) : new PerfettoExporter(out);
            Filter filter = new Filter(reader, new TimeRange(from, to), first, exporter);
            exporter.begin();
            reader.readAll(filter);
            if (listener != null && !filter.sawListener) {
                spec.commandLine().getErr().println("taskscope export: the recording has no listener named '"
                        + listener + "'");
                return 2;
            }
            exporter.end();
            if (!reader.intact()) {
                spec.commandLine().getErr().println("taskscope export: the file is damaged; exported every chunk "
                        + "that verified");
                return StatsCommand.EXIT_DAMAGED;
            }
        }
        return 0;
    }

    /** Routes as recorded and passes on what the chosen listener (or, without one, everybody) received in range. */
    private final class Filter implements SessionReader.FrameVisitor {
        private final TimeRange range;
        private final long first;
        private final Exporter exporter;
        private final boolean simulated;
        private final int cpus;
        private ListenerFanout fanout;
        private int listenerId = -1;
        boolean sawListener;

        Filter(SessionReader reader, TimeRange range, long first, Exporter exporter) {
            this.range = range;
            this.first = first;
            this.exporter = exporter;
            this.simulated = "sim".equals(reader.header().sourceKind());
            this.cpus = io.taskscope.core.CpuSet.parse(reader.header().possibleCpus(),
                    io.taskscope.core.CpulistLimits.forMachine(io.taskscope.core.CpulistLimits.MAX_CPUS))
                    .orElseThrow().last() + 1;
            this.fanout = fanout(List.of());
        }

        private ListenerFanout fanout(List<Listener> listeners) {
            ListenerFanout f = new ListenerFanout(listeners, Math.max(1, cpus));
            return simulated ? f.withBuffers(ListenerBuffer.Settings.defaults()) : f;
        }

        @Override
        public void listeners(long nanos, ListenerSet set) {
            fanout.setListeners(set.listeners());
            set.byName(listener == null ? "" : listener).ifPresent(l -> {
                listenerId = l.id();
                sawListener = true;
            });
        }

        @Override
        public void records(RecordBlock block) {
            if (listener == null) {
                for (int row = 0; row < block.size(); row++) {
                    if (range.contains(block.receivedNanos(row), first)) {
                        exporter.record(block.record(row));
                    }
                }
                return;
            }
            fanout.accept(new SourceBatch(block, List.of(), 0), (l, b, row) -> {
                if (l.id() == listenerId && range.contains(b.receivedNanos(row), first)) {
                    exporter.record(b.record(row));
                }
            });
        }

        @Override
        public void loss(LossEvent loss) {
            if (range.contains(loss.timeNanos(), first)) {
                exporter.loss(loss);
            }
        }
    }

    private interface Exporter {
        void begin();

        void record(ExitRecord r);

        default void loss(LossEvent loss) {
        }

        void end();
    }

    private static final class CsvExporter implements Exporter {
        private final Writer out;

        CsvExporter(Writer out) {
            this.out = out;
        }

        private void write(String s) {
            try {
                out.write(s);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void begin() {
            StringBuilder h = new StringBuilder("time_ns,cpu,kind,seq");
            for (TaskstatsField f : TaskstatsField.values()) {
                h.append(',').append(f.kernelName());
            }
            write(h.append('\n').toString());
        }

        @Override
        public void record(ExitRecord r) {
            StringBuilder b = new StringBuilder(900);
            b.append(r.receivedNanos()).append(',').append(r.cpu()).append(',')
                    .append(r.kind().name().toLowerCase(Locale.ROOT)).append(',').append(r.seq());
            for (TaskstatsField f : TaskstatsField.values()) {
                b.append(',').append(f.isText() ? RecordFormat.csv(r.comm()) : Long.toUnsignedString(r.get(f)));
            }
            write(b.append('\n').toString());
        }

        @Override
        public void end() {
        }
    }

    /** Chrome trace event JSON, which Perfetto opens: process 1 is the machine, thread n its CPU n. */
    private static final class PerfettoExporter implements Exporter {
        private final Writer out;
        private boolean firstEvent = true;
        private final TreeMap<Integer, TreeMap<Long, Integer>> perCpuSecond = new TreeMap<>();

        PerfettoExporter(Writer out) {
            this.out = out;
        }

        private void event(String json) {
            try {
                out.write(firstEvent ? "\n" : ",\n");
                out.write(json);
                firstEvent = false;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void begin() {
            try {
                out.write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            event("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"task exits\"}}");
        }

        @Override
        public void record(ExitRecord r) {
            perCpuSecond.computeIfAbsent(r.cpu(), k -> {
                event("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + r.cpu()
                        + ",\"args\":{\"name\":\"CPU " + r.cpu() + "\"}}");
                return new TreeMap<>();
            }).merge(r.receivedNanos() / 1_000_000_000L, 1, Integer::sum);
            StringBuilder args = new StringBuilder();
            args.append("\"pid\":").append(r.pid()).append(",\"tgid\":").append(r.tgid())
                    .append(",\"kind\":\"").append(r.kind().name().toLowerCase(Locale.ROOT)).append('"')
                    .append(",\"exit\":").append(Json.string(ExitStatus.describe(r.get(TaskstatsField.AC_EXITCODE))))
                    .append(",\"lifetime_us\":").append(r.get(TaskstatsField.AC_ETIME));
            for (DelayClass c : DelayClass.values()) {
                long count = r.get(c.countField());
                if (count > 0) {
                    args.append(",\"").append(c.kernelPrefix()).append("_delay_ns\":").append(r.get(c.totalField()))
                            .append(",\"").append(c.kernelPrefix()).append("_count\":").append(count);
                }
            }
            event(String.format(Locale.ROOT, "{\"name\":%s,\"cat\":\"exit\",\"ph\":\"i\",\"s\":\"t\",\"ts\":%.3f,"
                    + "\"pid\":1,\"tid\":%d,\"args\":{%s}}", Json.string(r.comm().isEmpty() ? "(tgid "
                    + r.taskId() + ")" : r.comm()), r.receivedNanos() / 1e3, r.cpu(), args));
        }

        @Override
        public void loss(LossEvent loss) {
            event(String.format(Locale.ROOT, "{\"name\":\"lost %d records on CPU %d\",\"cat\":\"loss\",\"ph\":\"i\","
                    + "\"s\":\"g\",\"ts\":%.3f,\"pid\":1,\"tid\":0,\"args\":{\"cause\":\"%s\",\"records\":%d}}",
                    loss.records(), loss.cpu(), loss.timeNanos() / 1e3, loss.cause(), loss.records()));
        }

        @Override
        public void end() {
            perCpuSecond.forEach((cpu, seconds) -> seconds.forEach((second, n) -> event(String.format(Locale.ROOT,
                    "{\"name\":\"exits/s CPU %d\",\"ph\":\"C\",\"ts\":%d,\"pid\":1,\"args\":{\"exits\":%d}}",
                    cpu, second * 1_000_000L, n))));
            try {
                out.write("\n]}\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
