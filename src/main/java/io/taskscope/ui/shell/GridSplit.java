package io.taskscope.ui.shell;

import io.taskscope.ui.grid.CpuGridView;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;

/**
 * The window's split between the grid (with its legend line) and the views below it. The grid gets the height its
 * rows need with cells as large as its width allows, up to a share of the split: 16 CPUs take two rows of cells and
 * leave the rest to the table, 512 CPUs take the share and their cells shrink to fit it (scrolling below the
 * smallest). Dragging the divider sets that share, which the app remembers; a divider dragged below what the grid
 * needs comes back to it, as more room would only be empty.
 */
final class GridSplit {

    /** The share of the split the grid may take until the user drags the divider. */
    static final double DEFAULT_SHARE = 0.5;
    /** A dragged share is kept within these, so neither side can vanish for good. */
    static final double MIN_SHARE = 0.05;
    static final double MAX_SHARE = 0.95;

    private final SplitPane split;
    private final VBox gridBox;
    private final CpuGridView grid;
    /** The share the user chose by dragging, NaN until then; read by the settings' shutdown hook, hence volatile. */
    private volatile double chosenShare = Double.NaN;
    private boolean dragging;

    GridSplit(VBox gridBox, CpuGridView grid, Node views) {
        this.gridBox = gridBox;
        this.grid = grid;
        split = new SplitPane(gridBox, views);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(DEFAULT_SHARE);
        split.heightProperty().addListener((obs, o, n) -> follow());
        split.widthProperty().addListener((obs, o, n) -> follow());
        // the canvas changes size with the machine (CPU count, NUMA rows) and the zoom, which change what it needs
        grid.canvas().widthProperty().addListener((obs, o, n) -> follow());
        grid.canvas().heightProperty().addListener((obs, o, n) -> follow());
        split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = onDivider(e.getPickResult().getIntersectedNode()));
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging) {
                dragging = false;
                chosenShare = clamp(split.getDividerPositions()[0]);
                follow();
            }
        });
    }

    SplitPane pane() {
        return split;
    }

    /** The share the user dragged the divider to, or NaN while they have not. */
    double chosenShare() {
        return chosenShare;
    }

    /** Restores a remembered share (NaN: the default). */
    void setChosenShare(double share) {
        chosenShare = Double.isFinite(share) ? clamp(share) : Double.NaN;
        follow();
    }

    /**
     * Where the divider goes: at what the grid needs, or at the share if it needs more. {@code need} and
     * {@code height} are in pixels, the result is the divider's position (0 top .. 1 bottom); a divider
     * {@code dividerSize} thick sits across its position, so half of it is added to what the grid needs.
     */
    static double position(double need, double height, double dividerSize, double share) {
        if (height <= 0) {
            return share;
        }
        return Math.min(share, (need + dividerSize / 2) / height);
    }

    /** Moves the divider to what the grid needs now, unless the user is dragging it. */
    private void follow() {
        double height = split.getHeight() - split.snappedTopInset() - split.snappedBottomInset();
        if (dragging || height <= 0) {
            return;
        }
        double share = Double.isNaN(chosenShare) ? DEFAULT_SHARE : chosenShare;
        double position = position(gridBoxNeed(), height, dividerSize(), share);
        if (Math.abs(position - split.getDividerPositions()[0]) * height >= 0.5) {
            split.setDividerPositions(position);
        }
    }

    /** The grid box's height with every row of cells shown: its insets, the legend line and the grid. */
    private double gridBoxNeed() {
        double width = split.getWidth() - split.snappedLeftInset() - split.snappedRightInset();
        double need = gridBox.snappedTopInset() + gridBox.snappedBottomInset();
        for (Node child : gridBox.getChildren()) {
            if (child != grid && child.isManaged()) {
                need += child.prefHeight(width) + gridBox.getSpacing();
            }
        }
        return need + grid.heightToShowAll(width - gridBox.snappedLeftInset() - gridBox.snappedRightInset());
    }

    private double dividerSize() {
        Node divider = split.lookup(".split-pane-divider");
        return divider == null ? 0 : divider.getLayoutBounds().getHeight();
    }

    private static boolean onDivider(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double share) {
        return Math.max(MIN_SHARE, Math.min(MAX_SHARE, share));
    }
}
