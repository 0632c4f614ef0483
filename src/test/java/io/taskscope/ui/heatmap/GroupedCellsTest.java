package io.taskscope.ui.heatmap;

import io.taskscope.core.DelayClass;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.TableRows;
import io.taskscope.session.views.ViewSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroupedCellsTest {

    private static final double NAN = Double.NaN;
    /** 4 CPUs (rows) × 2 seconds (columns), row-major. */
    private static final double[] CELLS = {
            10, 0,
            30, 5,
            1, NAN,
            2, 7};

    @Test
    void countsAndTotalsAddUpOverTheGroup() {
        CpuGroups pairs = new CpuGroups(new int[]{0, 1, 2, 3}, 2);
        for (Metric.Kind kind : new Metric.Kind[]{Metric.Kind.EXITS, Metric.Kind.LOST, Metric.Kind.DELAY_TOTAL}) {
            double[] out = GroupedCells.combine(kind, CELLS, null, 2, pairs);
            assertThat(out).containsExactly(40, 5, 3, 7);
        }
        double[] one = GroupedCells.combine(Metric.Kind.EXITS, CELLS, null, 2, new CpuGroups(new int[]{0, 1, 2, 3}, 4));
        assertThat(one).containsExactly(43, 12);
    }

    @Test
    void aGroupsMeanWeighsEachCpuByItsEvents() {
        // CPU 0: 1 event of 10 ns; CPU 1: 3 events averaging 30 ns -> (10 + 90) / 4 = 25, not (10 + 30) / 2
        double[] events = {
                1, 0,
                3, 2,
                0, 0,
                4, 1};
        double[] means = {
                10, NAN,
                30, 5,
                NAN, NAN,
                2, 7};
        double[] out = GroupedCells.combine(Metric.Kind.DELAY_MEAN, means, events, 2, new CpuGroups(new int[]{0, 1, 2, 3}, 2));
        assertThat(out[0]).isCloseTo(25, within(1e-9));
        assertThat(out[1]).isCloseTo(5, within(1e-9)); // CPU 0 had no events that second: CPU 1's mean alone
        assertThat(out[2]).isCloseTo(2, within(1e-9));
        assertThat(out[3]).isCloseTo(7, within(1e-9));
        double[] empty = GroupedCells.combine(Metric.Kind.DELAY_MEAN, new double[]{NAN, NAN}, new double[]{0, 0}, 1,
                new CpuGroups(new int[]{0, 1}, 2));
        assertThat(empty[0]).isNaN(); // no events: no mean, drawn as empty rather than as 0
    }

    @Test
    void aClickOnAGroupShowsItsBusiestCpu() {
        CpuGroups pairs = new CpuGroups(new int[]{0, 1, 2, 3}, 2);
        assertThat(GroupedCells.highestRow(CELLS, 2, pairs, 0, 0)).isEqualTo(1);
        assertThat(GroupedCells.highestRow(CELLS, 2, pairs, 1, 1)).isEqualTo(3);
        assertThat(GroupedCells.highestRow(new double[]{NAN, NAN}, 1, new CpuGroups(new int[]{4, 5}, 2), 0, 0))
                .isEqualTo(0);
    }

    @Test
    void classSharesAreOfTheGroupsSummedDelay() {
        int classes = DelayClass.values().length;
        double[] byClass = new double[classes * 2];
        byClass[DelayClass.CPU.ordinal() * 2] = 30;      // CPU 0: 30 ns CPU delay
        byClass[DelayClass.BLKIO.ordinal() * 2 + 1] = 10; // CPU 1: 10 ns block I/O
        ViewSnapshot v = new ViewSnapshot(0, Metric.EXITS, new int[]{0, 1}, 100, 1, new double[2], null, byClass,
                TableRows.empty(), 0, null, List.of(), new long[classes], false, null);
        double[] one = GroupedCells.classShares(v, new CpuGroups(v.cpus(), 2));
        assertThat(one[DelayClass.CPU.ordinal()]).isCloseTo(0.75, within(1e-9));
        assertThat(one[DelayClass.BLKIO.ordinal()]).isCloseTo(0.25, within(1e-9));
        double[] each = GroupedCells.classShares(v, new CpuGroups(v.cpus(), 1));
        assertThat(each[DelayClass.CPU.ordinal() * 2]).isEqualTo(1);
        assertThat(each[DelayClass.CPU.ordinal() * 2 + 1]).isEqualTo(0);
        double[] none = GroupedCells.classShares(new ViewSnapshot(0, Metric.EXITS, new int[]{0}, 100, 1, new double[1],
                null, new double[classes], TableRows.empty(), 0, null, List.of(), new long[classes], false, null),
                new CpuGroups(new int[]{0}, 1));
        assertThat(none[0]).isNaN();
    }
}
