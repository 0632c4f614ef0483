package io.taskscope.ui.shell;

import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.ui.recording.Recorder;
import javafx.scene.control.ToggleButton;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The window's record button and File → Record: picks the file, starts the recorder on the running source, asks it
 * to stop without waiting, and shows how it ended (the file closes on the recorder's own thread). FX thread only.
 */
final class RecordingControls {
    private final Stage stage;
    private final Session session;
    private final ToggleButton button;
    private final StatusLine status;
    private final Supplier<SessionSnapshot> newestSnapshot;
    private final Supplier<ListenerSet> listeners;
    private final Consumer<Path> recorded;
    private final Consumer<String> failed;
    private Recorder recorder;

    /**
     * @param newestSnapshot the newest snapshot the frame pump took (the FX thread never takes the session's lock)
     * @param listeners      the listeners as the editor shows them, recorded first
     * @param recorded       told of each file that can be replayed (Recent recordings)
     * @param failed         told why a recording could not start
     */
    RecordingControls(Stage stage, Session session, ToggleButton button, StatusLine status,
                      Supplier<SessionSnapshot> newestSnapshot, Supplier<ListenerSet> listeners,
                      Consumer<Path> recorded, Consumer<String> failed) {
        this.stage = stage;
        this.session = session;
        this.button = button;
        this.status = status;
        this.newestSnapshot = newestSnapshot;
        this.listeners = listeners;
        this.recorded = recorded;
        this.failed = failed;
        button.setOnAction(e -> toggle());
    }

    /** Starts recording into a file the user picks, or stops the recording in progress. */
    void toggle() {
        if (recorder != null) {
            stop();
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Record into");
        chooser.setInitialFileName("taskscope-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".tsk");
        File file = chooser.showSaveDialog(stage);
        if (file == null) {
            button.setSelected(false);
            return;
        }
        start(file.toPath());
    }

    /** Records the running source into {@code file} until {@link #stop()} or a write error. */
    void start(Path file) {
        try {
            SessionSnapshot s = newestSnapshot.get();
            recorder = Recorder.start(session, file, listeners.get(),
                    s == null ? 0 : s.taskstatsVersion(), this::ended);
            button.setSelected(true);
            status.setRecording(recorder);
        } catch (RuntimeException e) {
            button.setSelected(false);
            failed.accept("Cannot record into " + file + ": " + e.getMessage());
        }
    }

    /** Asks the recording to stop; the FX thread does not wait: {@link #ended} follows. */
    void stop() {
        if (recorder != null) {
            recorder.stop();
            button.setDisable(true); // until the file is closed
        }
        button.setSelected(false);
    }

    /** The editor's listeners changed: the recording keeps the edit, at its moment. */
    void listenersChanged(ListenerSet now) {
        if (recorder != null) {
            recorder.listenersChanged(now);
        }
    }

    boolean recording() {
        return recorder != null;
    }

    private void ended(Recorder.Outcome o) {
        button.setSelected(false);
        button.setDisable(false);
        status.recordingEnded(o);
        if (o.readable()) {
            recorded.accept(o.file());
        }
        recorder = null; // last: whoever sees "not recording" sees the outcome shown
    }
}
