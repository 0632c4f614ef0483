package io.taskscope.ui.base;

import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;

/**
 * Long work (an export, a film) on its own thread, with a window showing its progress and a Cancel button (Esc). The
 * FX thread never waits for it; {@code done} runs on the FX thread with the task once it has succeeded, failed or
 * been cancelled.
 */
public final class ProgressWindow {

    private ProgressWindow() {
    }

    public static <T> Stage run(Window owner, String title, Task<T> task, Consumer<Task<T>> done) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL); // one job at a time; a film must not be resumed under it
        stage.setTitle(title);
        Label message = new Label();
        message.textProperty().bind(task.messageProperty());
        message.setMinWidth(360);
        ProgressBar bar = new ProgressBar();
        bar.setId("job-progress");
        bar.progressProperty().bind(task.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Button cancel = new Button("Cancel");
        cancel.setId("job-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> task.cancel());
        HBox buttons = new HBox(cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(10, message, bar, buttons);
        box.setPadding(new Insets(14));
        stage.setScene(new Scene(box));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
            box.getStyleClass().setAll(owner.getScene().getRoot().getStyleClass());
        }
        stage.setOnCloseRequest(e -> task.cancel());
        Runnable finish = () -> {
            stage.close();
            done.accept(task);
        };
        task.setOnSucceeded(e -> finish.run());
        task.setOnFailed(e -> finish.run());
        task.setOnCancelled(e -> finish.run());
        Thread worker = new Thread(task, "taskscope-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        worker.setDaemon(true);
        worker.start();
        stage.show();
        return stage;
    }
}
