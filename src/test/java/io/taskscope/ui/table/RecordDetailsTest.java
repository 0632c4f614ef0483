package io.taskscope.ui.table;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the record details dialog lists (the lines only: no window). */
class RecordDetailsTest {

    private static RecordDetails.Line line(List<RecordDetails.Line> lines, String field) {
        return lines.stream().filter(l -> l.field().equals(field)).findFirst().orElse(null);
    }

    @Test
    void aV17RecordShowsItsTimestampsAsLocalTimesAndAV16OneLeavesThemOut() {
        long at = 1_790_000_000_123_456_789L;
        ExitRecord v17 = new ExitRecord(RecordKind.PID, 1, at + 5, 3, 42, Taskstats.builder().version(17).comm("x")
                .set(TaskstatsField.AC_ETIME, 10_000_000).delay(DelayClass.BLKIO, 2, 3_000_000, 2_000_000, 1_000_000)
                .set(TaskstatsField.BLKIO_DELAY_MAX_TS, at).build());
        List<RecordDetails.Line> lines = RecordDetails.lines(v17);
        assertThat(line(lines, "blkio_delay_max_ts").raw()).isEqualTo(Long.toString(at));
        assertThat(line(lines, "blkio_delay_max_ts").meaning()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\(local\\)");
        assertThat(line(lines, "cpu_delay_max_ts").meaning()).isEqualTo("never");
        assertThat(line(lines, "(id)").raw()).isEqualTo("42");
        ExitRecord v16 = new ExitRecord(RecordKind.PID, 1, at, 3, 42, Taskstats.builder().version(16).build());
        assertThat(line(RecordDetails.lines(v16), "blkio_delay_max_ts")).isNull();
    }

    @Test
    void aProcessTotalNamesItsCommandAndAnImpossibleDelayIsMarked() {
        ExitRecord thread = new ExitRecord(RecordKind.PID, 0, 1, 9, 77, Taskstats.builder().version(16).comm("worker")
                .set(TaskstatsField.AC_TGETIME, 5_000).build());
        ExitRecord total = new ExitRecord(RecordKind.TGID, 0, 1, 9, 70, Taskstats.builder().version(16)
                .set(TaskstatsField.AC_ETIME, 5_000).delay(DelayClass.BLKIO, 1, 1_844_000_000_000L, 0, 0).build())
                .joinedTo(thread);
        List<RecordDetails.Line> lines = RecordDetails.lines(total);
        assertThat(line(lines, "(command)").raw()).isEqualTo("worker");
        assertThat(line(lines, "blkio_delay_total").meaning()).contains("implausible");
        assertThat(line(lines, "cpu_delay_total").meaning()).doesNotContain("implausible");
    }
}
