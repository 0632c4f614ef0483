package io.taskscope.taskstats;

import io.taskscope.core.TaskstatsField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskstatsLayoutTest {

    /** offsetof() of every field in the v16 struct, measured with gcc on x86_64 (the reference table). */
    private static final Map<String, Integer> V16 = new LinkedHashMap<>();

    static {
        String table = "version 0, ac_exitcode 4, ac_flag 8, ac_nice 9, cpu_count 16, cpu_delay_total 24, blkio_count 32,"
                + " blkio_delay_total 40, swapin_count 48, swapin_delay_total 56, cpu_run_real_total 64,"
                + " cpu_run_virtual_total 72, ac_comm 80, ac_sched 112, ac_uid 120, ac_gid 124, ac_pid 128, ac_ppid 132,"
                + " ac_btime 136, ac_etime 144, ac_utime 152, ac_stime 160, ac_minflt 168, ac_majflt 176, coremem 184,"
                + " virtmem 192, hiwater_rss 200, hiwater_vm 208, read_char 216, write_char 224, read_syscalls 232,"
                + " write_syscalls 240, read_bytes 248, write_bytes 256, cancelled_write_bytes 264, nvcsw 272,"
                + " nivcsw 280, ac_utimescaled 288, ac_stimescaled 296, cpu_scaled_run_real_total 304,"
                + " freepages_count 312, freepages_delay_total 320, thrashing_count 328, thrashing_delay_total 336,"
                + " ac_btime64 344, compact_count 352, compact_delay_total 360, ac_tgid 368, ac_tgetime 376,"
                + " ac_exe_dev 384, ac_exe_inode 392, wpcopy_count 400, wpcopy_delay_total 408, irq_count 416,"
                + " irq_delay_total 424, cpu_delay_max 432, cpu_delay_min 440, blkio_delay_max 448,"
                + " blkio_delay_min 456, swapin_delay_max 464, swapin_delay_min 472, freepages_delay_max 480,"
                + " freepages_delay_min 488, thrashing_delay_max 496, thrashing_delay_min 504, compact_delay_max 512,"
                + " compact_delay_min 520, wpcopy_delay_max 528, wpcopy_delay_min 536, irq_delay_max 544,"
                + " irq_delay_min 552";
        for (String pair : table.split(",")) {
            String[] p = pair.trim().split(" ");
            V16.put(p[0], Integer.parseInt(p[1]));
        }
    }

    @Test
    void v16MatchesTheMeasuredOffsets() {
        TaskstatsLayout v16 = TaskstatsLayout.forVersion(16);
        assertThat(V16).hasSize((int) java.util.Arrays.stream(TaskstatsField.values())
                .filter(f -> f.sinceVersion() <= 16).count());
        V16.forEach((name, offset) ->
                assertThat(v16.offsetOf(TaskstatsField.byKernelName(name))).as(name).isEqualTo(offset));
        assertThat(v16.size()).isEqualTo(560);
        assertThat(v16.offsetOf(TaskstatsField.CPU_DELAY_MAX_TS)).isEqualTo(-1);
    }

    /**
     * v17 from the uapi header after 90079798f1d7: eight struct __kernel_timespec (s64 tv_sec, long long tv_nsec)
     * after irq_delay_min, offsets measured with gcc offsetof() on x86_64 (and the same with -m32).
     */
    @Test
    void v17AppendsEightTimespecs() {
        TaskstatsLayout v17 = TaskstatsLayout.forVersion(17);
        V16.forEach((name, offset) ->
                assertThat(v17.offsetOf(TaskstatsField.byKernelName(name))).as(name).isEqualTo(offset));
        String[] order = {"cpu_delay_max_ts 560", "blkio_delay_max_ts 576", "swapin_delay_max_ts 592",
                "freepages_delay_max_ts 608", "thrashing_delay_max_ts 624", "compact_delay_max_ts 640",
                "wpcopy_delay_max_ts 656", "irq_delay_max_ts 672"};
        for (String pair : order) {
            String[] p = pair.split(" ");
            assertThat(v17.offsetOf(TaskstatsField.byKernelName(p[0]))).as(p[0]).isEqualTo(Integer.parseInt(p[1]));
        }
        assertThat(v17.size()).isEqualTo(688);
    }

    @Test
    void aV17TimespecIsReadAsEpochNanosAndWrittenBack() {
        TaskstatsLayout v17 = TaskstatsLayout.forVersion(17);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(v17.size()).order(java.nio.ByteOrder.nativeOrder());
        buf.putShort(0, (short) 17);
        buf.putLong(576, 1_780_000_000L); // blkio_delay_max_ts.tv_sec
        buf.putLong(584, 123_456_789L);   // .tv_nsec
        io.taskscope.core.Taskstats t = v17.decode(buf, 0);
        assertThat(t.get(TaskstatsField.BLKIO_DELAY_MAX_TS)).isEqualTo(1_780_000_000_123_456_789L);
        assertThat(t.get(TaskstatsField.CPU_DELAY_MAX_TS)).isZero();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(v17.size()).order(java.nio.ByteOrder.nativeOrder());
        v17.encode(t, out, 0);
        assertThat(out.getLong(576)).isEqualTo(1_780_000_000L);
        assertThat(out.getLong(584)).isEqualTo(123_456_789L);
        assertThat(out.getLong(560)).isZero();
    }

    @Test
    void aNewerVersionIsReadAsTheNewestKnownAndSaysSo() {
        assertThat(TaskstatsLayout.forVersion(18).version()).isEqualTo(17);
        assertThat(TaskstatsLayout.isNewerThanKnown(18)).isTrue();
        assertThat(TaskstatsLayout.isNewerThanKnown(17)).isFalse();
    }

    @ParameterizedTest(name = "v{0} is {1} bytes")
    @CsvSource({"1,72", "2,184", "3,248", "4,272", "5,288", "6,312", "7,328", "8,328", "9,344", "10,352", "11,368",
            "12,400", "13,416", "14,432", "15,560", "16,560", "17,688", "18,688", "99,688"})
    void sizeOfEachVersion(int version, int size) {
        assertThat(TaskstatsLayout.forVersion(version).size()).isEqualTo(size);
    }

    @Test
    void olderVersionsKeepTheV16OffsetsOfTheFieldsTheyHave() {
        for (int v = 2; v <= 14; v++) {
            TaskstatsLayout layout = TaskstatsLayout.forVersion(v);
            for (TaskstatsField f : TaskstatsField.values()) {
                int expected = f.sinceVersion() <= v ? V16.get(f.kernelName()) : -1;
                assertThat(layout.offsetOf(f)).as("v%d %s", v, f.kernelName()).isEqualTo(expected);
            }
        }
    }

    @Test
    void v1HadPaddingInsteadOfExitFields() {
        TaskstatsLayout v1 = TaskstatsLayout.forVersion(1);
        assertThat(v1.offsetOf(TaskstatsField.CPU_COUNT)).isEqualTo(8);
        assertThat(v1.offsetOf(TaskstatsField.CPU_RUN_VIRTUAL_TOTAL)).isEqualTo(64);
        assertThat(v1.offsetOf(TaskstatsField.AC_EXITCODE)).isEqualTo(-1);
        assertThat(v1.offsetOf(TaskstatsField.AC_COMM)).isEqualTo(-1);
    }

    /** v15 as the v16 fix patch (0bf2d838de1f) shows it: max/min interleaved after each *_delay_total. */
    @Test
    void v15InterleavesMaxAndMin() {
        TaskstatsLayout v15 = TaskstatsLayout.forVersion(15);
        String[] order = {"cpu_count 16", "cpu_delay_total 24", "cpu_delay_max 32", "cpu_delay_min 40",
                "blkio_count 48", "blkio_delay_total 56", "blkio_delay_max 64", "blkio_delay_min 72",
                "swapin_count 80", "swapin_delay_total 88", "swapin_delay_max 96", "swapin_delay_min 104",
                "cpu_run_real_total 112", "cpu_run_virtual_total 120", "ac_comm 128", "ac_sched 160", "ac_uid 168",
                "ac_etime 192", "cpu_scaled_run_real_total 352", "freepages_count 360", "freepages_delay_total 368",
                "freepages_delay_max 376", "freepages_delay_min 384", "thrashing_count 392",
                "thrashing_delay_total 400", "thrashing_delay_max 408", "thrashing_delay_min 416", "ac_btime64 424",
                "compact_count 432", "compact_delay_total 440", "compact_delay_max 448", "compact_delay_min 456",
                "ac_tgid 464", "ac_tgetime 472", "ac_exe_dev 480", "ac_exe_inode 488", "wpcopy_count 496",
                "wpcopy_delay_total 504", "wpcopy_delay_max 512", "wpcopy_delay_min 520", "irq_count 528",
                "irq_delay_total 536", "irq_delay_max 544", "irq_delay_min 552"};
        for (String pair : order) {
            String[] p = pair.split(" ");
            assertThat(v15.offsetOf(TaskstatsField.byKernelName(p[0]))).as(p[0]).isEqualTo(Integer.parseInt(p[1]));
        }
        assertThat(v15.offsetOf(TaskstatsField.AC_EXITCODE)).isEqualTo(4);
    }

    @Test
    void guessesNeverPickV15() {
        assertThat(TaskstatsLayout.guessFromLength(560).version()).isEqualTo(16);
        assertThat(TaskstatsLayout.guessFromLength(432).version()).isEqualTo(14);
        assertThat(TaskstatsLayout.guessFromLength(330).version()).isEqualTo(8);
        assertThat(TaskstatsLayout.guessFromLength(71)).isNull();
    }
}
