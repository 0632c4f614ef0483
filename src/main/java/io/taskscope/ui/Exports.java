package io.taskscope.ui;

import io.taskscope.core.Listener;
import io.taskscope.export.ExportFormat;
import io.taskscope.export.TimeRange;
import io.taskscope.session.views.ExitViews;
import io.taskscope.store.ReplaySource;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** File → Export: records of the focused listener (CSV, Perfetto), with a progress window and Cancel. */
final class Exports {

    private final Stage stage;
    private final AppModel model;
    private final StatusLine status;

    Exports(Stage stage, AppModel model, StatusLine status) {
        this.stage = stage;
        this.model = model;
        this.status = status;
    }

    /** Asks for the range (a replay) and the file, then exports in the background. */
    void chooseAndExport(ExportFormat format) {
        Optional<TimeRange> range = model.session().source() instanceof ReplaySource replay
                ? askRange(replay) : Optional.of(TimeRange.ALL);
        if (range.isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + focusLabel() + " as " + format.label());
        chooser.setInitialFileName("taskscope-" + focusLabel().replaceAll("[^A-Za-z0-9_.-]", "_") + "."
                + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            export(format, range.get(), file.toPath());
        }
    }

    /** Exports the focused listener's records into {@code out} in the background; the task is returned for tests. */
    Task<String> export(ExportFormat format, TimeRange range, Path out) {
        int focus = model.focusProperty().get();
        String name = focus == ExitViews.ALL ? null : model.listenersProperty().get().byId(focus)
                .map(Listener::name).orElse(null);
        Task<String> task = RecordsExport.task(model.session(),
                new RecordsExport.Request(format, focus, name, range, out));
        ProgressWindow.run(stage, "Export", task, t -> {
            if (t.getState() == javafx.concurrent.Worker.State.SUCCEEDED) {
                status.setText(t.getValue());
            } else if (t.getState() == javafx.concurrent.Worker.State.CANCELLED) {
                status.setText("Export cancelled; nothing was written");
            } else {
                Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(t.getException().getMessage()));
                alert.initOwner(stage);
                alert.setHeaderText("The export failed; nothing was written");
                alert.show();
            }
        });
        return task;
    }

    private String focusLabel() {
        int focus = model.focusProperty().get();
        return focus == ExitViews.ALL ? "all CPUs" : model.listenersProperty().get().byId(focus)
                .map(Listener::name).orElse("listener");
    }

    /** From/to in seconds of the recording; blank is its start or end. */
    private Optional<TimeRange> askRange(ReplaySource replay) {
        double length = Math.max(0, (replay.endNanos() - replay.startNanos()) / 1e9);
        Dialog<TimeRange> dialog = new Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle("Export");
        dialog.setHeaderText(String.format(Locale.ROOT, "Export what %s received, from the recording (%.1f s long)",
                focusLabel(), length));
        TextField from = new TextField();
        from.setPromptText("0");
        TextField to = new TextField();
        to.setPromptText(String.format(Locale.ROOT, "%.1f", length));
        Label error = new Label();
        error.getStyleClass().add("error-text");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("From (s)"), from);
        grid.addRow(1, new Label("To (s)"), to);
        grid.add(error, 0, 2, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        javafx.scene.Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            String problem = rangeProblem(from.getText(), to.getText());
            error.setText(problem == null ? "" : problem);
            ok.setDisable(problem != null);
        };
        from.textProperty().addListener((o, a, b) -> check.run());
        to.textProperty().addListener((o, a, b) -> check.run());
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new TimeRange(seconds(from.getText()), seconds(to.getText())) : null);
        return dialog.showAndWait();
    }

    /** Why the range cannot be used, or null. */
    static String rangeProblem(String from, String to) {
        try {
            Duration f = seconds(from);
            Duration t = seconds(to);
            if ((f != null && f.isNegative()) || (t != null && t.isNegative())) {
                return "Times are seconds from the start of the recording, not negative.";
            }
            if (f != null && t != null && t.compareTo(f) <= 0) {
                return "'To' must come after 'from'.";
            }
            return null;
        } catch (NumberFormatException e) {
            return "Times are numbers of seconds, e.g. 12.5.";
        }
    }

    private static Duration seconds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Duration.ofNanos(Math.round(Double.parseDouble(text.strip()) * 1e9));
    }
}
