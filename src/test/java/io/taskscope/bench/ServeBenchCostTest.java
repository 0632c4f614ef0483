package io.taskscope.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServeBenchCostTest {

    private static ServeBench.Cost cost(double[] off, double[] on) {
        return new ServeBench.Cost(off, on, new long[off.length], new long[on.length], new long[on.length], List.of(),
                List.of());
    }

    @Test
    void eachRoundIsComparedWithItsOwnPartnerNotWithTheOtherSidesMedian() {
        // rounds in a fast, a slow and a middling minute, adding 5, 10 and 15 %
        ServeBench.Cost c = cost(new double[] {700, 1000, 900}, new double[] {735, 1100, 1035});
        assertThat(c.pairedIncrease()).containsExactly(new double[] {0.05, 0.10, 0.15}, within(1e-9));
        assertThat(c.pairedIncreaseMedian()).isCloseTo(0.10, within(1e-9));
        // the sides' medians taken apart come from different minutes: 1035 / 900 - 1 = 15 %
        assertThat(c.onMedian() / c.offMedian() - 1).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void theMedianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        ServeBench.Cost c = cost(new double[] {100, 100, 100, 100}, new double[] {104, 101, 120, 106});
        assertThat(c.pairedIncreaseMedian()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void threadGroupsMissingFromARunCountAsZeroInTheirMedian() {
        Map<String, Double> byThread = ServeBench.Cost.medianByThread(List.of(Map.of("sim", 700.0, "http", 20.0),
                Map.of("sim", 710.0), Map.of("sim", 690.0, "http", 30.0)));
        assertThat(byThread).containsEntry("sim", 700.0).containsEntry("http", 20.0);
    }
}
