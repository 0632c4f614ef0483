package io.taskscope.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordBlockTest {

    private static ExitRecord sample(long pid) {
        Taskstats stats = Taskstats.builder().version(16).comm("cc1").set(TaskstatsField.AC_PID, pid)
                .set(TaskstatsField.AC_ETIME, 1234).delay(DelayClass.BLKIO, 3, 300, 200, 50).build();
        return new ExitRecord(RecordKind.PID, 5, 99, 7, pid, stats);
    }

    @Test
    void rowsRoundTripRecords() {
        RecordBlock block = new RecordBlock(1);
        for (int i = 0; i < 100; i++) { // grows past its first capacity
            block.add(sample(1000 + i));
        }
        assertThat(block.size()).isEqualTo(100);
        assertThat(block.record(42)).isEqualTo(sample(1042));
        assertThat(block.get(42, TaskstatsField.BLKIO_DELAY_MAX)).isEqualTo(200);
        assertThat(block.comm(42)).isEqualTo("cc1");
        assertThat(block.cpu(42)).isEqualTo(5);
    }

    @Test
    void clearedRowsComeBackEmpty() {
        RecordBlock block = new RecordBlock(4);
        block.add(sample(1));
        block.clear();
        int row = block.addRow(RecordKind.TGID, 2, 3, 4, 5);
        assertThat(block.get(row, TaskstatsField.AC_PID)).isZero();
        assertThat(block.comm(row)).isEmpty();
        assertThat(block.kind(row)).isEqualTo(RecordKind.TGID);
        assertThat(block.isPid(row)).isFalse();
    }

    @Test
    void copiesRowsBetweenBlocks() {
        RecordBlock a = new RecordBlock(2);
        a.add(sample(7));
        RecordBlock b = new RecordBlock(2);
        b.add(a, 0);
        assertThat(b.record(0)).isEqualTo(a.record(0));
    }
}
