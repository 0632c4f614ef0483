package io.taskscope.ui.recording;

import io.taskscope.core.Units;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import java.util.Locale;

/**
 * The REC chip in the status bar: time and size while recording, "Stopping…" while the file is closed, then how it
 * ended. A finished recording's line goes after {@link #DONE_SHOWN_NANOS}; a failed one stays red until clicked or
 * the next recording, so that a disk that filled up is not missed. FX thread only.
 */
public final class RecordingChip extends Label {

    static final long DONE_SHOWN_NANOS = 10_000_000_000L;
    private static final String FAILED = "failed";
    private static final String DONE = "done";

    private Recorder recorder;
    private long doneSince = -1;

    public RecordingChip() {
        setId("recording-chip");
        getStyleClass().addAll("chip", "rec");
        setOnMouseClicked(e -> {
            if (recorder == null) {
                hide();
            }
        });
        hide();
    }

    /** Shows a recording's progress from now on (null: nothing). */
    public void show(Recorder r) {
        recorder = r;
        doneSince = -1;
        getStyleClass().removeAll(FAILED, DONE);
        setTooltip(r == null ? null : new Tooltip("Recording into " + r.file() + "; click the record button to stop"));
        setVisible(r != null);
        setManaged(r != null);
        refresh();
    }

    /** A few times a second: the time and size, or the end of a finished recording's line. */
    public void refresh() {
        Recorder r = recorder;
        if (r != null) {
            long seconds = r.elapsedNanos() / 1_000_000_000L;
            String size = Units.bytes(r.bytes());
            setText(r.phase() == Recorder.Phase.RECORDING
                    ? String.format(Locale.ROOT, "● REC %02d:%02d  %s", seconds / 60, seconds % 60, size)
                    : "● Stopping…  " + size);
        } else if (doneSince >= 0 && System.nanoTime() - doneSince > DONE_SHOWN_NANOS) {
            hide();
        }
    }

    /** The recording ended: says how, in a word on the chip and in full in its tooltip. */
    public void ended(Recorder.Outcome o) {
        if (o.recorder() != recorder) {
            return; // an older recording's end, after a newer one started
        }
        recorder = null;
        getStyleClass().add(o.failed() ? FAILED : DONE);
        setText(o.failed() ? "● REC failed: " + o.result().problem()
                : String.format(Locale.ROOT, "✓ Recorded %,d records", o.result().records()));
        setTooltip(new Tooltip(o.message() + (o.failed() ? "\n(click to dismiss)" : "")));
        doneSince = o.failed() ? -1 : System.nanoTime();
        setVisible(true);
        setManaged(true);
    }

    private void hide() {
        doneSince = -1;
        setVisible(false);
        setManaged(false);
    }
}
