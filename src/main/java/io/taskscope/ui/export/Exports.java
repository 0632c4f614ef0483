package io.taskscope.ui.export;

import io.taskscope.core.Listener;
import io.taskscope.export.ExportFormat;
import io.taskscope.export.TimeRange;
import io.taskscope.session.views.ExitViews;
import io.taskscope.source.Playback;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FrameLoop;
import io.taskscope.ui.base.ProgressWindow;
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
import java.util.function.Consumer;

/**
 * File → Export: records of the focused listener (CSV, Perfetto) and films of a replay (animated GIF, PNGs), each
 * with a progress window and Cancel.
 */
public final class Exports {

    private final Stage stage;
    private final AppModel model;
    /** Where the outcome is told (the status bar). */
    private final Consumer<String> status;
    private final FrameLoop frames;
    private final Runnable pauseReplay;

    /**
     * @param pauseReplay pauses the running replay the way the Pause button does (a film steps a paused replay)
     */
    public Exports(Stage stage, AppModel model, Consumer<String> status, FrameLoop frames, Runnable pauseReplay) {
        this.stage = stage;
        this.model = model;
        this.status = status;
        this.frames = frames;
        this.pauseReplay = pauseReplay;
    }

    /** Asks for the range (a replay) and the file, then exports in the background. */
    public void chooseAndExport(ExportFormat format) {
        Optional<Playback> playback = playback();
        Optional<TimeRange> range = playback.isPresent() ? askRange(playback.get()) : Optional.of(TimeRange.ALL);
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
        ProgressWindow.run(stage, "Export", task, this::report);
        return task;
    }

    private void report(Task<String> t) {
        if (t.getState() == javafx.concurrent.Worker.State.SUCCEEDED) {
            status.accept(t.getValue());
        } else if (t.getState() == javafx.concurrent.Worker.State.CANCELLED) {
            status.accept("Cancelled; nothing was kept");
        } else {
            tell(Alert.AlertType.ERROR, "It failed; nothing was kept", String.valueOf(t.getException().getMessage()));
        }
    }

    /** A message over the window that does not wait for its OK. */
    private void tell(Alert.AlertType type, String header, String text) {
        Alert alert = new Alert(type, text);
        alert.initOwner(stage);
        alert.setHeaderText(header);
        alert.show();
    }

    /** Asks for the span, pace and file of a film of the replay, then makes it in the background. */
    public void chooseAndFilm() {
        Playback replay = playback().orElse(null);
        if (replay == null) {
            tell(Alert.AlertType.INFORMATION, "No recording is open", "A film is made from a replay: open a recording "
                    + "(File → Open recording), then choose the span to film.");
            return;
        }
        if (!replay.running()) {
            tell(Alert.AlertType.INFORMATION, "The replay has ended", "The replay has played to its end. Open the "
                    + "recording again (File → Recent recordings), then make the film.");
            return;
        }
        double length = Math.max(0, (replay.endNanos() - replay.startNanos()) / 1e9);
        Dialog<ReplayFilm.Options> dialog = new Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle("Film of the replay");
        dialog.setHeaderText(String.format(Locale.ROOT, "The window over a span of the recording (%.1f s long), "
                + "for slides", length));
        TextField from = new TextField("0");
        // rounded down to a tenth, so the default lies within the recording (the header rounds to the nearest)
        TextField to = new TextField(String.format(Locale.ROOT, "%.1f", Math.floor(Math.min(length, 30) * 10) / 10));
        TextField every = new TextField("1");
        TextField frameMs = new TextField("250");
        javafx.scene.control.ComboBox<String> kind = new javafx.scene.control.ComboBox<>();
        kind.getItems().addAll("Animated GIF", "PNG sequence (a folder)");
        kind.setValue("Animated GIF");
        javafx.scene.control.ComboBox<String> scale = new javafx.scene.control.ComboBox<>();
        scale.getItems().addAll("100 %", "75 %", "50 %");
        scale.setValue("100 %");
        Label error = new Label();
        javafx.scene.Node ok = form(dialog, error, "From (s)", from, "To (s)", to, "A frame every (recorded s)", every,
                "Each frame shows (ms)", frameMs, "Save as", kind, "Size", scale);
        java.util.function.Function<Path, ReplayFilm.Options> options = out -> new ReplayFilm.Options(out,
                kind.getValue().startsWith("Animated"), Double.parseDouble(from.getText().strip()),
                Double.parseDouble(to.getText().strip()), Double.parseDouble(every.getText().strip()),
                Integer.parseInt(frameMs.getText().strip()),
                Integer.parseInt(scale.getValue().replaceAll("[^0-9]", "")) / 100.0);
        Runnable check = () -> {
            String problem;
            try {
                ReplayFilm.Options o = options.apply(Path.of("."));
                problem = o.problem(length);
                if (problem == null) {
                    problem = "";
                    error.setText(o.frames() + " frames");
                }
            } catch (NumberFormatException e) {
                problem = "Times and durations are numbers, e.g. 12.5 (frame ms: a whole number).";
            }
            if (!problem.isEmpty()) {
                error.setText(problem);
            }
            ok.setDisable(!problem.isEmpty());
        };
        for (TextField f : new TextField[]{from, to, every, frameMs}) {
            f.textProperty().addListener((obs, a, b) -> check.run());
        }
        check.run();
        dialog.setResultConverter(b -> b == ButtonType.OK ? options.apply(Path.of(".")) : null);
        Optional<ReplayFilm.Options> chosen = dialog.showAndWait();
        if (chosen.isEmpty()) {
            return;
        }
        File target;
        if (chosen.get().gif()) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the film as");
            chooser.setInitialFileName("taskscope-replay.gif");
            target = chooser.showSaveDialog(stage);
        } else {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Folder for the frames");
            target = chooser.showDialog(stage);
        }
        if (target != null) {
            ReplayFilm.Options o = chosen.get();
            film(new ReplayFilm.Options(target.toPath(), o.gif(), o.fromSeconds(), o.toSeconds(), o.everySeconds(),
                    o.frameMillis(), o.scale()));
        }
    }

    /** Makes a film of the open replay in the background; the task is returned for tests. */
    Task<String> film(ReplayFilm.Options options) {
        Playback replay = playback().orElseThrow(() -> new IllegalStateException("no replay is open"));
        pauseReplay.run();
        Task<String> task = ReplayFilm.task(replay, model.session(), frames, stage.getScene(), options);
        ProgressWindow.run(stage, "Film", task, this::report);
        return task;
    }

    private String focusLabel() {
        int focus = model.focusProperty().get();
        return focus == ExitViews.ALL ? "all CPUs" : model.listenersProperty().get().byId(focus)
                .map(Listener::name).orElse("listener");
    }

    /** From/to in seconds of the recording; blank is its start or end. */
    /** The running source's transport, when it plays recorded time. */
    private Optional<Playback> playback() {
        io.taskscope.source.Source source = model.session().source();
        return source == null ? Optional.empty() : source.playback();
    }

    private Optional<TimeRange> askRange(Playback replay) {
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
        javafx.scene.Node ok = form(dialog, error, "From (s)", from, "To (s)", to);
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

    /**
     * Lays out a dialog's fields as label/field rows (pairs in {@code rows}), {@code message} under them, OK and
     * Cancel; returns the OK button, which the caller enables while the fields make sense.
     */
    private static javafx.scene.Node form(Dialog<?> dialog, Label message, Object... rows) {
        message.getStyleClass().add("error-text");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        for (int i = 0; i < rows.length; i += 2) {
            grid.addRow(i / 2, new Label((String) rows[i]), (javafx.scene.Node) rows[i + 1]);
        }
        grid.add(message, 0, rows.length / 2, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        return dialog.getDialogPane().lookupButton(ButtonType.OK);
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
