package io.taskscope.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderStallsTest {

    @Test
    void aShortGapIsNoStallAndALongOneIsExplainedWithTheSchedulersCounts() {
        ReaderStalls stalls = new ReaderStalls();
        stalls.baseline();
        assertThat(stalls.seen(ReaderStalls.STALL_NANOS - 1, "poll", 1)).isNull();
        long spin = System.nanoTime();
        while (System.nanoTime() - spin < 30_000_000L) {
            Thread.onSpinWait(); // run a little, so the thread's on-CPU time moves
        }
        String told = stalls.seen(1_200_000_000L, "poll", 1_150_000_000L);
        assertThat(told).startsWith("the socket reader went 1200 ms without reading (longest part: poll, 1150 ms")
                .containsPattern("the thread ran \\d+ ms and waited \\d+ ms for a CPU");
        assertThat(stalls.stalls()).isEqualTo(1);
        assertThat(stalls.stalledNanos()).isEqualTo(1_200_000_000L);
    }
}
