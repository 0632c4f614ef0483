package io.taskscope.ui.dashboard;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the records/s sparkline draws: real samples only, over the last minute, on a round axis. */
class SparklineDataTest {

    private static final long S = 1_000_000_000L;

    @Test
    void noRateBeforeTwoSamplesOfTheSameSource() {
        RecordRate rate = new RecordRate();
        assertThat(rate.next(1, 1_000, 10 * S)).isNaN(); // nothing to compare with: no made-up 0
        assertThat(rate.next(1, 3_000, 11 * S)).isCloseTo(2_000, within(1e-9));
        assertThat(rate.next(1, 3_500, 11 * S + S / 2)).isCloseTo(1_000, within(1e-9));
        assertThat(rate.next(2, 10, 12 * S)).isNaN(); // a new source: its counts start again
        assertThat(rate.next(2, 510, 13 * S)).isCloseTo(500, within(1e-9));
        rate.reset(); // a new focus: another listener's counts
        assertThat(rate.next(2, 99_999, 14 * S)).isNaN();
        assertThat(rate.next(2, 99_999, 14 * S)).as("no time passed").isNaN();
    }

    @Test
    void theHistoryHoldsOnlyRealSamplesOverTheLastMinute() {
        RateHistory h = new RateHistory();
        assertThat(h.size()).isZero();
        h.add(100 * S, 700);
        h.add(100 * S + S / 2, 900);
        assertThat(h.size()).isEqualTo(2); // not a window's worth of zeros and then the samples
        assertThat(h.value(0)).isEqualTo(700);
        assertThat(h.max()).isEqualTo(900);
        for (int i = 1; i <= 200; i++) {
            h.add(100 * S + i * S / 2, i);
        }
        assertThat(h.at(0)).isGreaterThanOrEqualTo(h.at(h.size() - 1) - RateHistory.WINDOW_NANOS);
        assertThat(h.at(h.size() - 1)).isEqualTo(200 * S);
        h.clear();
        assertThat(h.size()).isZero();
    }

    @Test
    void theRingIsBoundedHoweverFastSamplesCome() {
        RateHistory h = new RateHistory();
        for (int i = 0; i < 3 * RateHistory.CAPACITY; i++) {
            h.add(i, i);
        }
        assertThat(h.size()).isEqualTo(RateHistory.CAPACITY);
        assertThat(h.value(h.size() - 1)).isEqualTo(3 * RateHistory.CAPACITY - 1);
    }

    @Property(tries = 1000)
    void theAxisIsRoundCoversTheHighestSampleAndHasRoom(@ForAll @DoubleRange(min = 0, max = 1e7) double max,
                                                         @ForAll @IntRange(min = 0, max = 20) int maxTicks) {
        SparkScale s = SparkScale.of(max, maxTicks);
        assertThat(s.top()).isGreaterThanOrEqualTo(max);
        assertThat(s.ticks().length - 1).isBetween(1, Math.max(1, maxTicks));
        double magnitude = Math.pow(10, Math.floor(Math.log10(s.step())));
        double mantissa = s.step() / magnitude;
        assertThat(java.util.stream.DoubleStream.of(1, 2, 2.5, 5, 10).anyMatch(n -> Math.abs(mantissa - n) < 1e-9))
                .as("a round step, not %s", s.step()).isTrue();
        assertThat(s.ticks()[0]).isZero();
    }
}
