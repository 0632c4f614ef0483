package io.taskscope.ui.heatmap;

import io.taskscope.core.CpuSet;
import io.taskscope.ui.base.AxisLabels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The strip's layout over many window sizes and machines: readable rows, every CPU shown, labels apart. */
class StripLayoutProperties {

    private static final double CHAR = 6.5;
    private static final double LINE = 13;

    private static StripLayout layout(double width, double height, int cpus, int seconds) {
        return new StripLayout(width, height, CpuSet.range(0, cpus - 1).toArray(), seconds, 40, t -> t.length() * CHAR,
                LINE);
    }

    @Property(tries = 1000)
    void rowsAreReadableAndHoldEveryCpu(@ForAll @DoubleRange(min = 200, max = 2600) double width,
                                        @ForAll @DoubleRange(min = 40, max = 1400) double height,
                                        @ForAll @IntRange(min = 1, max = 8192) int cpus) {
        StripLayout l = layout(width, height, cpus, 300);
        CpuGroups g = l.groups();
        assertThat(g.count()).isGreaterThanOrEqualTo(1);
        assertThat((long) g.count() * g.size()).isGreaterThanOrEqualTo(cpus);
        assertThat(g.endRow(g.count() - 1)).isEqualTo(cpus);
        assertThat(l.rowHeight()).as("rows are at least MIN_ROW tall").isGreaterThanOrEqualTo(StripLayout.MIN_ROW);
        if (g.size() > 1) { // the finest grouping: half the group size would not fit
            assertThat(Math.ceil(cpus / (g.size() / 2.0)) * StripLayout.MIN_ROW).isGreaterThan(l.plotHeight());
        }
        assertThat(l.top() + l.plotHeight() + StripLayout.BOTTOM).isLessThanOrEqualTo(height + 1e-9);
    }

    @Property(tries = 1000)
    void rowLabelsNeverOverlapAndSitBesideTheirRows(@ForAll @DoubleRange(min = 200, max = 2600) double width,
                                                    @ForAll @DoubleRange(min = 40, max = 1400) double height,
                                                    @ForAll @IntRange(min = 1, max = 8192) int cpus) {
        StripLayout l = layout(width, height, cpus, 120);
        List<AxisLabels.Placed> labels = l.rowLabels();
        assertThat(labels).isNotEmpty();
        for (int i = 0; i < labels.size(); i++) {
            AxisLabels.Placed p = labels.get(i);
            assertThat(p.start()).isGreaterThanOrEqualTo(0);
            assertThat(p.end()).as("clear of the time axis").isLessThanOrEqualTo(l.top() + l.plotHeight()
                    + StripLayout.TIME_AXIS_GAP);
            assertThat(p.text().length() * CHAR + StripLayout.LABEL_PAD).as("fits the left margin")
                    .isLessThanOrEqualTo(l.left());
            int row = l.rowAt(p.center());
            assertThat(l.groups().label(row)).isEqualTo(p.text());
            if (i > 0) {
                assertThat(p.start()).isGreaterThan(labels.get(i - 1).end());
            }
        }
    }

    @Property(tries = 300)
    void aTallerStripNeverShowsFewerRows(@ForAll @DoubleRange(min = 40, max = 1400) double height,
                                         @ForAll @DoubleRange(min = 0, max = 600) double more,
                                         @ForAll @IntRange(min = 1, max = 8192) int cpus) {
        assertThat(layout(1000, height + more, cpus, 60).rows()).isGreaterThanOrEqualTo(layout(1000, height, cpus, 60).rows());
    }

    @Property(tries = 300)
    void everyCellMapsBackFromItsMiddle(@ForAll @DoubleRange(min = 300, max = 2000) double width,
                                        @ForAll @DoubleRange(min = 60, max = 900) double height,
                                        @ForAll @IntRange(min = 1, max = 600) int cpus,
                                        @ForAll @IntRange(min = 30, max = 300) int seconds) {
        StripLayout l = layout(width, height, cpus, seconds);
        for (int row = 0; row < l.rows(); row++) {
            assertThat(l.rowAt(l.rowCenter(row))).isEqualTo(row);
        }
        for (int col = 0; col < seconds; col++) {
            assertThat(l.columnAt(l.columnX(col + 0.5))).isEqualTo(col);
        }
        assertThat(l.rowAt(l.top() - 1)).isEqualTo(-1);
        assertThat(l.columnAt(l.left() - 1)).isEqualTo(-1);
        assertThat(l.columnAt(l.left() + l.plotWidth())).isEqualTo(-1);
    }

    @Test
    void sixteenCpusGetARowEachWhenThereIsRoomAndGroupsOfFourWhenNot() {
        StripLayout roomy = layout(1200, 16 * 15 + StripLayout.TOP + StripLayout.BOTTOM, 16, 60);
        assertThat(roomy.groups().size()).isEqualTo(1);
        assertThat(roomy.rowLabels()).hasSize(16); // 15 px rows: a label each
        StripLayout tight = layout(1200, 60 + StripLayout.TOP + StripLayout.BOTTOM, 16, 60);
        assertThat(tight.groups().size()).isEqualTo(4);
        assertThat(tight.rowLabels()).extracting(AxisLabels.Placed::text).startsWith("CPU 0-3");
    }
}
