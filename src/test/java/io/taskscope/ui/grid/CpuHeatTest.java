package io.taskscope.ui.grid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuHeatTest {

    private static final double FRAME = 0.05;
    private static final long FRAME_NANOS = 50_000_000L;

    /** Feeds {@code frames} frames in which each CPU gains {@code perFrame[cpu]} exits; returns the time reached. */
    private static long run(CpuHeat heat, long[] total, long[] perFrame, int frames, long nanos) {
        for (int f = 0; f < frames; f++) {
            for (int cpu = 0; cpu < total.length; cpu++) {
                total[cpu] += perFrame[cpu];
            }
            nanos += FRAME_NANOS;
            heat.update(total.clone(), new long[total.length], FRAME, nanos);
        }
        return nanos;
    }

    @Test
    void aSteadyRateIsShownAsThatRate() {
        CpuHeat heat = new CpuHeat(2);
        run(heat, new long[2], new long[]{100, 0}, 200, 0); // 2,000 exits/s for 10 s
        assertThat(heat.rate(0)).isCloseTo(2000, within(1.0));
        assertThat(heat.rate(1)).isZero();
    }

    @Test
    void heatDecaysWithAOneSecondTimeConstantOnceExitsStop() {
        CpuHeat heat = new CpuHeat(1);
        long[] total = new long[1];
        long now = run(heat, total, new long[]{100}, 200, 0);
        double busy = heat.rate(0);
        run(heat, total, new long[]{0}, 20, now); // one quiet second
        assertThat(heat.rate(0)).isCloseTo(busy / Math.E, within(busy * 1e-9));
    }

    @Test
    void levelsFollowTheSquareRootOfTheShareOfTheBusiestCpu() {
        CpuHeat heat = new CpuHeat(3);
        run(heat, new long[3], new long[]{400, 100, 0}, 400, 0);
        assertThat(heat.level(0)).isEqualTo(CpuHeat.LEVELS - 1);
        assertThat(heat.level(1)).isEqualTo(Math.round(0.5f * (CpuHeat.LEVELS - 1))); // a quarter of the rate
        assertThat(heat.level(2)).isZero();
    }

    @Test
    void theScaleFollowsTheBusiestCpuDownSlowly() {
        CpuHeat heat = new CpuHeat(2);
        long[] total = new long[2];
        long now = run(heat, total, new long[]{400, 100}, 400, 0);
        // the busy CPU stops: for a while the other is still shown against the old peak
        now = run(heat, total, new long[]{0, 100}, 20, now);
        assertThat(heat.level(1)).isLessThan(CpuHeat.LEVELS - 1);
        run(heat, total, new long[]{0, 100}, 400, now);
        assertThat(heat.level(1)).isEqualTo(CpuHeat.LEVELS - 1);
    }

    @Test
    void aCpuThatLosesRecordsIsMarkedForTwoSeconds() {
        CpuHeat heat = new CpuHeat(2);
        heat.update(new long[2], new long[]{0, 0}, FRAME, 1_000);
        heat.update(new long[2], new long[]{0, 7}, FRAME, 2_000);
        assertThat(heat.isLosing(1)).isTrue();
        assertThat(heat.isLosing(0)).isFalse();
        assertThat(heat.lost(1)).isEqualTo(7);
        heat.update(new long[2], new long[]{0, 7}, FRAME, 2_000 + CpuHeat.LOSS_MARK_NANOS - 1);
        assertThat(heat.isLosing(1)).isTrue();
        heat.update(new long[2], new long[]{0, 7}, FRAME, 2_000 + CpuHeat.LOSS_MARK_NANOS);
        assertThat(heat.isLosing(1)).isFalse();
    }

    @Test
    void countsThatGoBackwardsAddNoHeat() {
        CpuHeat heat = new CpuHeat(1);
        heat.update(new long[]{1000}, new long[1], FRAME, 1);
        double after = heat.rate(0);
        heat.update(new long[]{10}, new long[1], FRAME, 2); // a new source counts from zero
        assertThat(heat.rate(0)).isLessThan(after);
    }

    @Test
    void countsOfAnotherMachineAreIgnored() {
        CpuHeat heat = new CpuHeat(4);
        assertThat(heat.update(new long[]{5, 5}, new long[2], FRAME, 1)).isFalse();
        assertThat(heat.rate(0)).isZero();
        assertThat(heat.rate(-1)).isZero();
        assertThat(heat.rate(4)).isZero();
        assertThat(heat.lost(4)).isZero();
    }
}
