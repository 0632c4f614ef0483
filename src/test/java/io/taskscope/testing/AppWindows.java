package io.taskscope.testing;

import io.taskscope.core.ListenerSet;
import io.taskscope.ui.shell.MainWindow;
import javafx.stage.Stage;

/** The window a TestFX test starts with ({@code @Start}): the app's main window, shown, before any source runs. */
public final class AppWindows {

    private AppWindows() {
    }

    /** A main window with {@code listeners}, shown on {@code stage} at {@code width} × {@code height}. */
    public static MainWindow shown(Stage stage, ListenerSet listeners, int width, int height) {
        MainWindow window = new MainWindow(stage, listeners);
        stage.setScene(window.scene(width, height));
        stage.show();
        return window;
    }
}
