package io.taskscope.ui.table;

import io.taskscope.core.ExitRecord;
import javafx.geometry.VPos;
import javafx.scene.control.SkinBase;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;

import java.util.function.Function;

/**
 * An exit-table cell that shows its value with one unmanaged Text node instead of a Label's skin. Rows change at
 * every refresh; a Label's new text asks its row for a new layout, and the table then re-applies CSS to the whole
 * row (VirtualFlow.setCellIndex → applyCss): most of a refresh's 10–25 ms. A text change here touches nothing but
 * the Text, placed again at once.
 */
public final class PlainTextCell<T> extends TableCell<ExitRecord, T> {

    private final Function<T, String> show;
    private final boolean alignRight;
    /** A note for the row's record (a tooltip, and a mark when {@link #marked}), or null; rare, so made on demand. */
    private final Function<ExitRecord, String> note;
    private final boolean marked;
    private String shownNote;
    private final Text text = new Text();
    private String full = "";
    private final javafx.beans.InvalidationListener columnResized = obs -> requestLayout();

    PlainTextCell(Function<T, String> show, boolean alignRight) {
        this(show, alignRight, null, false);
    }

    /**
     * @param note   per record: null, or what to say of its value (as a tooltip)
     * @param marked whether a noted value also gets a "⚠" after it (a warning, not just an explanation)
     */
    PlainTextCell(Function<T, String> show, boolean alignRight, Function<ExitRecord, String> note, boolean marked) {
        this.show = show;
        this.alignRight = alignRight;
        this.note = note;
        this.marked = marked;
        text.setManaged(false);
        text.setTextOrigin(VPos.CENTER);
        text.fontProperty().bind(fontProperty());
        text.fillProperty().bind(textFillProperty());
        widthProperty().addListener((obs, o, n) -> place());
        // the row lays cells out at their preferred (column) widths: a resized column must ask for a layout
        // (TableCellSkinBase does the same); moved with the cell from column to column, never left behind
        tableColumnProperty().addListener((obs, old, column) -> {
            if (old != null) {
                old.widthProperty().removeListener(columnResized);
            }
            if (column != null) {
                column.widthProperty().addListener(columnResized);
            }
        });
        heightProperty().addListener((obs, o, n) -> place());
    }

    @Override
    protected javafx.scene.control.Skin<?> createDefaultSkin() {
        return new SkinBase<>(this) {
            {
                getChildren().add(text);
            }

            // the row lays its cells out at their preferred widths: a cell is as wide as its column
            @Override
            protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
                return getTableColumn() == null ? 0 : getTableColumn().getWidth();
            }
        };
    }

    @Override
    protected void updateItem(T value, boolean empty) {
        super.updateItem(value, empty);
        String shown = empty || value == null ? "" : show.apply(value);
        if (note != null) {
            ExitRecord r = empty || getTableRow() == null ? null : getTableRow().getItem();
            String why = r == null ? null : note.apply(r);
            if (why != null && marked) {
                shown = shown + " ⚠";
            }
            if (!java.util.Objects.equals(why, shownNote)) {
                shownNote = why;
                setTooltip(why == null ? null : new javafx.scene.control.Tooltip(why));
            }
        }
        if (!shown.equals(full)) {
            full = shown;
            place();
        }
    }

    /** The text's string, for tests. */
    public String shownText() {
        return text.getText();
    }

    /*
     * No clip (a clip per cell made the software renderer's frames twice as long): a text wider than the column is
     * cut with an ellipsis instead, found by halving, which only long commands and exit descriptions need.
     */
    private void place() {
        javafx.geometry.Insets pad = getPadding();
        double room = getWidth() - pad.getLeft() - pad.getRight();
        text.setText(full);
        if (room > 0 && text.getLayoutBounds().getWidth() > room) {
            int fits = 0;
            int tooLong = full.length();
            while (tooLong - fits > 1) {
                int mid = (fits + tooLong) >>> 1;
                text.setText(full.substring(0, mid) + "…");
                if (text.getLayoutBounds().getWidth() <= room) {
                    fits = mid;
                } else {
                    tooLong = mid;
                }
            }
            text.setText(full.substring(0, fits) + "…");
        }
        double x = alignRight ? getWidth() - pad.getRight() - text.getLayoutBounds().getWidth() : pad.getLeft();
        text.relocate(Math.round(x), 0);
        text.setLayoutY(Math.round(getHeight() / 2));
    }
}
