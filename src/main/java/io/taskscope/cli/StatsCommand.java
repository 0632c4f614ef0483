package io.taskscope.cli;

import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.Units;
import io.taskscope.export.JsonText;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.ListenerFanout;
import io.taskscope.session.Tally;
import io.taskscope.session.views.DelayDistribution;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionReader;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code taskscope stats FILE}: what a recording holds, replayed through the same routing as the app (listener
 * edits applied when they happened; a simulated recording's listeners with their modelled buffers).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Summarise a session file: header, duration, records, losses per listener and CPU, delays per "
                + "class, and any damage.",
        footer = {"", "Exit codes: 0 intact; " + StatsCommand.EXIT_DAMAGED + " damaged (what could be recovered is "
                + "reported); " + StatsCommand.EXIT_NOT_A_SESSION + " not a Taskscope session file."})
public final class StatsCommand implements Callable<Integer> {

    static final int EXIT_DAMAGED = 4;
    static final int EXIT_NOT_A_SESSION = 5;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SessionFileArgument file = new SessionFileArgument();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = "--with-implausible", description = "Count delays that cannot be true (a total longer than the "
            + "task lived, as some kernels send) in means and percentiles too. They are always counted apart.")
    boolean withImplausible;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SessionReader opened = file.open(spec);
        if (opened == null) {
            return EXIT_NOT_A_SESSION;
        }
        try (SessionReader reader = opened) {
            Replay replay = new Replay(reader.header(), withImplausible);
            reader.readAll(replay);
            out.println(json.enabled ? replay.json(reader) : replay.text(reader));
            out.flush();
            return reader.intact() ? 0 : EXIT_DAMAGED;
        }
    }

    /** Replays the frames through the routing, counting. */
    private static final class Replay implements SessionReader.FrameVisitor {
        final SessionHeader header;
        final int cpus;
        final boolean simulated;
        ListenerFanout fanout;
        final List<Listener> everListener = new ArrayList<>();
        final DelayDistribution delays = new DelayDistribution();
        final long[] totals = new long[DelayClass.values().length];
        final long[] counts = new long[DelayClass.values().length];
        final boolean withImplausible;
        long records;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long lostBeforeRouting;
        /** Of those, what Taskscope's own queues dropped (the rest the kernel did). */
        long lostInQueue;
        int edits;
        /** Registered mode: each listener's own socket as the last SOCKETS frame has it (the final figures). */
        List<io.taskscope.source.RegisteredListenerReport> sockets = List.of();

        Replay(SessionHeader header, boolean withImplausible) {
            this.header = header;
            this.withImplausible = withImplausible;
            this.cpus = Math.max(1, io.taskscope.core.CpuSet.parse(header.possibleCpus(),
                    io.taskscope.core.CpulistLimits.forMachine(io.taskscope.core.CpulistLimits.MAX_CPUS))
                    .orElseThrow().last() + 1);
            this.simulated = "sim".equals(header.sourceKind());
            this.fanout = newFanout(List.of());
        }

        private ListenerFanout newFanout(List<Listener> listeners) {
            ListenerFanout f = new ListenerFanout(listeners, cpus);
            return simulated ? f.withBuffers(ListenerBuffer.Settings.defaults()) : f;
        }

        @Override
        public void records(RecordBlock block) {
            for (int r = 0; r < block.size(); r++) {
                records++;
                first = Math.min(first, block.receivedNanos(r));
                last = Math.max(last, block.receivedNanos(r));
                if (block.isPid(r)) {
                    int implausible = DelayPlausibility.implausible(block, r); // the tally counts the records
                    for (DelayClass c : DelayClass.values()) {
                        totals[c.ordinal()] = block.get(r, c.totalField());
                        counts[c.ordinal()] = block.get(r, c.countField());
                    }
                    delays.add(totals, counts, implausible);
                }
            }
            fanout.accept(new SourceBatch(block, List.of(), 0), (l, b, row) -> { });
        }

        @Override
        public void loss(LossEvent loss) {
            if (loss.listenerId() == LossEvent.ALL_LISTENERS) {
                lostBeforeRouting += loss.records();
                if (loss.origin() == LossEvent.Origin.QUEUE) {
                    lostInQueue += loss.records();
                }
            }
            fanout.accept(new SourceBatch(new RecordBlock(1), List.of(loss), 0), (l, b, row) -> { });
        }

        @Override
        public void sockets(long nanos, List<io.taskscope.source.RegisteredListenerReport> reports) {
            sockets = reports;
        }

        /** Registered mode: the records each listener's own socket got (rows, TGID records too), by name. */
        final java.util.Map<String, Long> copies = new java.util.LinkedHashMap<>();

        @Override
        public void copies(io.taskscope.source.ListenerCopies c) {
            for (int row = 0; row < c.records().size(); row++) {
                copies.merge(c.listener(row), 1L, Long::sum);
            }
        }

        private String copiesText() {
            StringBuilder b = new StringBuilder();
            copies.forEach((name, n) -> b.append(b.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %,d", name, n)));
            return b.length() == 0 ? "none" : b.toString();
        }

        @Override
        public void listeners(long nanos, ListenerSet set) {
            edits++;
            fanout.setListeners(set.listeners());
            for (Listener l : set.listeners()) {
                everListener.removeIf(e -> e.id() == l.id());
                everListener.add(l);
            }
        }

        String text(SessionReader reader) {
            Tally t = fanout.tally();
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "format       Taskscope session, version %d%n", header.formatVersion()));
            out.append(String.format(Locale.ROOT, "source       %s%n", header.sourceDescription()));
            out.append(String.format(Locale.ROOT, "taskstats    v%d, CPUs %s (online %s)%n", header.taskstatsVersion(),
                    header.possibleCpus(), header.onlineCpus()));
            out.append(String.format(Locale.ROOT, "duration     %s, %d chunks, %d listener definitions%n",
                    records == 0 ? "0 s" : Units.nanos(last - first), reader.chunks().size(), edits));
            out.append(String.format(Locale.ROOT, "records      %,d (lost before routing: %,d; kernel %,d, queue %,d)%n",
                    records, lostBeforeRouting, lostBeforeRouting - lostInQueue, lostInQueue));
            out.append(String.format(Locale.ROOT, "%-16s %12s %10s%n", "listener", "delivered", "lost"));
            for (Listener l : everListener) {
                out.append(String.format(Locale.ROOT, "%-16s %,12d %,10d%n", l.name(), t.deliveredTo(l.id()),
                        t.lostBy(l.id())));
            }
            out.append(String.format(Locale.ROOT, "listeners    %s%n", header.registered()
                    ? "registered: each also on a socket of its own, beside the per-CPU ones (above: routed from those)"
                    : "routed from per-CPU sockets"));
            if (!sockets.isEmpty()) {
                out.append(RegisteredListenerOptions.text(sockets)).append('\n');
            }
            if (header.hasListenerCopies()) {
                out.append(String.format(Locale.ROOT, "copies       %s (records each socket got: its views in a replay)%n",
                        copiesText()));
            } else if (header.registered()) {
                out.append("copies       not recorded (an older file): a replay routes its listeners from the per-CPU "
                        + "sockets\n");
            }
            out.append(String.format(Locale.ROOT, "%-12s %9s %10s %10s %10s %10s %12s%n", "delay", "tasks", "mean", "p50",
                    "p99", "max", "implausible"));
            for (DelayClass c : DelayClass.values()) {
                Histogram h = delays.copyOf(c, withImplausible);
                boolean any = h.getTotalCount() > 0;
                out.append(String.format(Locale.ROOT, "%-12s %,9d %10s %10s %10s %10s %,12d%n", c.kernelPrefix(),
                        h.getTotalCount(), any ? Units.nanos((long) h.getMean()) : "-",
                        any ? Units.nanos(h.getValueAtPercentile(50)) : "-",
                        any ? Units.nanos(h.getValueAtPercentile(99)) : "-", any ? Units.nanos(h.getMaxValue()) : "-",
                        delays.implausible(c)));
            }
            if (t.implausible() > 0) {
                out.append(String.format(Locale.ROOT, "implausible  %,d records have a delay total longer than the task"
                        + " lived: shown as sent, %s%n", t.implausible(), withImplausible
                        ? "and counted above (--with-implausible)" : "left out of the figures above"));
            }
            if (reader.intact()) {
                out.append("intact: every chunk verified");
            } else {
                for (SessionReader.Damage d : reader.damage()) {
                    out.append(String.format(Locale.ROOT, "DAMAGED at byte %d: %s%n", d.offset(), d.reason()));
                }
                if (reader.tornTail() != null) {
                    out.append(String.format(Locale.ROOT, "TORN at byte %d: %s%n", reader.tornTail().offset(),
                            reader.tornTail().reason()));
                }
                out.append("the records above are those of every chunk that verified");
            }
            return out.toString();
        }

        String json(SessionReader reader) {
            Tally t = fanout.tally();
            StringBuilder out = new StringBuilder("{");
            out.append("\"format\":").append(header.formatVersion())
                    .append(",\"host\":").append(JsonText.string(header.host()))
                    .append(",\"kernel\":").append(JsonText.string(header.kernelRelease()))
                    .append(",\"taskstats_version\":").append(header.taskstatsVersion())
                    .append(",\"source\":").append(JsonText.string(header.sourceDescription()))
                    .append(",\"source_kind\":").append(JsonText.string(header.sourceKind()))
                    .append(",\"possible_cpus\":").append(JsonText.string(header.possibleCpus()))
                    .append(",\"listener_mode\":").append(JsonText.string(header.listenerMode()))
                    .append(",\"duration_s\":").append(records == 0 ? 0 : (last - first) / 1e9)
                    .append(",\"records\":").append(records)
                    .append(",\"implausible\":").append(t.implausible())
                    .append(",\"with_implausible\":").append(withImplausible)
                    .append(",\"lost\":").append(lostBeforeRouting)
                    .append(",\"lost_by_cause\":").append(io.taskscope.export.RunSummary.byCause(
                            lostBeforeRouting - lostInQueue, lostInQueue))
                    .append(",\"chunks\":").append(reader.chunks().size())
                    .append(",\"intact\":").append(reader.intact())
                    .append(",\"listeners\":[");
            for (int i = 0; i < everListener.size(); i++) {
                Listener l = everListener.get(i);
                out.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.string(l.name()))
                        .append(",\"cpus\":").append(JsonText.string(l.cpus().toCpulist()))
                        .append(",\"delivered\":").append(t.deliveredTo(l.id()))
                        .append(",\"lost\":").append(t.lostBy(l.id())).append('}');
            }
            out.append(']');
            if (header.registered()) { // the same object listen and record print: {"registered":[...]}
                String registered = RegisteredListenerOptions.json(sockets);
                out.append(',').append(registered, 1, registered.length() - 1);
                out.append(",\"copies_recorded\":").append(header.hasListenerCopies()).append(",\"copies\":{");
                int i = 0;
                for (java.util.Map.Entry<String, Long> e : copies.entrySet()) {
                    out.append(i++ == 0 ? "" : ",").append(JsonText.string(e.getKey())).append(':').append(e.getValue());
                }
                out.append('}');
            }
            out.append(",\"cpus\":[");
            boolean firstCpu = true;
            for (int cpu = 0; cpu < t.cpuCount(); cpu++) {
                if (t.receivedOn(cpu) > 0 || t.lostOn(cpu) > 0) {
                    out.append(firstCpu ? "" : ",").append("{\"cpu\":").append(cpu).append(",\"records\":")
                            .append(t.receivedOn(cpu)).append(",\"lost\":").append(t.lostOn(cpu)).append('}');
                    firstCpu = false;
                }
            }
            out.append("],\"delays\":{");
            for (DelayClass c : DelayClass.values()) {
                Histogram h = delays.copyOf(c, withImplausible);
                out.append(c.ordinal() == 0 ? "" : ",").append('"').append(c.kernelPrefix()).append("\":{")
                        .append("\"tasks\":").append(h.getTotalCount())
                        .append(",\"implausible\":").append(delays.implausible(c))
                        .append(",\"mean_ns\":").append(h.getTotalCount() == 0 ? 0 : (long) h.getMean())
                        .append(",\"p50_ns\":").append(h.getValueAtPercentile(50))
                        .append(",\"p99_ns\":").append(h.getValueAtPercentile(99))
                        .append(",\"max_ns\":").append(h.getMaxValue()).append('}');
            }
            out.append("},\"damage\":[");
            List<SessionReader.Damage> all = new ArrayList<>(reader.damage());
            if (reader.tornTail() != null) {
                all.add(reader.tornTail());
            }
            for (int i = 0; i < all.size(); i++) {
                out.append(i == 0 ? "" : ",").append("{\"offset\":").append(all.get(i).offset())
                        .append(",\"reason\":").append(JsonText.string(all.get(i).reason())).append('}');
            }
            return out.append("]}").toString();
        }
    }
}
