package io.taskscope.ui.table;

import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Widens a table's visible columns to fill its width: each gets its natural width (what its values were given, or
 * its whole header if that is wider, or what the user dragged it to) times one stretch, so none is cut and no empty
 * strip is left on the right. Where even the natural widths do not fit, they are kept and the table scrolls
 * sideways (a constrained resize policy would squeeze forty columns into the window instead).
 */
final class ColumnFill {

    /** Room in a header beside its label: the label's padding and a sort arrow. */
    private static final double HEADER_SPARE = 12;

    private final TableView<?> table;
    /** Widths the columns were made with. */
    private final Map<TableColumn<?, ?>, Double> declared = new HashMap<>();
    /** Natural widths from a user's drag, which replace the declared ones. */
    private final Map<TableColumn<?, ?>, Double> dragged = new HashMap<>();
    private final Map<TableColumn<?, ?>, Double> assigned = new HashMap<>();
    private double stretch = 1;
    private boolean assigning;
    private Region viewport;

    ColumnFill(TableView<?> table) {
        this.table = table;
        for (TableColumn<?, ?> col : table.getColumns()) {
            declared.put(col, col.getPrefWidth());
            col.visibleProperty().addListener((obs, o, n) -> fill());
            col.widthProperty().addListener((obs, o, n) -> resized(col, n.doubleValue()));
        }
        table.skinProperty().addListener((obs, o, skin) -> {
            // the rows' viewport: the table's width less the vertical scroll bar while it shows
            if (table.lookup(".clipped-container") instanceof Region found) {
                viewport = found;
                found.widthProperty().addListener((w, was, is) -> fill());
            }
            fill();
        });
    }

    /**
     * The widths for columns of these natural widths in {@code available} pixels: stretched alike to fill it, the
     * last taking the rounding; or the natural widths themselves when they need more.
     */
    static double[] widths(double[] natural, double available) {
        double sum = 0;
        for (double w : natural) {
            sum += w;
        }
        if (natural.length == 0 || sum <= 0 || sum >= available) {
            return natural.clone();
        }
        double stretch = available / sum;
        double[] out = new double[natural.length];
        double used = 0;
        for (int i = 0; i < natural.length - 1; i++) {
            out[i] = Math.floor(natural[i] * stretch);
            used += out[i];
        }
        out[natural.length - 1] = available - used;
        return out;
    }

    /** Gives the visible columns their share of the table's width now. */
    void fill() {
        List<? extends TableColumn<?, ?>> visible = table.getVisibleLeafColumns();
        double available = viewport == null ? 0 : viewport.getWidth();
        if (visible.isEmpty() || available <= 0) {
            return;
        }
        double[] natural = new double[visible.size()];
        double sum = 0;
        for (int i = 0; i < natural.length; i++) {
            natural[i] = natural(visible.get(i));
            sum += natural[i];
        }
        double[] widths = widths(natural, Math.floor(available) - 1);
        stretch = Math.max(1, (Math.floor(available) - 1) / sum);
        assigning = true;
        try {
            for (int i = 0; i < widths.length; i++) {
                assigned.put(visible.get(i), widths[i]);
                visible.get(i).setPrefWidth(widths[i]);
            }
        } finally {
            assigning = false;
        }
    }

    /** Its declared width or its header's, whichever is wider; or the width a user gave it. */
    private double natural(TableColumn<?, ?> col) {
        Double user = dragged.get(col);
        if (user != null) {
            return user;
        }
        Node label = col.getGraphic();
        if (label != null && label.getScene() != null) {
            label.applyCss(); // measured in the header's own font
        }
        double header = label == null ? 0 : label.prefWidth(-1) + HEADER_SPARE;
        return Math.max(declared.getOrDefault(col, col.getPrefWidth()), Math.ceil(header));
    }

    /** A width this class did not assign is the user's (a drag on the header's edge): it becomes the natural one. */
    private void resized(TableColumn<?, ?> col, double width) {
        Double mine = assigned.get(col);
        if (!assigning && mine != null && Math.abs(width - mine) > 0.5) {
            dragged.put(col, width / stretch);
            assigned.put(col, width);
        }
    }
}
