package io.taskscope.session.views;

/** The rows of a table (positions, newest first) that need records: [from, to). */
public record RowSpan(int from, int to) {

    /** Every row. */
    public static final RowSpan ALL = new RowSpan(0, Integer.MAX_VALUE);

    public RowSpan {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ")");
        }
    }
}
