package io.taskscope.session.views;

import io.taskscope.core.RecordBlock;

/**
 * The rows all tables of a session may keep together, sized from the heap the JVM was given, so that a session
 * never holds more than its heap can: each listener's table is a ring allocated whole when the listener first
 * receives a record, and 64 listeners × 10 000 rows would take about 500 MB. A table asks for the rows the user set
 * (table.rows) and gets what is left of the budget, never fewer than {@link #MIN_ROWS}.
 */
public final class RowBudget {

    /** A table keeps at least this many rows, budget or not (100 rows of 64 listeners are 5 MB). */
    public static final int MIN_ROWS = 100;
    /** The share of the maximum heap the tables may take; the rest is the window, the views and the garbage. */
    static final double HEAP_SHARE = 0.4;
    /** What a kept row costs: its primitive columns plus its two comm strings. */
    static final long BYTES_PER_ROW = RecordBlock.BYTES_PER_ROW;

    private long remaining;

    public RowBudget(long rows) {
        this.remaining = Math.max(0, rows);
    }

    /** The budget for a JVM whose heap may grow to {@code maxHeapBytes}. */
    public static RowBudget forHeap(long maxHeapBytes) {
        return new RowBudget(RecordBlock.rowsInHeapShare(maxHeapBytes, HEAP_SHARE));
    }

    /** The budget of this JVM ({@code -Xmx}, or the JVM's default of a quarter of RAM). */
    public static RowBudget ofThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    /** Rows for one more table that wants {@code wanted}: what is left, at least {@link #MIN_ROWS}. */
    public int take(int wanted) {
        int rows = (int) Math.max(MIN_ROWS, Math.min(wanted, remaining));
        remaining = Math.max(0, remaining - rows);
        return rows;
    }

    public long remaining() {
        return remaining;
    }
}
