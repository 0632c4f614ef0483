package io.taskscope.taskstats;

import io.taskscope.core.DelayClass;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each field of {@code struct taskstats} sits in the bytes of a given struct version, and the decode/encode
 * that follows from it. The rule of include/uapi/linux/taskstats.h is "newer versions only add fields to the
 * bottom", with three exceptions this class encodes:
 * <ul>
 *   <li>v1 had {@code __u16 version; __u16 padding[3];}, so its delay fields start at offset 8, not 16.</li>
 *   <li>v15 inserted {@code X_delay_max, X_delay_min} right after each {@code X_delay_total}, shifting everything
 *       after {@code cpu_delay_total} (an ABI break, commits 658eb5ab916d, f65c64f311ee).</li>
 *   <li>v16 (0bf2d838de1f) restored the v14 layout and appended the 16 max/min fields; v15 and v16 are both 560
 *       bytes, so only {@code version} tells them apart.</li>
 * </ul>
 * v17 (503efe850c74, 90079798f1d7) appends eight {@code struct __kernel_timespec X_delay_max_ts} at 560..687
 * (sizeof 688; no padding: 560 is 8-aligned), each read as tv_sec * 10^9 + tv_nsec. Versions above 17 are read
 * with the v17 layout (later fields are appended, and ignored); {@link #isNewerThanKnown} tells callers to count
 * them.
 */
public final class TaskstatsLayout {

    /** Offsets in v17 (sizeof 688; the first 560 bytes are v16's), checked with offsetof() on x86_64. */
    private static final int[] NEWEST_OFFSETS = new int[TaskstatsField.values().length];

    static {
        Arrays.fill(NEWEST_OFFSETS, -1);
        int[][] table = {
                {TaskstatsField.VERSION.ordinal(), 0},
                {TaskstatsField.AC_EXITCODE.ordinal(), 4},
                {TaskstatsField.AC_FLAG.ordinal(), 8},
                {TaskstatsField.AC_NICE.ordinal(), 9},
                {TaskstatsField.CPU_COUNT.ordinal(), 16}, // aligned(8)
                {TaskstatsField.AC_COMM.ordinal(), 80},
                {TaskstatsField.AC_SCHED.ordinal(), 112}, // aligned(8), then ac_pad[3]
                {TaskstatsField.AC_UID.ordinal(), 120}, // aligned(8)
                {TaskstatsField.AC_ETIME.ordinal(), 144}, // aligned(8), after ac_btime's 4 bytes of padding
                {TaskstatsField.AC_TGID.ordinal(), 368},
                {TaskstatsField.AC_TGETIME.ordinal(), 376}, // aligned(8)
        };
        for (int[] row : table) {
            NEWEST_OFFSETS[row[0]] = row[1];
        }
        // Every other field follows the one before it with no padding.
        TaskstatsField[] fields = TaskstatsField.values();
        for (int i = 1; i < fields.length; i++) {
            if (NEWEST_OFFSETS[i] < 0) {
                NEWEST_OFFSETS[i] = NEWEST_OFFSETS[i - 1] + fields[i - 1].size();
            }
        }
    }

    private static final TaskstatsLayout[] BY_VERSION = new TaskstatsLayout[TaskstatsField.LATEST_VERSION + 1];

    static {
        for (int v = 1; v <= TaskstatsField.LATEST_VERSION; v++) {
            BY_VERSION[v] = new TaskstatsLayout(v, offsetsFor(v));
        }
    }

    private final int version;
    /** Byte offset per field ordinal, -1 where the version lacks the field. */
    private final int[] offsets;
    private final int size;
    /** The integer fields this version has: ordinal, byte offset and width, for {@link #decodeInto}'s loop. */
    private final int[] numberOrdinals;
    private final int[] numberOffsets;
    private final int[] numberSizes;
    private final int commOffset;

    private TaskstatsLayout(int version, int[] offsets) {
        this.version = version;
        this.offsets = offsets;
        int n = 0;
        for (TaskstatsField f : TaskstatsField.values()) {
            if (offsets[f.ordinal()] >= 0 && !f.isText()) {
                n++;
            }
        }
        numberOrdinals = new int[n];
        numberOffsets = new int[n];
        numberSizes = new int[n];
        n = 0;
        for (TaskstatsField f : TaskstatsField.values()) {
            if (offsets[f.ordinal()] >= 0 && !f.isText()) {
                numberOrdinals[n] = f.ordinal();
                numberOffsets[n] = offsets[f.ordinal()];
                numberSizes[n] = f.size();
                n++;
            }
        }
        commOffset = offsets[TaskstatsField.AC_COMM.ordinal()];
        int end = 0;
        for (TaskstatsField f : TaskstatsField.values()) {
            if (offsets[f.ordinal()] >= 0) {
                end = Math.max(end, offsets[f.ordinal()] + f.size());
            }
        }
        this.size = (end + 7) & ~7; // struct alignment is 8
    }

    private static int[] offsetsFor(int version) {
        int[] offsets = new int[NEWEST_OFFSETS.length];
        Arrays.fill(offsets, -1);
        if (version == 1) {
            TaskstatsField[] v1 = {TaskstatsField.CPU_COUNT, TaskstatsField.CPU_DELAY_TOTAL, TaskstatsField.BLKIO_COUNT,
                    TaskstatsField.BLKIO_DELAY_TOTAL, TaskstatsField.SWAPIN_COUNT, TaskstatsField.SWAPIN_DELAY_TOTAL,
                    TaskstatsField.CPU_RUN_REAL_TOTAL, TaskstatsField.CPU_RUN_VIRTUAL_TOTAL};
            offsets[TaskstatsField.VERSION.ordinal()] = 0;
            for (int i = 0; i < v1.length; i++) {
                offsets[v1[i].ordinal()] = 8 + 8 * i;
            }
            return offsets;
        }
        for (TaskstatsField f : TaskstatsField.values()) {
            if (f.presentIn(version)) {
                offsets[f.ordinal()] = NEWEST_OFFSETS[f.ordinal()];
            }
        }
        if (version == 15) {
            // Each field older than v15 moves down 16 bytes for every delay total that precedes it in v14 order;
            // each class's max and min then take the 16 bytes right after its total.
            for (TaskstatsField f : TaskstatsField.values()) {
                if (f.sinceVersion() < 15) {
                    offsets[f.ordinal()] = NEWEST_OFFSETS[f.ordinal()] + 16 * totalsBefore(NEWEST_OFFSETS[f.ordinal()]);
                }
            }
            for (DelayClass c : DelayClass.values()) {
                int total = offsets[c.totalField().ordinal()];
                offsets[c.maxField().ordinal()] = total + 8;
                offsets[c.minField().ordinal()] = total + 16;
            }
        }
        return offsets;
    }

    private static int totalsBefore(int v16Offset) {
        int n = 0;
        for (DelayClass c : DelayClass.values()) {
            if (NEWEST_OFFSETS[c.totalField().ordinal()] < v16Offset) {
                n++;
            }
        }
        return n;
    }

    /** The layout to read a record of this version with: its own for 1..17, v17's for later versions. */
    public static TaskstatsLayout forVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("taskstats version " + version + " has no layout");
        }
        return BY_VERSION[Math.min(version, TaskstatsField.LATEST_VERSION)];
    }

    /**
     * The newest layout whose size fits {@code length} bytes, for records that carry no usable version (kernels
     * before 5.9 left version 0 in TGID aggregates). v15 is never guessed: its size equals v16's.
     */
    public static TaskstatsLayout guessFromLength(int length) {
        for (int v = TaskstatsField.LATEST_VERSION; v >= 1; v--) {
            if (v != 15 && BY_VERSION[v].size <= length) {
                return BY_VERSION[v];
            }
        }
        return null;
    }

    public int version() {
        return version;
    }

    /** Whether a record of this version has fields Taskscope does not know (read with the newest layout). */
    public static boolean isNewerThanKnown(int version) {
        return version > TaskstatsField.LATEST_VERSION;
    }

    /** sizeof(struct taskstats) at this version: v1 72, v2 184, ... v13 416, v14 432, v15 560, v16 560, v17 688. */
    public int size() {
        return size;
    }

    /** Byte offset of {@code field}, or -1 when this version lacks it. */
    public int offsetOf(TaskstatsField field) {
        return offsets[field.ordinal()];
    }

    /**
     * Reads the struct at {@code buf[at .. at+size())}; the caller has checked it fits. The version value is taken
     * from the bytes (which may differ from this layout's version: future versions and version-0 aggregates).
     */
    public Taskstats decode(ByteBuffer buf, int at) {
        Taskstats.Builder b = Taskstats.builder();
        for (TaskstatsField f : TaskstatsField.values()) {
            int off = offsets[f.ordinal()];
            if (off < 0) {
                continue;
            }
            int p = at + off;
            switch (f.size()) {
                case 1 -> b.set(f, buf.get(p) & 0xFF);
                case 2 -> b.set(f, buf.getShort(p) & 0xFFFF);
                case 4 -> b.set(f, buf.getInt(p) & 0xFFFF_FFFFL);
                case 8 -> b.set(f, buf.getLong(p));
                case 16 -> b.set(f, timespecNanos(buf, p));
                default -> b.comm(readComm(buf, p));
            }
        }
        return b.build();
    }

    /**
     * As {@link #decode}, straight into row {@code row} of {@code block} (whose values are zero, as a new row's
     * are): no object per record. Returns the version value read.
     */
    int decodeInto(ByteBuffer buf, int at, RecordBlock block, int row, CommCache comms) {
        long[] values = block.valuesForWriting();
        int base = row * RecordBlock.FIELD_COUNT;
        for (int i = 0; i < numberOrdinals.length; i++) {
            int p = at + numberOffsets[i];
            long v = switch (numberSizes[i]) {
                case 1 -> buf.get(p) & 0xFFL;
                case 2 -> buf.getShort(p) & 0xFFFFL;
                case 4 -> buf.getInt(p) & 0xFFFF_FFFFL;
                case 8 -> buf.getLong(p);
                default -> timespecNanos(buf, p);
            };
            values[base + numberOrdinals[i]] = v;
        }
        if (commOffset >= 0) {
            block.setComm(row, comms.read(buf, at + commOffset));
        }
        return (int) values[base + TaskstatsField.VERSION.ordinal()];
    }

    /** A {@code struct __kernel_timespec} (s64 tv_sec, s64 tv_nsec) as nanoseconds since the epoch. */
    private static long timespecNanos(ByteBuffer buf, int p) {
        return buf.getLong(p) * 1_000_000_000L + buf.getLong(p + 8);
    }

    private static String readComm(ByteBuffer buf, int p) {
        byte[] bytes = new byte[Taskstats.COMM_LENGTH];
        int n = 0;
        while (n < bytes.length && buf.get(p + n) != 0) {
            bytes[n] = buf.get(p + n);
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Writes the fields this version has into {@code buf[at .. at+size())}, zeroing the padding. */
    public void encode(Taskstats stats, ByteBuffer buf, int at) {
        for (int i = 0; i < size; i++) {
            buf.put(at + i, (byte) 0);
        }
        for (TaskstatsField f : TaskstatsField.values()) {
            int off = offsets[f.ordinal()];
            if (off < 0) {
                continue;
            }
            int p = at + off;
            long v = stats.get(f);
            switch (f.size()) {
                case 1 -> buf.put(p, (byte) v);
                case 2 -> buf.putShort(p, (short) v);
                case 4 -> buf.putInt(p, (int) v);
                case 8 -> buf.putLong(p, v);
                case 16 -> {
                    buf.putLong(p, Math.floorDiv(v, 1_000_000_000L));
                    buf.putLong(p + 8, Math.floorMod(v, 1_000_000_000L));
                }
                default -> {
                    byte[] comm = stats.comm().getBytes(StandardCharsets.UTF_8);
                    buf.put(p, comm, 0, Math.min(comm.length, Taskstats.COMM_LENGTH - 1));
                }
            }
        }
    }
}
