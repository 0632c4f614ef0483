package io.taskscope.ui.listeners;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ColorPicker;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.function.Consumer;

/**
 * A listener's colour in its row: a swatch button until the first click, which puts a ColorPicker in its place and
 * opens its palette. A ColorPicker's skin is among the dearest of a row to style and lay out, and every row paid it
 * before the first frame (with 8 listeners, 8 pickers, palettes and all) for a choice most users never make.
 */
final class ColourCell {
    /** The width both forms take, so the swap moves nothing. */
    private static final double WIDTH = 44;

    private final Button swatch = new Button();
    private final Rectangle chip = new Rectangle(13, 13);
    private final Consumer<Color> chosen;
    private final Consumer<Node> replaced;
    private ColorPicker picker;
    private Color colour = Color.GRAY;

    /**
     * @param chosen   called with the colour the user picked
     * @param replaced called with the picker when it takes the swatch's place (the row places it from then on)
     */
    ColourCell(String id, Consumer<Color> chosen, Consumer<Node> replaced) {
        this.chosen = chosen;
        this.replaced = replaced;
        swatch.setId(id);
        swatch.getStyleClass().add("colour-swatch");
        chip.getStyleClass().add("chip");
        swatch.setGraphic(chip);
        swatch.setAlignment(javafx.geometry.Pos.CENTER_LEFT); // where the picker shows its colour
        swatch.setPrefWidth(WIDTH);
        swatch.setMinWidth(WIDTH);
        swatch.setOnAction(e -> openPicker());
    }

    Node node() {
        return picker != null ? picker : swatch;
    }

    void setColour(Color c) {
        colour = c;
        chip.setFill(c);
        if (picker != null) {
            picker.setValue(c);
        }
    }

    private void openPicker() {
        if (!(swatch.getParent() instanceof GridPane grid)) {
            return;
        }
        picker = new ColorPicker(colour);
        picker.setId(swatch.getId());
        picker.getStyleClass().add("button");
        picker.setPrefWidth(WIDTH);
        picker.setMinWidth(WIDTH);
        picker.setOnAction(e -> chosen.accept(picker.getValue()));
        GridPane.setConstraints(picker, GridPane.getColumnIndex(swatch), GridPane.getRowIndex(swatch));
        grid.getChildren().set(grid.getChildren().indexOf(swatch), picker);
        replaced.accept(picker);
        picker.applyCss(); // its skin now, so the palette opens on this click
        picker.requestFocus();
        picker.show();
    }
}
