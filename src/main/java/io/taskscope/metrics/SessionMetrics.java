package io.taskscope.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.taskscope.core.DelayClass;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.DelayTotals;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.Tally;

import java.util.List;

/**
 * The session's counts as Prometheus metrics. Per listener and per CPU they are read from the session's own tally
 * at scrape time, under its lock, so they are exactly what it delivered and lost up to that instant; in registered
 * mode a listener's are what its own socket received and lost, as the session shows them. Delays too:
 * the session counts them in its routing pass ({@link Session#countDelays}), in primitive arrays, and a scrape
 * copies them. Listener edits go through {@link #changeListeners}, which folds the old listeners' counts in first,
 * so a counter never goes back.
 */
public final class SessionMetrics implements MultiCollector {

    /** Per-CPU series are left out by default above this many CPUs (a series per CPU per target adds up). */
    public static final int PER_CPU_DEFAULT_LIMIT = 256;

    private final Session session;
    private final SourceLabels source;
    private final boolean perCpu;
    /** Histogram bounds in seconds, 10 µs to 10 s, then +Inf: waits from a tick to a hung disk. */
    static final double[] DELAY_BOUNDS = {1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2,
            5e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};
    private static final DelayClass[] CLASSES = DelayClass.values();

    private final ListenerCounts listeners = new ListenerCounts();
    private final Labels[] cpuLabels;
    private final Labels[] classLabels = new Labels[CLASSES.length];

    /**
     * @param perCpu null: per-CPU exits when the machine has at most {@link #PER_CPU_DEFAULT_LIMIT} CPUs
     */
    public SessionMetrics(Session session, SourceLabels source, Boolean perCpu, int cpuCount) {
        this.session = session;
        this.source = source;
        this.perCpu = perCpu != null ? perCpu : cpuCount <= PER_CPU_DEFAULT_LIMIT;
        session.countDelays(new DelayTotals(boundNanos()));
        for (var c : CLASSES) {
            classLabels[c.ordinal()] = Labels.of("class", c.kernelPrefix());
        }
        cpuLabels = new Labels[this.perCpu ? cpuCount : 0];
        for (int cpu = 0; cpu < cpuLabels.length; cpu++) {
            cpuLabels[cpu] = Labels.of("cpu", Integer.toString(cpu));
        }
    }

    public boolean perCpu() {
        return perCpu;
    }

    /** The finite bounds in nanoseconds. */
    private static long[] boundNanos() {
        long[] nanos = new long[DELAY_BOUNDS.length - 1];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = Math.round(DELAY_BOUNDS[i] * 1e9);
        }
        return nanos;
    }

    /**
     * Applies new listener definitions with no batch in between: what the old ones counted is folded in before the
     * edit and each listener counts on from what its id holds after it. Returns the listeners as applied (cut to
     * the machine).
     */
    public ListenerSet changeListeners(ListenerSet next) {
        var sockets = session.registeredStats(); // registered mode: the sockets' figures, read before the lock
        ListenerSet applied = session.readCounts((tally, before) -> {
            fold(tally, before, sockets);
            // reentrant: applied at once, while this thread still holds the session's lock
            ListenerSet now = session.setListeners(next);
            listeners.follow(now, tally);
            return now;
        });
        return applied != null ? applied : session.setListeners(next);
    }

    private record Counts(List<ListenerCounts.Counted> listeners, long[] cpuExits) {
    }

    /** Per-CPU mode: the routing's counts; registered: each listener's own socket's. */
    private void fold(Tally tally, ListenerSet in, java.util.Map<String, SessionSnapshot.ListenerStats> sockets) {
        if (sockets != null) {
            listeners.foldSockets(sockets, in);
        } else {
            listeners.fold(tally, in);
        }
    }

    private Counts read(Tally tally, ListenerSet in, java.util.Map<String, SessionSnapshot.ListenerStats> sockets) {
        fold(tally, in, sockets);
        long[] exits = new long[Math.min(cpuLabels.length, tally.cpuCount())];
        for (int cpu = 0; cpu < exits.length; cpu++) {
            exits[cpu] = tally.exitsOn(cpu);
        }
        return new Counts(listeners.counted(), exits);
    }

    @Override
    public MetricSnapshots collect() {
        var sockets = session.registeredStats(); // before the session's lock, as its snapshot reads them
        Counts counts = session.readCounts((tally, in) -> read(tally, in, sockets));
        DelayTotals d = session.delays();
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        if (counts != null) {
            out.metricSnapshot(records(counts)).metricSnapshot(lost(counts));
            if (perCpu) {
                out.metricSnapshot(cpuExits(counts.cpuExits()));
            }
        }
        return out.metricSnapshot(perClass("taskscope_delay_seconds", Unit.SECONDS,
                        "Time exited tasks waited, per delay class (implausible totals left out)",
                        k -> Unit.nanosToSeconds(d.totalNanos(k))))
                .metricSnapshot(perClass("taskscope_delay_events", null,
                        "Waits of exited tasks, per delay class (implausible totals left out)", k -> d.events(k)))
                .metricSnapshot(taskDelays(d))
                .metricSnapshot(perClass("taskscope_implausible_records", null,
                        "Records whose delay total of this class cannot be true (longer than the task lived)",
                        k -> d.implausible(k)))
                .metricSnapshot(sourceInfo(d)).build();
    }

    private static CounterDataPointSnapshot point(double value, Labels labels) {
        return CounterDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static CounterSnapshot records(Counts counts) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("taskscope_records")
                .help("Exit records each virtual listener received");
        for (ListenerCounts.Counted c : counts.listeners()) {
            b.dataPoint(point(c.delivered(), c.series().delivered));
        }
        return b.build();
    }

    private static CounterSnapshot lost(Counts counts) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("taskscope_records_lost")
                .help("Exit records each virtual listener lost: cause kernel (a netlink receive queue overflowed, "
                        + "or the simulator's model of it), queue (Taskscope's own queue was full)");
        for (ListenerCounts.Counted c : counts.listeners()) {
            b.dataPoint(point(c.lostInKernel(), c.series().lostInKernel));
            b.dataPoint(point(c.lostInQueue(), c.series().lostInQueue));
        }
        return b.build();
    }

    private CounterSnapshot cpuExits(long[] exits) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("taskscope_cpu_exits")
                .help("Task exits received per CPU (a process's aggregate record is not an exit of its own)");
        for (int cpu = 0; cpu < exits.length; cpu++) {
            b.dataPoint(point(exits[cpu], cpuLabels[cpu]));
        }
        return b.build();
    }

    /** One counter per delay class. */
    private CounterSnapshot perClass(String name, Unit unit, String help,
                                     java.util.function.IntToDoubleFunction value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        for (int k = 0; k < classLabels.length; k++) {
            b.dataPoint(point(value.applyAsDouble(k), classLabels[k]));
        }
        return b.build();
    }

    private HistogramSnapshot taskDelays(DelayTotals d) {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("taskscope_task_delay_seconds")
                .unit(Unit.SECONDS).help("Each exited task's delay total, per delay class (implausible ones left out)");
        for (int k = 0; k < classLabels.length; k++) {
            b.dataPoint(HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(DELAY_BOUNDS, d.buckets(k)))
                    .sum(Unit.nanosToSeconds(d.totalNanos(k))).labels(classLabels[k]).build());
        }
        return b.build();
    }

    private InfoSnapshot sourceInfo(DelayTotals d) {
        int version = d.taskstatsVersion();
        return InfoSnapshot.builder().name("taskscope_source").help("The source serve reads: its kind, kernel "
                        + "release (live) and struct taskstats version (0 until the first record)")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("kind", source.kind(),
                        "kernel", source.kernel(), "taskstats_version", Integer.toString(version))).build())
                .build();
    }
}
