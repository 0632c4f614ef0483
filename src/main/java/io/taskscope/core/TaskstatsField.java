package io.taskscope.core;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every field of Linux {@code struct taskstats} (include/uapi/linux/taskstats.h) up to version 17, in v17 order,
 * under the kernel's own names. Byte offsets are not here: they depend on the version and belong to the codec
 * (v1, v15 and v16 lay the same fields out differently). Padding ({@code ac_pad}) is not a field.
 * <p>
 * v17's {@code struct __kernel_timespec X_delay_max_ts} (16 bytes: tv_sec, tv_nsec) is one field here, held as
 * nanoseconds since the epoch (0: never set), which is what exports print.
 */
public enum TaskstatsField {
    VERSION("version", 2, 1, FieldUnit.NUMBER),
    AC_EXITCODE("ac_exitcode", 4, 2, FieldUnit.NUMBER),
    AC_FLAG("ac_flag", 1, 2, FieldUnit.FLAGS),
    AC_NICE("ac_nice", 1, 2, FieldUnit.NUMBER),
    CPU_COUNT("cpu_count", 8, 1, FieldUnit.NUMBER),
    CPU_DELAY_TOTAL("cpu_delay_total", 8, 1, FieldUnit.NANOSECONDS),
    BLKIO_COUNT("blkio_count", 8, 1, FieldUnit.NUMBER),
    BLKIO_DELAY_TOTAL("blkio_delay_total", 8, 1, FieldUnit.NANOSECONDS),
    SWAPIN_COUNT("swapin_count", 8, 1, FieldUnit.NUMBER),
    SWAPIN_DELAY_TOTAL("swapin_delay_total", 8, 1, FieldUnit.NANOSECONDS),
    CPU_RUN_REAL_TOTAL("cpu_run_real_total", 8, 1, FieldUnit.NANOSECONDS),
    CPU_RUN_VIRTUAL_TOTAL("cpu_run_virtual_total", 8, 1, FieldUnit.NANOSECONDS),
    AC_COMM("ac_comm", 32, 2, FieldUnit.TEXT),
    AC_SCHED("ac_sched", 1, 2, FieldUnit.NUMBER),
    AC_UID("ac_uid", 4, 2, FieldUnit.ID),
    AC_GID("ac_gid", 4, 2, FieldUnit.ID),
    AC_PID("ac_pid", 4, 2, FieldUnit.ID),
    AC_PPID("ac_ppid", 4, 2, FieldUnit.ID),
    AC_BTIME("ac_btime", 4, 2, FieldUnit.EPOCH_SECONDS),
    AC_ETIME("ac_etime", 8, 2, FieldUnit.MICROSECONDS),
    AC_UTIME("ac_utime", 8, 2, FieldUnit.MICROSECONDS),
    AC_STIME("ac_stime", 8, 2, FieldUnit.MICROSECONDS),
    AC_MINFLT("ac_minflt", 8, 2, FieldUnit.NUMBER),
    AC_MAJFLT("ac_majflt", 8, 2, FieldUnit.NUMBER),
    COREMEM("coremem", 8, 3, FieldUnit.MEGABYTE_MICROSECONDS),
    VIRTMEM("virtmem", 8, 3, FieldUnit.MEGABYTE_MICROSECONDS),
    HIWATER_RSS("hiwater_rss", 8, 3, FieldUnit.KILOBYTES),
    HIWATER_VM("hiwater_vm", 8, 3, FieldUnit.KILOBYTES),
    READ_CHAR("read_char", 8, 3, FieldUnit.BYTES),
    WRITE_CHAR("write_char", 8, 3, FieldUnit.BYTES),
    READ_SYSCALLS("read_syscalls", 8, 3, FieldUnit.NUMBER),
    WRITE_SYSCALLS("write_syscalls", 8, 3, FieldUnit.NUMBER),
    READ_BYTES("read_bytes", 8, 4, FieldUnit.BYTES),
    WRITE_BYTES("write_bytes", 8, 4, FieldUnit.BYTES),
    CANCELLED_WRITE_BYTES("cancelled_write_bytes", 8, 4, FieldUnit.BYTES),
    NVCSW("nvcsw", 8, 5, FieldUnit.NUMBER),
    NIVCSW("nivcsw", 8, 5, FieldUnit.NUMBER),
    AC_UTIMESCALED("ac_utimescaled", 8, 6, FieldUnit.MICROSECONDS),
    AC_STIMESCALED("ac_stimescaled", 8, 6, FieldUnit.MICROSECONDS),
    CPU_SCALED_RUN_REAL_TOTAL("cpu_scaled_run_real_total", 8, 6, FieldUnit.NANOSECONDS),
    FREEPAGES_COUNT("freepages_count", 8, 7, FieldUnit.NUMBER),
    FREEPAGES_DELAY_TOTAL("freepages_delay_total", 8, 7, FieldUnit.NANOSECONDS),
    THRASHING_COUNT("thrashing_count", 8, 9, FieldUnit.NUMBER),
    THRASHING_DELAY_TOTAL("thrashing_delay_total", 8, 9, FieldUnit.NANOSECONDS),
    AC_BTIME64("ac_btime64", 8, 10, FieldUnit.EPOCH_SECONDS),
    COMPACT_COUNT("compact_count", 8, 11, FieldUnit.NUMBER),
    COMPACT_DELAY_TOTAL("compact_delay_total", 8, 11, FieldUnit.NANOSECONDS),
    AC_TGID("ac_tgid", 4, 12, FieldUnit.ID),
    AC_TGETIME("ac_tgetime", 8, 12, FieldUnit.MICROSECONDS),
    AC_EXE_DEV("ac_exe_dev", 8, 12, FieldUnit.ID),
    AC_EXE_INODE("ac_exe_inode", 8, 12, FieldUnit.ID),
    WPCOPY_COUNT("wpcopy_count", 8, 13, FieldUnit.NUMBER),
    WPCOPY_DELAY_TOTAL("wpcopy_delay_total", 8, 13, FieldUnit.NANOSECONDS),
    IRQ_COUNT("irq_count", 8, 14, FieldUnit.NUMBER),
    IRQ_DELAY_TOTAL("irq_delay_total", 8, 14, FieldUnit.NANOSECONDS),
    // v15 added these interleaved after each *_delay_total; v16 moved them here, to the end.
    CPU_DELAY_MAX("cpu_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    CPU_DELAY_MIN("cpu_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    BLKIO_DELAY_MAX("blkio_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    BLKIO_DELAY_MIN("blkio_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    SWAPIN_DELAY_MAX("swapin_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    SWAPIN_DELAY_MIN("swapin_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    FREEPAGES_DELAY_MAX("freepages_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    FREEPAGES_DELAY_MIN("freepages_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    THRASHING_DELAY_MAX("thrashing_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    THRASHING_DELAY_MIN("thrashing_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    COMPACT_DELAY_MAX("compact_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    COMPACT_DELAY_MIN("compact_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    WPCOPY_DELAY_MAX("wpcopy_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    WPCOPY_DELAY_MIN("wpcopy_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    IRQ_DELAY_MAX("irq_delay_max", 8, 15, FieldUnit.NANOSECONDS),
    IRQ_DELAY_MIN("irq_delay_min", 8, 15, FieldUnit.NANOSECONDS),
    // v17 (503efe850c74 "delayacct: add timestamp of delay max", 90079798f1d7 made them __kernel_timespec):
    // the wall clock (ktime_get_real_ts64) when each class's maximum was last raised.
    CPU_DELAY_MAX_TS("cpu_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    BLKIO_DELAY_MAX_TS("blkio_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    SWAPIN_DELAY_MAX_TS("swapin_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    FREEPAGES_DELAY_MAX_TS("freepages_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    THRASHING_DELAY_MAX_TS("thrashing_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    COMPACT_DELAY_MAX_TS("compact_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    WPCOPY_DELAY_MAX_TS("wpcopy_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS),
    IRQ_DELAY_MAX_TS("irq_delay_max_ts", 16, 17, FieldUnit.EPOCH_NANOSECONDS);

    /** The newest struct version Taskscope knows field by field. */
    public static final int LATEST_VERSION = 17;

    private static final TaskstatsField[] ALL = values();
    private static final Map<String, TaskstatsField> BY_KERNEL_NAME =
            Stream.of(ALL).collect(Collectors.toUnmodifiableMap(TaskstatsField::kernelName, Function.identity()));

    private final String kernelName;
    private final int size;
    private final int sinceVersion;
    private final FieldUnit unit;

    TaskstatsField(String kernelName, int size, int sinceVersion, FieldUnit unit) {
        this.kernelName = kernelName;
        this.size = size;
        this.sinceVersion = sinceVersion;
        this.unit = unit;
    }

    /** The name in include/uapi/linux/taskstats.h, e.g. "blkio_delay_total". */
    public String kernelName() {
        return kernelName;
    }

    /** Bytes in the struct: 1, 2, 4 or 8 for integers (all unsigned), 16 for a timespec, 32 for ac_comm. */
    public int size() {
        return size;
    }

    /** The struct version that added it. */
    public int sinceVersion() {
        return sinceVersion;
    }

    public FieldUnit unit() {
        return unit;
    }

    public boolean isText() {
        return this == AC_COMM;
    }

    /** Whether a record of struct version {@code version} carries this field (versions above 17 carry all). */
    public boolean presentIn(int version) {
        return sinceVersion <= version;
    }

    public static TaskstatsField byKernelName(String name) {
        return BY_KERNEL_NAME.get(name);
    }

    /** values() without the copy, for hot loops. */
    static TaskstatsField[] all() {
        return ALL;
    }
}
