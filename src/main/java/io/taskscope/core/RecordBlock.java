package io.taskscope.core;

import java.util.Arrays;

/**
 * A reusable, columnar batch of exit records: primitive arrays instead of one object per record, so sources can
 * produce millions of records a second and consumers route and aggregate them without allocating. Row i holds
 * what an {@link ExitRecord} holds; {@link #record(int)} makes one when a view needs an object.
 * <p>
 * A block is filled by one thread and handed to consumers that use it during the call only: it is cleared and
 * refilled afterwards.
 */
public final class RecordBlock {

    private static final TaskstatsField[] FIELDS = TaskstatsField.all();
    /** Stride of {@link #values}: one long per field (the ac_comm slot stays unused). */
    public static final int FIELD_COUNT = FIELDS.length;
    /**
     * Heap bytes a kept row costs: its columns (kind, cpu, times, seq, task id, values, comm references) and its two
     * comm strings (~56 bytes each). What bounded holders of rows (tables, the recorder's queue) size themselves by.
     */
    public static final int BYTES_PER_ROW = 1 + 4 + 8 + 8 + 8 + 8 * FIELD_COUNT + 4 + 4 + 8 + 2 * 56;

    /** Rows that {@code share} of this JVM's maximum heap ({@code -Xmx}, or a quarter of RAM) can hold. */
    public static long rowsInHeapShare(double share) {
        return rowsInHeapShare(Runtime.getRuntime().maxMemory(), share);
    }

    public static long rowsInHeapShare(long maxHeapBytes, double share) {
        return (long) (maxHeapBytes * share) / BYTES_PER_ROW;
    }

    private int size;
    private byte[] kind;
    private int[] cpu;
    private long[] receivedNanos;
    private long[] seq;
    private long[] taskId;
    private long[] values;
    private String[] comm;
    /** For a TGID aggregate: the comm of the PID record it came with (the last thread's); else null. */
    private String[] threadComm;
    /** For a TGID aggregate: that PID record's ac_tgetime (the process's walltime, µs); else 0. */
    private long[] groupMicros;

    public RecordBlock(int initialCapacity) {
        allocate(Math.max(1, initialCapacity));
    }

    private void allocate(int capacity) {
        kind = Arrays.copyOf(kind == null ? new byte[0] : kind, capacity);
        cpu = Arrays.copyOf(cpu == null ? new int[0] : cpu, capacity);
        receivedNanos = Arrays.copyOf(receivedNanos == null ? new long[0] : receivedNanos, capacity);
        seq = Arrays.copyOf(seq == null ? new long[0] : seq, capacity);
        taskId = Arrays.copyOf(taskId == null ? new long[0] : taskId, capacity);
        values = Arrays.copyOf(values == null ? new long[0] : values, capacity * FIELD_COUNT);
        comm = Arrays.copyOf(comm == null ? new String[0] : comm, capacity);
        threadComm = Arrays.copyOf(threadComm == null ? new String[0] : threadComm, capacity);
        groupMicros = Arrays.copyOf(groupMicros == null ? new long[0] : groupMicros, capacity);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int capacity() {
        return cpu.length;
    }

    /** Forgets every row; the arrays are kept for the next fill. */
    public void clear() {
        Arrays.fill(comm, 0, size, null);
        Arrays.fill(threadComm, 0, size, null);
        size = 0;
    }

    /** Forgets the rows from {@code newSize} on (they were appended by mistake: stale records, say). */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException(newSize);
        }
        Arrays.fill(comm, newSize, size, null);
        Arrays.fill(threadComm, newSize, size, null);
        size = newSize;
    }

    /**
     * Appends an empty row (all values 0, comm "") and returns its index, growing the arrays when full; set its
     * contents with the setters.
     */
    public int addRow(RecordKind k, int exitCpu, long nanos, long sequence, long id) {
        int row = addRowUncleared(k, exitCpu, nanos, sequence, id);
        Arrays.fill(values, row * FIELD_COUNT, (row + 1) * FIELD_COUNT, 0L);
        comm[row] = "";
        return row;
    }

    /**
     * Like {@link #addRow} but leaves the row's values as they were: for producers that write every field of
     * every row themselves (the simulator), which saves clearing 70 longs a record.
     */
    public int addRowUncleared(RecordKind k, int exitCpu, long nanos, long sequence, long id) {
        if (size == cpu.length) {
            allocate(cpu.length * 2);
        }
        int row = size++;
        kind[row] = (byte) k.ordinal();
        cpu[row] = exitCpu;
        receivedNanos[row] = nanos;
        seq[row] = sequence;
        taskId[row] = id;
        threadComm[row] = null;
        groupMicros[row] = 0;
        return row;
    }

    /**
     * Joins TGID aggregate {@code row} to the PID record of its message, the row before it with the same CPU and
     * seq ({@code taskstats_exit()} puts both in one message): the aggregate's struct is a copy of
     * {@code signal->stats}, with no comm and no walltime, so the last thread's are kept beside it. Does nothing
     * for a PID row or an aggregate without its PID record.
     */
    public void joinAggregate(int row) {
        int prev = row - 1;
        if (kind[row] == 0 || prev < 0 || kind[prev] != 0 || cpu[prev] != cpu[row] || seq[prev] != seq[row]) {
            return;
        }
        threadComm[row] = comm[prev];
        groupMicros[row] = get(prev, TaskstatsField.AC_TGETIME);
    }

    /** Calls {@link #joinAggregate} for every row from {@code from} on. */
    public void joinAggregates(int from) {
        for (int row = Math.max(1, from); row < size; row++) {
            if (kind[row] != 0) {
                joinAggregate(row);
            }
        }
    }

    /** Appends a copy of {@code r}. */
    public int add(ExitRecord r) {
        int row = addRow(r.kind(), r.cpu(), r.receivedNanos(), r.seq(), r.taskId());
        int base = row * FIELD_COUNT;
        for (TaskstatsField f : FIELDS) {
            values[base + f.ordinal()] = r.get(f);
        }
        comm[row] = r.comm();
        threadComm[row] = r.kind() == RecordKind.TGID ? r.threadComm() : null;
        groupMicros[row] = r.groupMicros();
        return row;
    }

    /** Replaces row {@code at} (which must exist) with a copy of row {@code row} of {@code other}. */
    public void overwrite(int at, RecordBlock other, int row) {
        if (at < 0 || at >= size) {
            throw new IndexOutOfBoundsException(at);
        }
        kind[at] = other.kind[row];
        cpu[at] = other.cpu[row];
        receivedNanos[at] = other.receivedNanos[row];
        seq[at] = other.seq[row];
        taskId[at] = other.taskId[row];
        System.arraycopy(other.values, row * FIELD_COUNT, values, at * FIELD_COUNT, FIELD_COUNT);
        comm[at] = other.comm[row];
        threadComm[at] = other.threadComm[row];
        groupMicros[at] = other.groupMicros[row];
    }

    /** Appends a copy of row {@code row} of {@code other}. */
    public int add(RecordBlock other, int row) {
        int to = addRow(other.kind(row), other.cpu[row], other.receivedNanos[row], other.seq[row], other.taskId[row]);
        System.arraycopy(other.values, row * FIELD_COUNT, values, to * FIELD_COUNT, FIELD_COUNT);
        comm[to] = other.comm[row];
        threadComm[to] = other.threadComm[row];
        groupMicros[to] = other.groupMicros[row];
        return to;
    }

    /**
     * The values array itself, for producers that fill whole rows at millions a second: field f of row r is at
     * {@code r * FIELD_COUNT + f.ordinal()}. Valid until the next {@link #addRow} (which may grow it).
     */
    public long[] valuesForWriting() {
        return values;
    }

    public void set(int row, TaskstatsField field, long value) {
        values[row * FIELD_COUNT + field.ordinal()] = value;
    }

    /** Places row {@code row} on another CPU (a registered listener's copy, once its exit CPU is known). */
    public void setCpu(int row, int exitCpu) {
        cpu[row] = exitCpu;
    }

    public void setComm(int row, String name) {
        comm[row] = name;
    }

    private static final RecordKind[] KINDS = RecordKind.values();

    public RecordKind kind(int row) {
        return KINDS[kind[row]]; // values() would copy the array every call
    }

    public boolean isPid(int row) {
        return kind[row] == 0;
    }

    public int cpu(int row) {
        return cpu[row];
    }

    public long receivedNanos(int row) {
        return receivedNanos[row];
    }

    public long seq(int row) {
        return seq[row];
    }

    public long taskId(int row) {
        return taskId[row];
    }

    public long get(int row, TaskstatsField field) {
        return values[row * FIELD_COUNT + field.ordinal()];
    }

    public String comm(int row) {
        return comm[row];
    }

    /**
     * The command to show for a row: its ac_comm, or for a TGID aggregate (whose ac_comm the kernel leaves empty)
     * the comm of the last thread, from the PID record it came with, when known.
     */
    public String command(int row) {
        String joined = threadComm[row];
        return joined != null && comm[row].isEmpty() ? joined : comm[row];
    }

    /** For a joined TGID aggregate: the process's walltime in µs (its last thread's ac_tgetime); else 0. */
    public long groupMicros(int row) {
        return groupMicros[row];
    }

    /** For a joined TGID aggregate: the last thread's comm; else null. */
    public String threadComm(int row) {
        return threadComm[row];
    }

    /** Row {@code row} as an immutable record (allocates: for views and tools, not hot paths). */
    public ExitRecord record(int row) {
        Taskstats.Builder b = Taskstats.builder();
        int base = row * FIELD_COUNT;
        for (TaskstatsField f : FIELDS) {
            if (!f.isText()) {
                b.set(f, values[base + f.ordinal()]);
            }
        }
        b.comm(comm[row]);
        return new ExitRecord(kind(row), cpu[row], receivedNanos[row], seq[row], taskId[row], b.build(),
                threadComm[row] == null ? "" : threadComm[row], groupMicros[row]);
    }
}
