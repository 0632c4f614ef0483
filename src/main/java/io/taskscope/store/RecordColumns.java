package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;

import java.util.HashMap;
import java.util.Map;

/**
 * The RECORDS frames: n records stored column by column as zigzag varints; columns that climb from record to record
 * (time, seq, ids, start times) as differences to the previous record. Columns of like values compress well.
 * Frame type 5 (written since format 1.1) also stores the fields that other fields of the same record predict as
 * the difference to the prediction; type 1 (written before) stores them as they are. Both are read.
 */
final class RecordColumns {
    private RecordColumns() {
    }

    /** The columns of frame types 1 and 5, for ever: the integer fields of struct taskstats v16. */
    private static final TaskstatsField[] FIELDS = java.util.Arrays.stream(TaskstatsField.values())
            .filter(f -> !f.isText() && f.sinceVersion() <= 16).toArray(TaskstatsField[]::new);
    /** Type 6's extension columns: every field newer than v16, by kernel name. */
    static final TaskstatsField[] EXTENSIONS = java.util.Arrays.stream(TaskstatsField.values())
            .filter(f -> f.sinceVersion() > 16).toArray(TaskstatsField[]::new);
    /**
     * Fields that climb from one exit to the next (ids, start times): stored as differences. The rest belong to each
     * task alone, so a difference would only add the neighbour's noise: stored as they are.
     */
    private static final java.util.EnumSet<TaskstatsField> DELTA = java.util.EnumSet.of(TaskstatsField.AC_PID,
            TaskstatsField.AC_PPID, TaskstatsField.AC_TGID, TaskstatsField.AC_BTIME, TaskstatsField.AC_BTIME64);

    /** Field order of a type 5 frame: the unpredicted fields in declaration order, then the predicted ones. */
    private static final TaskstatsField[] PREDICTED_ORDER;

    static {
        java.util.List<TaskstatsField> order = new java.util.ArrayList<>();
        for (TaskstatsField f : FIELDS) {
            if (!Prediction.predicts(f)) {
                order.add(f);
            }
        }
        order.addAll(Prediction.ORDER);
        PREDICTED_ORDER = order.toArray(TaskstatsField[]::new);
    }

    /**
     * Whether rows {@code from..to-1} need a type 6 frame: some row carries a field newer than v16. Rows of older
     * versions stay in type 5, which every reader since format 1.1 reads.
     */
    static boolean needsExtensions(RecordBlock block, int from, int to) {
        for (int r = from; r < to; r++) {
            if (block.get(r, TaskstatsField.VERSION) > 16) {
                return true;
            }
            for (TaskstatsField f : EXTENSIONS) {
                if (block.get(r, f) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The extension columns of a type 6 frame, after its type 5 body: count, then per column the field's kernel
     * name and n varints. An epoch-nanosecond field (v17's timestamps, at or before the receive time) is stored as
     * zigzag(receive time - value), a few bytes instead of nine, with the codes of 0 ("never set") and of the
     * receive time itself swapped so that 0 stays 0: a bijection, lossless for any value.
     */
    static void encodeExtensions(RecordBlock block, int from, int to, Bytes out) {
        out.varint(EXTENSIONS.length);
        for (TaskstatsField f : EXTENSIONS) {
            out.str(f.kernelName());
            out.reserveVarints(to - from);
            for (int r = from; r < to; r++) {
                long v = block.get(r, f);
                if (f.unit() == io.taskscope.core.FieldUnit.EPOCH_NANOSECONDS) {
                    long received = block.receivedNanos(r);
                    out.zigzagUnchecked(v == 0 ? 0 : v == received ? received : received - v);
                } else {
                    out.zigzagUnchecked(v);
                }
            }
        }
    }

    /** Reads what {@link #encodeExtensions} wrote into rows {@code base..base+n-1} of {@code into}. */
    static void decodeExtensions(Cursor in, RecordBlock into, int base, int n) throws Cursor.Corrupt {
        long columns = in.varint();
        for (long c = 0; c < columns; c++) {
            TaskstatsField f = TaskstatsField.byKernelName(in.str());
            for (int i = 0; i < n; i++) {
                if (f == null) {
                    in.varint(); // a newer writer's field
                } else if (f.unit() == io.taskscope.core.FieldUnit.EPOCH_NANOSECONDS) {
                    long d = in.zigzag();
                    long received = into.receivedNanos(base + i);
                    long v = received - d;
                    into.set(base + i, f, d == 0 ? 0 : v == 0 ? received : v);
                } else {
                    into.set(base + i, f, in.zigzag());
                }
            }
        }
    }

    /** Appends rows {@code from..to-1} of {@code block} as one frame body of type 5 (predicted) or 1. */
    static void encode(RecordBlock block, int from, int to, Bytes out, boolean predicted) {
        int n = to - from;
        out.varint(n);
        for (int r = from; r < to; r++) {
            out.u8(block.kind(r).ordinal());
        }
        long prev = 0;
        for (int r = from; r < to; r++) {
            out.zigzag(block.cpu(r) - prev);
            prev = block.cpu(r);
        }
        prev = 0;
        for (int r = from; r < to; r++) {
            out.zigzag(block.receivedNanos(r) - prev);
            prev = block.receivedNanos(r);
        }
        prev = 0;
        for (int r = from; r < to; r++) {
            out.zigzag(block.seq(r) - prev);
            prev = block.seq(r);
        }
        prev = 0;
        for (int r = from; r < to; r++) {
            out.zigzag(block.taskId(r) - prev);
            prev = block.taskId(r);
        }
        Map<String, Integer> table = new HashMap<>();
        for (int r = from; r < to; r++) {
            String comm = block.comm(r);
            Integer index = table.get(comm);
            if (index == null) {
                out.varint(table.size());
                out.str(comm);
                table.put(comm, table.size());
            } else {
                out.varint(index);
            }
        }
        long[] values = block.valuesForWriting();
        for (TaskstatsField f : predicted ? PREDICTED_ORDER : FIELDS) {
            boolean guessed = predicted && Prediction.predicts(f);
            boolean delta = !guessed && DELTA.contains(f) && !(predicted && f == TaskstatsField.AC_BTIME64);
            int offset = f.ordinal();
            out.reserveVarints(n);
            prev = 0;
            for (int r = from, i = from * RecordBlock.FIELD_COUNT + offset; r < to; r++, i += RecordBlock.FIELD_COUNT) {
                long v = values[i];
                if (guessed) {
                    out.zigzagUnchecked(v - Prediction.of(f, values, r * RecordBlock.FIELD_COUNT));
                    continue;
                }
                out.zigzagUnchecked(v - prev);
                if (delta) {
                    prev = v;
                }
            }
        }
    }

    /** Appends the records of a frame of type 5 ({@code predicted}) or 1 to {@code into}. */
    static void decode(Cursor in, RecordBlock into, boolean predicted) throws Cursor.Corrupt {
        int n = in.length(1 << 24);
        int base = into.size();
        RecordKind[] kinds = RecordKind.values();
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = in.u8();
            if (kind[i] >= kinds.length) {
                throw new Cursor.Corrupt("record kind " + kind[i]);
            }
        }
        long[] cpu = deltas(in, n);
        long[] time = deltas(in, n);
        long[] seq = deltas(in, n);
        long[] id = deltas(in, n);
        for (int i = 0; i < n; i++) {
            if (cpu[i] < 0 || cpu[i] >= io.taskscope.core.CpulistLimits.MAX_CPUS) {
                throw new Cursor.Corrupt("CPU " + cpu[i]);
            }
            into.addRow(kinds[kind[i]], (int) cpu[i], time[i], seq[i], id[i]);
        }
        java.util.List<String> table = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            long index = in.varint();
            if (index == table.size()) {
                table.add(in.str());
            } else if (index > table.size()) {
                throw new Cursor.Corrupt("comm index " + index);
            }
            into.setComm(base + i, table.get((int) index));
        }
        long[] values = into.valuesForWriting();
        for (TaskstatsField f : predicted ? PREDICTED_ORDER : FIELDS) {
            boolean guessed = predicted && Prediction.predicts(f);
            boolean delta = !guessed && DELTA.contains(f) && !(predicted && f == TaskstatsField.AC_BTIME64);
            long prev = 0;
            for (int i = 0; i < n; i++) {
                long v = guessed ? in.zigzag() + Prediction.of(f, values, (base + i) * RecordBlock.FIELD_COUNT)
                        : prev + in.zigzag();
                into.set(base + i, f, v);
                prev = delta ? v : 0;
            }
        }
        into.joinAggregates(base); // an aggregate whose PID record ended the previous frame stays unjoined
    }

    private static long[] deltas(Cursor in, int n) throws Cursor.Corrupt {
        long[] out = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += in.zigzag();
            out[i] = prev;
        }
        return out;
    }
}
