package io.taskscope.session.views;

import io.taskscope.core.CpuSet;
import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ListenerRouting;
import io.taskscope.core.RecordBlock;

import java.util.List;

/**
 * What the per-listener views show, aggregated off the UI thread as batches arrive: for each listener and for the
 * whole machine, the newest records (bounded), per-CPU-per-second counts and delays (shared: a listener's heatmap is
 * the rows of its CPUs), its own losses per CPU and second, delay distributions and a command leaderboard.
 * Views read it through {@link #focus}, a copy taken a few times a second for the view on screen only.
 */
public final class ExitViews {

    /** The "All CPUs" view's id. */
    public static final int ALL = -1;
    private static final DelayClass[] CLASSES = DelayClass.values();

    private final int cpus;
    private final int tableCapacity;
    private final CpuTimeline timeline;
    private final LossTimeline lostBeforeRouting;
    private final RecentExits allRecent;
    /** What the tables may keep together: what is left when a listener's table is first needed. */
    private final RowBudget rowBudget;
    private final DelayDistribution allDelays = new DelayDistribution();
    private final CommandBoard allBoard = new CommandBoard();
    private final RecentExits[] recent = new RecentExits[ListenerRouting.MAX_LISTENERS];
    private final DelayDistribution[] delays = new DelayDistribution[ListenerRouting.MAX_LISTENERS];
    private final CommandBoard[] boards = new CommandBoard[ListenerRouting.MAX_LISTENERS];
    private final LossTimeline[] lost = new LossTimeline[ListenerRouting.MAX_LISTENERS];

    // scratch for one row, reused
    private final long[] totals = new long[CLASSES.length];
    private final long[] counts = new long[CLASSES.length];
    private RecordBlock batch;
    private long[][] rowTotals = new long[0][];
    private long[][] rowCounts = new long[0][];
    private int[] rowImplausible = new int[0];
    /**
     * Whether delays the kernel sent that cannot be true count in heat and leaders (from the batch after a change)
     * and in the distributions (at once: those keep them apart). Off by default.
     */
    private final java.util.concurrent.atomic.AtomicBoolean withImplausible;

    public ExitViews(int cpus, int tableCapacity) {
        this(cpus, tableCapacity, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** @param withImplausible the switch, shared with its owner so it can be flipped without a lock */
    public ExitViews(int cpus, int tableCapacity, java.util.concurrent.atomic.AtomicBoolean withImplausible) {
        this.withImplausible = withImplausible;
        this.cpus = cpus;
        this.tableCapacity = tableCapacity;
        this.timeline = new CpuTimeline(cpus);
        this.lostBeforeRouting = new LossTimeline(cpus, timeline.seconds());
        this.rowBudget = RowBudget.ofThisJvm();
        this.allRecent = new RecentExits(rowBudget.take(tableCapacity));
    }

    public CpuTimeline timeline() {
        return timeline;
    }


    /** First pass over a batch: the machine-wide views (rows are copied into rings, no object per record). */
    public void acceptBatch(RecordBlock block) {
        prepare(block);
        for (int row = 0; row < block.size(); row++) {
            long delay = 0;
            for (int c = 0; c < CLASSES.length; c++) {
                delay += rowTotals[row][c];
            }
            if (block.isPid(row)) { // a TGID aggregate repeats its threads' delays: count each exit once
                timeline.add(block.cpu(row), block.receivedNanos(row), rowTotals[row], rowCounts[row]);
                for (DelayClass c : CLASSES) { // v17: when each class's worst wait happened
                    if (rowCounts[row][c.ordinal()] != 0) {
                        timeline.worst(c, block.cpu(row), block.receivedNanos(row), block.get(row, c.maxField()),
                                block.get(row, c.maxTimeField()));
                    }
                }
                allDelays.add(realTotals(block, row), realCounts(block, row), rowImplausible[row]);
                allBoard.add(block.comm(row), delay);
            }
            allRecent.add(block, row);
        }
    }

    /**
     * Registered mode, after {@link #acceptBatch}: the rows that the listeners' own sockets received, which
     * {@link #delivered} then gives to each (the machine-wide views came from the reference rows).
     */
    public void acceptCopies(RecordBlock copies) {
        prepare(copies);
    }

    /** Each row's delays as heat and leaders count them (implausible ones left out unless asked for). */
    private void prepare(RecordBlock block) {
        batch = block;
        if (rowTotals.length < block.size()) {
            rowTotals = new long[block.capacity()][CLASSES.length];
            rowCounts = new long[block.capacity()][CLASSES.length];
            rowImplausible = new int[block.capacity()];
        }
        boolean keepAll = withImplausible.get();
        for (int row = 0; row < block.size(); row++) {
            int impossible = DelayPlausibility.implausible(block, row);
            rowImplausible[row] = impossible;
            for (int c = 0; c < CLASSES.length; c++) {
                boolean out = !keepAll && (impossible & (1 << c)) != 0; // heat and leaders leave it out
                rowTotals[row][c] = out ? 0 : block.get(row, CLASSES[c].totalField());
                rowCounts[row][c] = out ? 0 : block.get(row, CLASSES[c].countField());
            }
        }
    }

    /** Second pass, per (listener, row) the fanout delivered. */
    public void delivered(int listenerId, int row) {
        if (recent[listenerId] == null) {
            recent[listenerId] = new RecentExits(rowBudget.take(tableCapacity));
            delays[listenerId] = new DelayDistribution();
            boards[listenerId] = new CommandBoard();
        }
        recent[listenerId].add(batch, row);
        if (batch.isPid(row)) {
            delays[listenerId].add(realTotals(batch, row), realCounts(batch, row), rowImplausible[row]);
            long delay = 0;
            for (long t : rowTotals[row]) {
                delay += t;
            }
            boards[listenerId].add(batch.comm(row), delay);
        }
    }

    /** The row's totals as sent (the distributions keep implausible ones apart themselves). */
    private long[] realTotals(RecordBlock block, int row) {
        for (int c = 0; c < CLASSES.length; c++) {
            totals[c] = block.get(row, CLASSES[c].totalField());
        }
        return totals;
    }

    private long[] realCounts(RecordBlock block, int row) {
        for (int c = 0; c < CLASSES.length; c++) {
            counts[c] = block.get(row, CLASSES[c].countField());
        }
        return counts;
    }

    /** A listener's modelled buffer dropped this row. */
    public void dropped(int listenerId, int cpu, long epochNanos) {
        dropped(listenerId, cpu, epochNanos, 1);
    }

    /** A listener lost {@code records} on {@code cpu} (registered mode: its socket's, as they settle). */
    public void dropped(int listenerId, int cpu, long epochNanos, long records) {
        if (lost[listenerId] == null) {
            lost[listenerId] = new LossTimeline(cpus, timeline.seconds());
        }
        lost[listenerId].add(cpu, epochNanos, records);
    }

    /** Records lost before routing on a CPU (live sequence gaps). */
    public void lostBeforeRouting(int cpu, long epochNanos, long records) {
        lostBeforeRouting.add(cpu, epochNanos, records);
    }

    /** Ends a batch: the block goes back to its source. */
    public void endBatch(int rows) {
        batch = null;
    }

    /** A listener was removed or its id reused: its views start again. */
    public void forget(int listenerId) {
        recent[listenerId] = null;
        delays[listenerId] = null;
        boards[listenerId] = null;
        lost[listenerId] = null;
    }

    /**
     * A copy of what one view shows.
     *
     * @param id       a listener id, or {@link #ALL}
     * @param cpuRows  the CPUs the heatmap has rows for (the listener's mask; all CPUs for ALL)
     * @param metric   the heatmap metric
     * @param rows     the most table rows wanted
     * @param made     the table rows that need records (the others are null)
     */
    public ViewSnapshot focus(int id, CpuSet cpuRows, Metric metric, int rows, RowSpan made) {
        RecentExits r = id == ALL ? allRecent : recent[id];
        DelayDistribution d = id == ALL ? allDelays : delays[id];
        CommandBoard b = id == ALL ? allBoard : boards[id];
        long latest = timeline.latestSecond();
        // A young session shows what it has across the whole width (at least 30 s), not a sliver at the right edge.
        int seconds = latest == Long.MIN_VALUE ? timeline.seconds() : (int) Math.max(Math.min(CpuTimeline.MIN_SECONDS,
                timeline.seconds()), Math.min(timeline.seconds(), latest - timeline.earliestSecond() + 1));
        int[] cpuList = cpuRows.toArray();
        double[] cells = new double[cpuList.length * seconds];
        double[] events = metric.kind() == Metric.Kind.DELAY_MEAN ? new double[cells.length] : null;
        if (latest != Long.MIN_VALUE) {
            for (int i = 0; i < cpuList.length; i++) {
                for (int s = 0; s < seconds; s++) {
                    long second = latest - seconds + 1 + s;
                    cells[i * seconds + s] = metric.kind() == Metric.Kind.LOST
                            ? lostValue(id, cpuList[i], second) : timeline.value(metric, cpuList[i], second);
                    if (events != null) {
                        events[i * seconds + s] = timeline.events(metric.delayClass(), cpuList[i], second);
                    }
                }
            }
        }
        // Which kind of waiting dominates where: per class and CPU, the delay summed over the window
        double[] byClass = new double[CLASSES.length * cpuList.length];
        for (DelayClass c : CLASSES) {
            for (int i = 0; i < cpuList.length; i++) {
                byClass[c.ordinal() * cpuList.length + i] = timeline.windowTotal(c, cpuList[i]);
            }
        }
        TableRows table = r == null ? TableRows.empty() : r.newest(rows, made);
        boolean all = withImplausible.get();
        long[] implausible = new long[CLASSES.length];
        if (d != null) {
            for (DelayClass c : CLASSES) {
                implausible[c.ordinal()] = d.implausible(c);
            }
        }
        CpuTimeline.WorstWait worst = metric.isDelay() ? timeline.worstIn(metric.delayClass(), sortedCopy(cpuList)) : null;
        return new ViewSnapshot(id, metric, cpuList, latest, seconds, cells, events, byClass, table, r == null ? 0 : r.added(),
                d == null ? null : copy(d, all), b == null ? List.of() : b.top(10), implausible, all, worst);
    }

    private static int[] sortedCopy(int[] values) {
        int[] out = values.clone();
        java.util.Arrays.sort(out);
        return out;
    }

    private double lostValue(int id, int cpu, long second) {
        double v = lostBeforeRouting.value(cpu, second);
        if (id == ALL) {
            for (LossTimeline l : lost) {
                if (l != null) {
                    v += l.value(cpu, second);
                }
            }
        } else if (lost[id] != null) {
            v += lost[id].value(cpu, second);
        }
        return v;
    }

    private static org.HdrHistogram.Histogram[] copy(DelayDistribution d, boolean withImplausible) {
        org.HdrHistogram.Histogram[] out = new org.HdrHistogram.Histogram[CLASSES.length];
        for (DelayClass c : CLASSES) {
            out[c.ordinal()] = d.copyOf(c, withImplausible);
        }
        return out;
    }
}
