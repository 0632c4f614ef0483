package io.taskscope.session.views;

import io.taskscope.core.CpuSet;
import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExitViewsTest {

    private static Session run(ListenerSet listeners, Profile profile, double seconds) throws Exception {
        Session session = new Session();
        session.setListeners(listeners);
        SimulatorSource sim = new SimulatorSource(SimSettings.of(profile, 8, 20_000, 4, SimSettings.UNPACED),
                (long) (seconds * 1e9));
        session.switchSource(sim);
        sim.awaitEnd();
        return session;
    }

    @Test
    void aListenersTableHoldsOnlyItsCpusNewestFirstAndBounded() throws Exception {
        Session s = run(ListenerSet.empty().add("low", CpuSet.range(0, 3)).add("none", CpuSet.empty()),
                Profile.FORK_STORM, 2);
        ViewSnapshot v = s.view(0, Metric.EXITS, 50_000);
        assertThat(v.table()).hasSize(RecentExits.DEFAULT_CAPACITY);
        assertThat(v.table()).allSatisfy(r -> assertThat(r.cpu()).isBetween(0, 3));
        for (int i = 1; i < v.table().size(); i++) {
            assertThat(v.table().get(i).receivedNanos()).isLessThanOrEqualTo(v.table().get(i - 1).receivedNanos());
        }
        assertThat(s.view(1, Metric.EXITS, 100).table()).isEmpty(); // no CPUs: nothing received
        assertThat(s.view(ExitViews.ALL, Metric.EXITS, 100).table()).hasSize(100);
    }

    @Test
    void heatmapRowsAreTheListenersCpusAndSumToItsExits() throws Exception {
        Session s = run(ListenerSet.empty().add("a", CpuSet.of(2, 5)), Profile.DESKTOP, 3);
        ViewSnapshot v = s.view(0, Metric.EXITS, 10);
        assertThat(v.cpus()).containsExactly(2, 5);
        double sum = 0;
        for (double c : v.cells()) {
            sum += c;
        }
        assertThat(s.view(ExitViews.ALL, Metric.EXITS, 10).cpus()).hasSize(8);
        long delivered = s.snapshot().listenerStats().get(0).delivered();
        // the heatmap counts exits (PID records); TGID aggregates are delivered too, and only those differ
        assertThat(sum).isLessThanOrEqualTo(delivered).isGreaterThan(delivered * 0.9).isPositive();
    }

    @Test
    void delayDistributionsAndLeadersFollowTheRecords() throws Exception {
        Session s = run(ListenerSet.oneOnAll(8), Profile.MEMORY_PRESSURE, 5);
        ViewSnapshot v = s.view(0, Metric.mean(DelayClass.SWAPIN), 10);
        assertThat(v.delays()[DelayClass.CPU.ordinal()].getTotalCount()).isPositive();
        assertThat(v.delays()[DelayClass.SWAPIN.ordinal()].getValueAtPercentile(99))
                .isGreaterThanOrEqualTo(v.delays()[DelayClass.SWAPIN.ordinal()].getValueAtPercentile(50));
        assertThat(v.leaders()).isNotEmpty();
        assertThat(v.leaders().get(0).delayNanos()).isGreaterThanOrEqualTo(v.leaders().get(v.leaders().size() - 1).delayNanos());
    }

    @Test
    void losingListenersShowLossPerCpuAndSecond() throws Exception {
        Session s = run(ListenerSet.oneOnAll(8), Profile.FORK_STORM, 2); // 20k/s on 8 CPUs < default reader: none
        double lost = sum(s.view(0, Metric.LOST, 1).cells());
        assertThat(lost).isZero();
        Session storm = new Session();
        storm.setListeners(ListenerSet.oneOnAll(64));
        SimulatorSource sim = new SimulatorSource(SimSettings.of(Profile.FORK_STORM, 64, Double.NaN, 1,
                SimSettings.UNPACED), 2_000_000_000L);
        storm.switchSource(sim);
        sim.awaitEnd();
        assertThat(sum(storm.view(0, Metric.LOST, 1).cells()))
                .isEqualTo(storm.snapshot().listenerStats().get(0).lost());
    }

    @Test
    void editingAMaskKeepsTheListenersViewsAndRemovingForgetsThem() throws Exception {
        Session s = run(ListenerSet.empty().add("a", CpuSet.range(0, 3)), Profile.FORK_STORM, 1);
        long before = s.view(0, Metric.EXITS, 1).added();
        s.setListeners(s.listeners().withCpus(0, CpuSet.range(0, 7)));
        assertThat(s.view(0, Metric.EXITS, 1).added()).isEqualTo(before);
        assertThat(s.view(0, Metric.EXITS, 1).cpus()).hasSize(8);
        s.setListeners(ListenerSet.empty().add("b", CpuSet.of(1))); // id 0 now names another listener
        assertThat(s.view(0, Metric.EXITS, 1).added()).isZero();
    }

    private static double sum(double[] cells) {
        double s = 0;
        for (double c : cells) {
            s += Double.isNaN(c) ? 0 : c;
        }
        return s;
    }

    @Test
    void commandBoardStaysBounded() {
        CommandBoard b = new CommandBoard();
        for (int i = 0; i < 10_000; i++) {
            b.add("cmd" + i, i);
        }
        assertThat(b.top(1000).size()).isLessThanOrEqualTo(CommandBoard.MAX_COMMANDS);
        assertThat(b.top(1).get(0).comm()).isEqualTo("cmd9999");
    }

    @Test
    void recentExitsRingKeepsTheNewest() {
        RecentExits r = new RecentExits(3);
        List<ExitRecord> made = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ExitRecord e = new ExitRecord(io.taskscope.core.RecordKind.PID, 0, i, i, i,
                    io.taskscope.core.Taskstats.builder().version(16).build());
            made.add(e);
            r.add(e);
        }
        assertThat(r.newest(10)).containsExactly(made.get(4), made.get(3), made.get(2));
        assertThat(r.added()).isEqualTo(5);
    }

    @Test
    void recentExitsMakeRecordsOnlyForTheRowsAsked() {
        RecentExits r = new RecentExits(100);
        List<ExitRecord> made = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) { // the ring wraps: rows 249..150 remain
            ExitRecord e = new ExitRecord(io.taskscope.core.RecordKind.PID, i % 4, i, i, i,
                    io.taskscope.core.Taskstats.builder().version(16).build());
            made.add(e);
            r.add(e);
        }
        TableRows rows = r.newest(80, new RowSpan(10, 20));
        assertThat(rows).hasSize(80);
        assertThat(rows.isComplete()).isFalse();
        assertThat(rows.get(9)).isNull();
        assertThat(rows.get(20)).isNull();
        for (int i = 10; i < 20; i++) {
            assertThat(rows.get(i)).isEqualTo(made.get(249 - i));
        }
        // a span past the end is cut to the rows there are
        TableRows tail = r.newest(100, new RowSpan(90, 500));
        assertThat(tail.get(99)).isEqualTo(made.get(150));
        assertThat(r.newest(100).isComplete()).isTrue();
        List<ExitRecord> newestFirst = new java.util.ArrayList<>(made.subList(150, 250));
        java.util.Collections.reverse(newestFirst);
        assertThat(r.newest(100)).containsExactlyElementsOf(newestFirst);
    }
}
