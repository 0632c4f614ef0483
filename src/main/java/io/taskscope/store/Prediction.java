package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.taskscope.core.TaskstatsField.*;

/**
 * Fields of a record that other fields of the same record predict, as the kernel fills them: a type 5 RECORDS frame
 * stores {@code value - prediction}, which is 0 or small, instead of the value. Lossless whatever the data (a bad
 * guess only costs bytes). Each prediction reads only fields stored before it: the unpredicted fields, then those
 * of {@link #ORDER} in order. Changing a prediction changes the format: add a frame type instead.
 */
final class Prediction {
    private Prediction() {
    }

    private interface Guess {
        long of(long[] v, int row);
    }

    private static final Map<TaskstatsField, Guess> GUESSES = new EnumMap<>(TaskstatsField.class);
    /** The predicted fields, in the order they are stored. */
    static final List<TaskstatsField> ORDER;

    private static long f(long[] v, int row, TaskstatsField field) {
        return v[row + field.ordinal()];
    }

    static {
        // ac_btime64 is ac_btime widened (fill_stats: both from the same boot-based start time)
        GUESSES.put(AC_BTIME64, (v, r) -> f(v, r, AC_BTIME));
        // a thread group of one: the group's elapsed time is the task's
        GUESSES.put(AC_TGETIME, (v, r) -> f(v, r, AC_ETIME));
        // without per-architecture frequency scaling (x86), the scaled times are the times
        GUESSES.put(AC_UTIMESCALED, (v, r) -> f(v, r, AC_UTIME));
        GUESSES.put(AC_STIMESCALED, (v, r) -> f(v, r, AC_STIME));
        GUESSES.put(AC_GID, (v, r) -> f(v, r, AC_UID));
        // sum_exec_runtime (ns) is what utime + stime (us) split up
        GUESSES.put(CPU_RUN_REAL_TOTAL, (v, r) -> (f(v, r, AC_UTIME) + f(v, r, AC_STIME)) * 1_000);
        GUESSES.put(CPU_SCALED_RUN_REAL_TOTAL, (v, r) -> f(v, r, CPU_RUN_REAL_TOTAL));
        GUESSES.put(CPU_RUN_VIRTUAL_TOTAL, (v, r) -> f(v, r, CPU_RUN_REAL_TOTAL));
        // sched_info.pcount: one run on a CPU per context switch, plus the first
        GUESSES.put(CPU_COUNT, (v, r) -> f(v, r, NVCSW) + f(v, r, NIVCSW) + 1);
        // acct_account_cputime integrates RSS and VM over CPU time: MB-usec, about high-water x CPU time
        GUESSES.put(COREMEM, (v, r) -> (long) (f(v, r, HIWATER_RSS) * (1 / 1024.0)
                * (f(v, r, CPU_RUN_VIRTUAL_TOTAL) * 1e-3)));
        GUESSES.put(VIRTMEM, (v, r) -> (long) (f(v, r, HIWATER_VM) * (1 / 1024.0)
                * (f(v, r, CPU_RUN_VIRTUAL_TOTAL) * 1e-3)));
        // bytes through read()/write() at least those that reached storage, in page-sized calls
        GUESSES.put(READ_CHAR, (v, r) -> f(v, r, READ_BYTES));
        GUESSES.put(WRITE_CHAR, (v, r) -> f(v, r, WRITE_BYTES));
        GUESSES.put(READ_SYSCALLS, (v, r) -> (f(v, r, READ_CHAR) >> 12) + 1);
        GUESSES.put(WRITE_SYSCALLS, (v, r) -> f(v, r, WRITE_CHAR) >> 12);
        // a minor fault per page touched
        GUESSES.put(AC_MINFLT, (v, r) -> f(v, r, HIWATER_RSS) / 4);
        ORDER = List.of(AC_BTIME64, AC_TGETIME, AC_UTIMESCALED, AC_STIMESCALED, AC_GID, CPU_RUN_REAL_TOTAL,
                CPU_SCALED_RUN_REAL_TOTAL, CPU_RUN_VIRTUAL_TOTAL, CPU_COUNT, COREMEM, VIRTMEM, READ_CHAR, WRITE_CHAR,
                READ_SYSCALLS, WRITE_SYSCALLS, AC_MINFLT);
        if (!GUESSES.keySet().equals(java.util.Set.copyOf(ORDER))) {
            throw new IllegalStateException("every predicted field has its place in ORDER");
        }
    }

    static boolean predicts(TaskstatsField field) {
        return GUESSES.containsKey(field);
    }

    /**
     * The prediction of {@code field} for the row whose first value is at {@code rowStart} of {@code values} (a
     * {@link RecordBlock}'s array).
     */
    static long of(TaskstatsField field, long[] values, int rowStart) {
        return GUESSES.get(field).of(values, rowStart);
    }
}
