package io.taskscope.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    private record Lost(int cpu, long records) {
    }

    private final List<Lost> lost = new ArrayList<>();
    private final SequenceTracker t = new SequenceTracker(2, (cpu, records, nanos) -> lost.add(new Lost(cpu, records)));

    private long lostOn(int cpu) {
        return lost.stream().filter(l -> l.cpu() == cpu).mapToLong(Lost::records).sum();
    }

    /** Feeds numbers as read after an overflow (so steps may be losses), at 1 µs apart. */
    private void afterOverflow(int cpu, long... seqs) {
        for (long s : seqs) {
            t.observe(cpu, s, true, true, 0);
        }
    }

    @Test
    void consecutiveNumbersLoseNothing() {
        afterOverflow(0, 3, 4, 5);
        t.expire(0, true);
        assertThat(lost).isEmpty();
    }

    @Test
    void aLargeStepIsExactlyTheMissingCountAtOnce() {
        afterOverflow(1, 100, 300, 301);
        assertThat(lostOn(1)).isEqualTo(199);
    }

    @Test
    void aSmallStepIsConfirmedOnceItsWindowHasPassed() {
        afterOverflow(1, 100, 105, 106);
        assertThat(lost).as("4 numbers skipped: they may still come").isEmpty();
        t.expire(SequenceTracker.WINDOW_NANOS - 1, false);
        assertThat(lost).isEmpty();
        t.expire(SequenceTracker.WINDOW_NANOS, false);
        assertThat(lostOn(1)).isEqualTo(4);
    }

    /** As Linux 7.2 delivered two children exiting together on CPU 1: every record came, none was lost. */
    @Test
    void messagesSentOutOfTurnAreNotLosses() {
        afterOverflow(1, 35, 36, 38, 37, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 49, 51);
        t.expire(Long.MAX_VALUE, true);
        assertThat(lost).isEmpty();
    }

    @Test
    void withoutAnOverflowAStepIsOutOfTurnNotALoss() {
        t.observe(0, 10, false, true, 0);
        t.observe(0, 12, false, true, 0);
        assertThat(t.lastStep()).isEqualTo(1);
        t.observe(0, 11, false, true, 0);
        t.observe(0, 13, false, true, 0);
        t.expire(Long.MAX_VALUE, true);
        assertThat(lost).isEmpty();
    }

    /** A number far ahead with no overflow is another CPU's (the task migrated before taking it): ignored. */
    @Test
    void anotherCpusNumberDoesNotMoveTheCount() {
        t.observe(0, 1000, false, true, 0);
        t.observe(0, 5_000_000, false, true, 0);
        t.observe(0, 1001, false, true, 0);
        assertThat(t.lastStep()).as("1001 follows 1000: the stray number was not taken as the highest").isZero();
        afterOverflow(0, 1005); // a real loss later is still counted from the right place
        t.expire(Long.MAX_VALUE, true);
        assertThat(lostOn(0)).isEqualTo(3);
    }

    @Test
    void cpusAreCountedApart() {
        afterOverflow(0, 5);
        afterOverflow(1, 9); // the measured per-CPU counters: A saw 3..7 while B saw 5..9
        afterOverflow(0, 6);
        afterOverflow(1, 10);
        t.expire(Long.MAX_VALUE, true);
        assertThat(lost).isEmpty();
    }

    @Test
    void theU32CounterWraps() {
        afterOverflow(0, 0xFFFF_FFFEL, 0xFFFF_FFFFL, 0, 3);
        t.expire(Long.MAX_VALUE, true);
        assertThat(lostOn(0)).isEqualTo(2);
    }

    @Test
    void aResetConfirmsWhatWasHeldAndStartsAfresh() {
        afterOverflow(0, 50, 53);
        t.reset(0);
        assertThat(lostOn(0)).isEqualTo(2);
        afterOverflow(0, 90);
        t.expire(Long.MAX_VALUE, true);
        assertThat(lostOn(0)).isEqualTo(2);
    }

    @Test
    void withoutHoldingOnlyTheStepIsTold() {
        t.observe(0, 1, true, false, 0);
        t.observe(0, 4, true, false, 0);
        assertThat(t.lastStep()).isEqualTo(2);
        t.expire(Long.MAX_VALUE, true);
        assertThat(lost).isEmpty(); // the caller counts by the socket's drop counter instead
    }
}
