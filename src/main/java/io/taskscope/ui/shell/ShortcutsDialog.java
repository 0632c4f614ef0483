package io.taskscope.ui.shell;

import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.List;

/** Help → Keyboard shortcuts: the grid's gestures, then every menu shortcut, generated from {@link Actions}. */
final class ShortcutsDialog {
    private ShortcutsDialog() {
    }

    static final List<String> GRID_GESTURES = List.of(
            "Click toggles a CPU for the selected listener; drag paints (or erases).",
            "Shift-click sets a range; click a row number for the whole row.",
            "Arrows move, Space toggles; right-click for assign / clear / invert.",
            "Ctrl+scroll zooms the grid.");

    static void show(Stage owner, List<Actions.Action> shortcuts) {
        VBox gestures = new VBox(2);
        Label gridTitle = new Label("In the CPU grid");
        gridTitle.getStyleClass().add("shortcut-menu");
        gestures.getChildren().add(gridTitle);
        GRID_GESTURES.forEach(g -> gestures.getChildren().add(new Label(g)));

        GridPane table = new GridPane();
        table.setHgap(24);
        table.setVgap(3);
        int row = 0;
        String menu = null;
        for (Actions.Action a : shortcuts) {
            if (!a.menu().equals(menu)) {
                menu = a.menu();
                Label title = new Label(menu);
                title.getStyleClass().add("shortcut-menu");
                title.setPadding(new Insets(row == 0 ? 8 : 10, 0, 0, 0));
                table.add(title, 0, row++, 2, 1);
            }
            Label key = new Label(a.shortcutText());
            key.getStyleClass().add("shortcut-key");
            table.add(key, 0, row);
            table.add(new Label(a.label()), 1, row++);
        }
        VBox content = new VBox(6, gestures, table);
        content.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(520, 60 + 22.0 * (row + GRID_GESTURES.size())));
        scroll.setPrefViewportWidth(560);

        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(scroll);
        a.setResizable(true);
        a.show();
    }
}
