package io.taskscope.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExitRecordTest {

    private static ExitRecord record(RecordKind kind, long taskId, Taskstats stats) {
        return new ExitRecord(kind, 3, 1_700_000_000_000_000_000L, 42, taskId, stats);
    }

    @Test
    void percentOfLifetimeIsDelayTotalOverElapsed() {
        Taskstats stats = Taskstats.builder().version(16)
                .set(TaskstatsField.AC_ETIME, 2_000_000) // 2 s in µs
                .delay(DelayClass.BLKIO, 10, 500_000_000, 90_000_000, 10_000_000) // 0.5 s waiting
                .build();
        ExitRecord r = record(RecordKind.PID, 10, stats);
        assertThat(r.percentOfLifetime(DelayClass.BLKIO)).isCloseTo(25.0, within(1e-9));
        assertThat(r.percentOfLifetime(DelayClass.CPU)).isZero();
        assertThat(r.delay(DelayClass.BLKIO).average()).isEqualTo(50_000_000.0);
        assertThat(r.delay(DelayClass.BLKIO).max()).isEqualTo(90_000_000);
    }

    @Test
    void percentOfLifetimeIsNanWithoutALifetime() {
        ExitRecord r = record(RecordKind.PID, 10, Taskstats.builder().version(16).build());
        assertThat(r.percentOfLifetime(DelayClass.CPU)).isNaN();
    }

    @Test
    void zeroTotalWithACountMeansTheTotalWrapped() {
        Taskstats stats = Taskstats.builder().version(16).delay(DelayClass.SWAPIN, 7, 0, 0, 0).build();
        assertThat(stats.delay(DelayClass.SWAPIN).overflowed()).isTrue();
        assertThat(stats.delay(DelayClass.CPU).overflowed()).isFalse();
    }

    @Test
    void tgidAggregateTakesItsIdsFromTheNest() {
        ExitRecord group = record(RecordKind.TGID, 2463, Taskstats.builder().version(16).build());
        assertThat(group.tgid()).isEqualTo(2463);
        assertThat(group.pid()).isEqualTo(2463); // the id to show: the nest's, for ac_pid is 0 in aggregates
        assertThat(group.get(TaskstatsField.AC_PID)).isZero(); // kept as the kernel sent it
        ExitRecord thread = record(RecordKind.PID, 2466,
                Taskstats.builder().version(16).set(TaskstatsField.AC_PID, 2466).set(TaskstatsField.AC_TGID, 2463).build());
        assertThat(thread.pid()).isEqualTo(2466);
        assertThat(thread.tgid()).isEqualTo(2463);
    }

    @Test
    void builderCutsValuesToTheFieldWidth() {
        Taskstats stats = Taskstats.builder().set(TaskstatsField.AC_FLAG, 0x1_30).set(TaskstatsField.AC_PID, -1)
                .comm("a-very-long-command-name-over-thirty-one-chars").build();
        assertThat(stats.get(TaskstatsField.AC_FLAG)).isEqualTo(0x30);
        assertThat(stats.get(TaskstatsField.AC_PID)).isEqualTo(0xFFFF_FFFFL);
        assertThat(stats.comm()).hasSize(31);
    }

    @Test
    void everyKernelNameMapsBack() {
        for (TaskstatsField f : TaskstatsField.values()) {
            assertThat(TaskstatsField.byKernelName(f.kernelName())).isSameAs(f);
        }
        assertThat(TaskstatsField.byKernelName("irq_delay_min")).isSameAs(TaskstatsField.IRQ_DELAY_MIN);
    }
}
