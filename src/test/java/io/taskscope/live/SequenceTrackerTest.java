package io.taskscope.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    @Test
    void consecutiveNumbersLoseNothing() {
        SequenceTracker t = new SequenceTracker(2);
        assertThat(t.observe(0, 3)).isZero(); // the first one seen sets the expectation
        assertThat(t.observe(0, 4)).isZero();
        assertThat(t.observe(0, 5)).isZero();
    }

    @Test
    void aGapIsExactlyTheMissingCount() {
        SequenceTracker t = new SequenceTracker(2);
        t.observe(1, 100);
        assertThat(t.observe(1, 105)).isEqualTo(4);
        assertThat(t.observe(1, 106)).isZero();
    }

    @Test
    void cpusAreCountedApart() {
        SequenceTracker t = new SequenceTracker(2);
        t.observe(0, 5);
        t.observe(1, 9); // the measured per-CPU counters: A saw 3..7 while B saw 5..9
        assertThat(t.observe(0, 6)).isZero();
        assertThat(t.observe(1, 10)).isZero();
    }

    @Test
    void theU32CounterWraps() {
        SequenceTracker t = new SequenceTracker(1);
        t.observe(0, 0xFFFF_FFFEL);
        assertThat(t.observe(0, 0xFFFF_FFFFL)).isZero();
        assertThat(t.observe(0, 0)).isZero();
        assertThat(t.observe(0, 3)).isEqualTo(2);
    }

    @Test
    void aNumberFromThePastIsNotALoss() {
        SequenceTracker t = new SequenceTracker(1);
        t.observe(0, 50);
        assertThat(t.observe(0, 40)).isZero();
        assertThat(t.observe(0, 41)).isZero(); // it follows the new position
    }

    @Test
    void resetStartsAfresh() {
        SequenceTracker t = new SequenceTracker(1);
        t.observe(0, 50);
        t.reset(0);
        assertThat(t.observe(0, 90)).isZero();
    }
}
