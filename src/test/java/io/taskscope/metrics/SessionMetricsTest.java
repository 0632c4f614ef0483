package io.taskscope.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.session.Session;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What serve exposes, against a session fed batch by batch: per-listener counters equal what each mask was sent,
 * through edits that remove, add, reuse ids and bring names back; delays per class from the tasks' own records,
 * with implausible totals counted apart.
 */
class SessionMetricsTest {

    /** Four CPUs; each call to {@link #exits} is one batch, on the test's thread. */
    private static final class DrivenSource implements Source {
        private SourceConsumer to;

        @Override
        public SourceInfo info() {
            return new SourceInfo(SourceKind.LIVE, "driven", CpulistLimits.forMachine(4), CpuSet.range(0, 3));
        }

        @Override
        public void start(SourceConsumer consumer) {
            to = consumer;
        }

        @Override
        public void stop() {
        }

        void deliver(RecordBlock block) {
            to.batch(new SourceBatch(block, List.of(), 0));
        }

        /** One plain exit per CPU given, each a task of 10 ms that waited 1 ms for a CPU, twice. */
        void exits(int... cpus) {
            RecordBlock b = new RecordBlock(cpus.length);
            for (int cpu : cpus) {
                int row = b.addRow(RecordKind.PID, cpu, 1, 1, 1);
                b.set(row, TaskstatsField.AC_ETIME, 10_000);
                b.set(row, TaskstatsField.CPU_COUNT, 2);
                b.set(row, TaskstatsField.CPU_DELAY_TOTAL, 1_000_000);
            }
            deliver(b);
        }
    }

    /** What a listener set would have been sent, kept by name: the expectation, counted apart from the code. */
    private static void expect(Map<String, Long> expected, ListenerSet set, int... cpus) {
        for (int cpu : cpus) {
            for (Listener l : set.listeners()) {
                if (l.cpus().contains(cpu)) {
                    expected.merge(l.name(), 1L, Long::sum);
                }
            }
        }
    }

    private static double value(MetricSnapshots all, String name, String... labels) {
        for (MetricSnapshot m : all) {
            if (m.getMetadata().getName().equals(name)) {
                for (DataPointSnapshot p : m.getDataPoints()) {
                    if (p.getLabels().equals(Labels.of(labels))) {
                        return ((CounterSnapshot.CounterDataPointSnapshot) p).getValue();
                    }
                }
                throw new AssertionError(name + " has no series " + List.of(labels));
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static Map<String, Long> recordsByListener(MetricSnapshots all) {
        Map<String, Long> out = new HashMap<>();
        for (MetricSnapshot m : all) {
            if (m.getMetadata().getName().equals("taskscope_records")) {
                for (DataPointSnapshot p : m.getDataPoints()) {
                    out.put(p.getLabels().get("listener"), (long) ((CounterSnapshot.CounterDataPointSnapshot) p)
                            .getValue());
                }
            }
        }
        return out;
    }

    private static ListenerSet listeners(String... nameAndCpulist) {
        ListenerSet set = ListenerSet.empty();
        for (int i = 0; i < nameAndCpulist.length; i += 2) {
            set = set.add(nameAndCpulist[i], CpuSet.parse(nameAndCpulist[i + 1], CpulistLimits.forMachine(4))
                    .orElseThrow());
        }
        return set;
    }

    private final Session session = Session.withoutViews();
    private final SessionMetrics metrics = new SessionMetrics(session, new SourceLabels("live", "6.1"), null, 4);
    private final DrivenSource source = new DrivenSource();

    @Test
    void listenerCountersAreWhatEachMaskWasSentThroughEveryEdit() throws Exception {
        Map<String, Long> expected = new HashMap<>();

        ListenerSet first = listeners("a", "0-1", "b", "2-3");
        session.switchSource(source, first);
        source.exits(0, 1, 2, 3, 0);
        expect(expected, first, 0, 1, 2, 3, 0);
        assertThat(recordsByListener(metrics.collect())).isEqualTo(expected);

        // b goes; c is new and takes b's id (a fresh set numbers from 0): it must not inherit b's counts
        ListenerSet second = metrics.changeListeners(listeners("a", "0", "c", "1-3"));
        assertThat(second.byName("c").orElseThrow().id()).isEqualTo(first.byName("b").orElseThrow().id());
        source.exits(0, 1, 2, 3);
        expect(expected, second, 0, 1, 2, 3);
        metrics.collect(); // a scrape between batches changes nothing
        source.exits(3, 3);
        expect(expected, second, 3, 3);

        // b comes back: its counter goes on from where it stopped, never back to zero
        ListenerSet third = metrics.changeListeners(listeners("b", "3", "c", "1-3", "a", "0-3"));
        source.exits(3, 1);
        expect(expected, third, 3, 1);
        assertThat(recordsByListener(metrics.collect())).isEqualTo(expected);
        assertThat(value(metrics.collect(), "taskscope_cpu_exits", "cpu", "3")).isEqualTo(5);
        assertThat(value(metrics.collect(), "taskscope_records_lost", "cause", "kernel", "listener", "a")).isZero();
    }

    @Test
    void delaysComeFromTheTasksOwnRecordsAndImplausibleTotalsAreCountedApart() throws Exception {
        session.switchSource(source, listeners("all", "0-3"));
        source.exits(0, 1, 2);

        RecordBlock odd = new RecordBlock(2);
        int gcc = odd.addRow(RecordKind.PID, 0, 1, 2, 7); // 13 ms of life, 30 min of block I/O: cannot be true
        odd.set(gcc, TaskstatsField.AC_ETIME, 13_000);
        odd.set(gcc, TaskstatsField.BLKIO_COUNT, 1);
        odd.set(gcc, TaskstatsField.BLKIO_DELAY_TOTAL, 1_800_000_000_000L);
        odd.set(gcc, TaskstatsField.CPU_COUNT, 1);
        odd.set(gcc, TaskstatsField.CPU_DELAY_TOTAL, 3_000_000);
        int group = odd.addRow(RecordKind.TGID, 0, 1, 2, 7); // the process's aggregate repeats its thread's waits
        odd.set(group, TaskstatsField.CPU_COUNT, 1);
        odd.set(group, TaskstatsField.CPU_DELAY_TOTAL, 3_000_000);
        source.deliver(odd);

        MetricSnapshots m = metrics.collect();
        assertThat(value(m, "taskscope_delay_seconds", "class", "cpu")).isEqualTo(0.006, within());
        assertThat(value(m, "taskscope_delay_events", "class", "cpu")).isEqualTo(7);
        assertThat(value(m, "taskscope_delay_seconds", "class", "blkio")).isZero();
        assertThat(value(m, "taskscope_implausible_records", "class", "blkio")).isEqualTo(1);
        assertThat(value(m, "taskscope_implausible_records", "class", "cpu")).isZero();
        HistogramSnapshot.HistogramDataPointSnapshot cpu = m.stream()
                .filter(s -> s.getMetadata().getName().equals("taskscope_task_delay_seconds"))
                .flatMap(s -> ((HistogramSnapshot) s).getDataPoints().stream())
                .filter(p -> p.getLabels().get("class").equals("cpu")).findFirst().orElseThrow();
        assertThat(cpu.getCount()).isEqualTo(4); // four tasks, each once
        assertThat(cpu.getClassicBuckets().getCount(indexOf(0.001))).isEqualTo(3); // 1 ms is in le="0.001"
        assertThat(cpu.getClassicBuckets().getCount(indexOf(0.005))).isEqualTo(1); // 3 ms in le="0.005"
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    private static int indexOf(double bound) {
        for (int i = 0; i < SessionMetrics.DELAY_BOUNDS.length; i++) {
            if (SessionMetrics.DELAY_BOUNDS[i] == bound) {
                return i;
            }
        }
        throw new AssertionError("no bound " + bound);
    }
}
