package io.taskscope.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The first launch's short tour, over the running source: the three things on screen and where to go next. It says
 * which source runs (simulator, live, a stream, a recording) and follows a switch while shown
 * ({@link #showSource}). Dismissed with "Got it" (or Esc, Enter, a click outside); Help → Introduction shows it again.
 */
public final class WelcomeOverlay extends StackPane {

    private final Runnable dismissed;
    private final Label intro = wrap("");
    private final Label live = wrap("");

    WelcomeOverlay(IntroductionText.Running running, Runnable dismissed) {
        this.dismissed = dismissed;
        setId("welcome");
        getStyleClass().add("welcome-backdrop");
        VBox card = new VBox(12);
        card.getStyleClass().add("welcome-card");
        card.setMaxWidth(620);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        card.setPadding(new Insets(22, 26, 18, 26));
        Label title = new Label("Welcome to Taskscope");
        title.getStyleClass().add("welcome-title");
        intro.setId("welcome-intro");
        GridPane points = new GridPane();
        points.setHgap(12);
        points.setVgap(10);
        point(points, 0, "1", "CPU grid and listeners",
                "Each square is a CPU, warmer as more tasks exit on it. A listener registers a set of CPUs and gets "
                        + "the exits there: its colour stripes the CPUs it holds. Click or drag on the grid to give "
                        + "CPUs to the selected listener, or type a cpulist (0-3,8) in the Listeners tab.");
        point(points, 1, "2", "Exits table",
                "The tasks a listener received, newest first, with their delays as time and as % of their lifetime. "
                        + "Search, sort, freeze; double-click a row for every field of the record.");
        point(points, 2, "3", "Heatmap and dashboard",
                "CPU × time of exits, lost records or any delay, and live tiles. Click a heatmap cell to see its exits.");
        live.setId("welcome-next");
        live.getStyleClass().add("welcome-live");
        showSource(running);
        Button ok = new Button("Got it");
        ok.setId("welcome-ok");
        ok.setDefaultButton(true);
        ok.setOnAction(e -> dismiss());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox buttons = new HBox(spring, ok);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        card.getChildren().addAll(title, intro, points, live, buttons);
        card.setOnMouseClicked(e -> e.consume());
        getChildren().add(card);
        setOnMouseClicked(e -> dismiss());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.ENTER) {
                dismiss();
                e.consume();
            }
        });
        ok.sceneProperty().addListener((obs, o, scene) -> {
            if (scene != null) {
                javafx.application.Platform.runLater(ok::requestFocus);
            }
        });
    }

    /** The source under the introduction changed (or is now known): the text says which it is. */
    void showSource(IntroductionText.Running running) {
        intro.setText(IntroductionText.intro(running));
        live.setText(IntroductionText.next(running));
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static void point(GridPane grid, int row, String number, String title, String text) {
        Label n = new Label(number);
        n.getStyleClass().add("welcome-number");
        n.setMinSize(26, 26);
        n.setAlignment(Pos.CENTER);
        Label t = new Label(title);
        t.getStyleClass().add("welcome-point");
        VBox body = new VBox(2, t, wrap(text));
        GridPane.setValignment(n, javafx.geometry.VPos.TOP);
        GridPane.setHgrow(body, Priority.ALWAYS);
        grid.addRow(row, n, body);
    }

    private void dismiss() {
        if (getParent() instanceof StackPane parent) {
            parent.getChildren().remove(this);
            dismissed.run();
        }
    }
}
