package io.taskscope.session.views;

import io.taskscope.core.ExitRecord;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A table's rows, newest first, where only a span of them holds records. A table on screen shows a few dozen of its
 * 10 000 rows; making a record object for each of the others, four times a second at 100 000 exits/s, was most of
 * the garbage of a session and the young-GC pauses that broke frames. Rows outside the span are {@code null}.
 */
public final class TableRows extends AbstractList<ExitRecord> implements RandomAccess {

    private static final TableRows EMPTY = new TableRows(0, 0, new ExitRecord[0]);

    private final int size;
    private final int from;
    private final ExitRecord[] made;

    TableRows(int size, int from, ExitRecord[] made) {
        this.size = size;
        this.from = from;
        this.made = made;
    }

    public static TableRows empty() {
        return EMPTY;
    }

    /** Every row holds its record (none is null). */
    public boolean isComplete() {
        return from == 0 && made.length == size;
    }

    /** Every row of {@code span} that exists holds its record. */
    public boolean covers(RowSpan span) {
        int to = Math.min(span.to(), size);
        return span.from() >= to || (span.from() >= from && to <= from + made.length);
    }

    @Override
    public ExitRecord get(int index) {
        Objects.checkIndex(index, size);
        int k = index - from;
        return k >= 0 && k < made.length ? made[k] : null;
    }

    @Override
    public int size() {
        return size;
    }
}
