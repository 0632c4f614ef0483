package io.taskscope.session.views;

import io.taskscope.core.DelayClass;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuTimelineTest {

    private static final long S = 1_000_000_000L;
    private final long[] none = new long[DelayClass.values().length];

    private static long[] delay(DelayClass c, long value) {
        long[] a = new long[DelayClass.values().length];
        a[c.ordinal()] = value;
        return a;
    }

    @Test
    void secondsAreBucketsOfRecordTime() {
        CpuTimeline t = new CpuTimeline(4);
        t.add(1, 100 * S + 999_999_999L, none, none);
        t.add(1, 101 * S, none, none);
        t.add(1, 101 * S + 5, none, none);
        assertThat(t.value(Metric.EXITS, 1, 100)).isEqualTo(1);
        assertThat(t.value(Metric.EXITS, 1, 101)).isEqualTo(2);
        assertThat(t.value(Metric.EXITS, 0, 101)).isZero();
        assertThat(t.latestSecond()).isEqualTo(101);
    }

    @Test
    void meanIsTotalOverEventsAndNanWithoutEvents() {
        CpuTimeline t = new CpuTimeline(2);
        t.add(0, 5 * S, delay(DelayClass.BLKIO, 3_000), delay(DelayClass.BLKIO, 3));
        t.add(0, 5 * S, delay(DelayClass.BLKIO, 1_000), delay(DelayClass.BLKIO, 1));
        assertThat(t.value(Metric.mean(DelayClass.BLKIO), 0, 5)).isEqualTo(1_000);
        assertThat(t.value(Metric.total(DelayClass.BLKIO), 0, 5)).isEqualTo(4_000);
        assertThat(t.value(Metric.mean(DelayClass.SWAPIN), 0, 5)).isNaN();
        // a mean's weight, so the heatmap can combine CPUs into an event-weighted mean
        assertThat(t.events(DelayClass.BLKIO, 0, 5)).isEqualTo(4);
        assertThat(t.events(DelayClass.BLKIO, 1, 5)).isZero();
        assertThat(t.events(DelayClass.BLKIO, 0, 4)).isZero(); // a second never seen
    }

    @Test
    void theRingForgetsWhatFallsOutOfTheWindow() {
        CpuTimeline t = new CpuTimeline(2);
        int w = t.seconds();
        t.add(0, 10 * S, none, none);
        t.add(0, (10 + w) * S, none, none); // same column, a window later: cleared first
        assertThat(t.value(Metric.EXITS, 0, 10 + w)).isEqualTo(1);
        assertThat(t.value(Metric.EXITS, 0, 10)).isZero(); // outside the window now
        t.add(0, 10 * S, none, none); // too old: ignored
        assertThat(t.value(Metric.EXITS, 0, 10 + w)).isEqualTo(1);
    }

    @Test
    void windowTotalsFollowTheColumnsInTheWindow() {
        CpuTimeline t = new CpuTimeline(2);
        int w = t.seconds();
        t.add(1, 10 * S, delay(DelayClass.SWAPIN, 500), delay(DelayClass.SWAPIN, 1));
        t.add(1, 11 * S, delay(DelayClass.SWAPIN, 300), delay(DelayClass.SWAPIN, 1));
        assertThat(t.windowTotal(DelayClass.SWAPIN, 1)).isEqualTo(800);
        t.add(1, (10 + w) * S, none, none); // second 10 leaves the window
        assertThat(t.windowTotal(DelayClass.SWAPIN, 1)).isEqualTo(300);
        assertThat(t.windowTotal(DelayClass.SWAPIN, 0)).isZero();
    }

    @Test
    void memoryStaysBoundedOnBigMachines() {
        assertThat(new CpuTimeline(64).seconds()).isEqualTo(CpuTimeline.MAX_SECONDS);
        CpuTimeline big = new CpuTimeline(8192);
        assertThat((long) big.seconds() * 8192 * (4 + 8 * 8)).isLessThanOrEqualTo(CpuTimeline.BUDGET_BYTES);
        assertThat(big.seconds()).isGreaterThanOrEqualTo(CpuTimeline.MIN_SECONDS);
    }
}
