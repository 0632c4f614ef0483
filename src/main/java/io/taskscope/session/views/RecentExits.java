package io.taskscope.session.views;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordBlock;


/**
 * The newest records a listener received, bounded: a ring of rows kept in primitive arrays (a {@link RecordBlock}
 * used as a ring), so a busy session keeps no object per record; record objects are made only for the rows a view
 * asks for.
 */
public final class RecentExits {

    /** Rows a table keeps by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final RecordBlock rows;
    private final int capacity;
    private int next;
    private long added;

    public RecentExits(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.rows = new RecordBlock(this.capacity);
    }

    /** Keeps a copy of row {@code row} of {@code block}. */
    public void add(RecordBlock block, int row) {
        if (rows.size() < capacity) {
            rows.add(block, row);
        } else {
            rows.overwrite(next, block, row);
        }
        next = (next + 1) % capacity;
        added++;
    }

    public void add(ExitRecord r) {
        RecordBlock one = new RecordBlock(1);
        one.add(r);
        add(one, 0);
    }

    public int capacity() {
        return capacity;
    }

    /** Every record ever added, kept or not: tells a view whether anything changed. */
    public long added() {
        return added;
    }

    /** Up to {@code max} records, newest first. */
    public TableRows newest(int max) {
        return newest(max, RowSpan.ALL);
    }

    /** Up to {@code max} rows, newest first, with records made only for the rows in {@code span}. */
    public TableRows newest(int max, RowSpan span) {
        int size = rows.size();
        int n = Math.min(max, size);
        int from = Math.min(span.from(), n);
        int to = Math.min(span.to(), n);
        ExitRecord[] made = new ExitRecord[to - from];
        int ring = size < capacity ? size : capacity;
        for (int i = from; i < to; i++) {
            made[i - from] = rows.record(Math.floorMod(next - 1 - i, ring));
        }
        return new TableRows(n, from, made);
    }
}
