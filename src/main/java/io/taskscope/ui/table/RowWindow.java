package io.taskscope.ui.table;

import io.taskscope.core.ExitRecord;
import javafx.collections.ObservableListBase;

import java.util.List;

/**
 * The rows a table shows, replaced wholesale a few times a second. A full replace of 10 000 rows in an
 * ObservableList costs the TableView's selection and focus models 6-13 ms per refresh (measured); when the row
 * count stays the same — the usual case once the ring is full — this list reports an update of the same
 * positions instead, which only re-binds the visible cells.
 */
public final class RowWindow extends ObservableListBase<ExitRecord> {
    private List<ExitRecord> rows = List.of();

    /** Shows {@code next}, which is kept, not copied: a view snapshot's table is made fresh for every snapshot. */
    void replace(List<ExitRecord> next) {
        List<ExitRecord> before = rows;
        rows = next;
        beginChange();
        if (before.size() == rows.size()) {
            for (int i = 0; i < rows.size(); i++) {
                nextUpdate(i);
            }
        } else {
            nextReplace(0, rows.size(), before);
        }
        endChange();
    }

    @Override
    public ExitRecord get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }
}
