package io.taskscope.ui;

import io.taskscope.cli.VersionInfo;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop app. For now a window that says what Taskscope is; the CPU grid, listeners and sources arrive with
 * the desktop-app issue.
 */
public final class TaskscopeApp extends Application {

    /** Starts the JavaFX toolkit and blocks until the last window closes. */
    public static void launchAndWait() {
        Application.launch(TaskscopeApp.class);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Taskscope " + VersionInfo.version());
        title.setStyle("-fx-font-size: 22px; -fx-font-weight: bold;");
        Label body = new Label("Linux taskstats per-CPU listeners, visualised.\n"
                + "The CPU grid, virtual listeners and sources are on their way; meanwhile see `taskscope --help`.");
        body.setWrapText(true);
        VBox root = new VBox(12, title, body);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(24));
        stage.setTitle("Taskscope");
        stage.setScene(new Scene(root, 720, 240));
        stage.show();
    }
}
