package io.taskscope.ui.shell;

import io.taskscope.session.SessionSnapshot;
import io.taskscope.source.SourceState;
import io.taskscope.ui.base.LazyTooltip;
import io.taskscope.ui.recording.Recorder;
import io.taskscope.ui.recording.RecordingChip;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;

import java.util.Locale;

/** The status bar: source and state on the left; records/s, received, lost, struct version and warnings right. */
public final class StatusLine extends StatusBar {

    private final Label rate = new Label();
    private final Label received = new Label();
    private final Label lost = new Label();
    private final Label version = new Label();
    private final Label warning = new Label();
    private final RecordingChip recording = new RecordingChip();
    /** A message that the source's line does not overwrite until {@link #noticeUntil} (a recording's end). */
    private String notice;
    private long noticeUntil;
    private long previousReceived;
    private long previousNanos;
    private long previousGeneration = -1;
    private long previousLost;
    private long losingUntil;
    private String standingWarning;

    StatusLine() {
        getStyleClass().add("status-line");
        setId("status");
        warning.getStyleClass().addAll("chip", "warn");
        warning.setVisible(false);
        lost.getStyleClass().add("lost");
        LazyTooltip.set(lost, "Records lost, by where: kernel = a socket's receive queue overflowed (sequence "
                + "gaps, ENOBUFS; for the simulator, its model of it); queue = Taskscope's own queue between its socket "
                + "reader and the rest was full.");
        javafx.scene.layout.HBox.setMargin(recording, new javafx.geometry.Insets(0, 6, 0, 0));
        getLeftItems().add(recording);
        getRightItems().addAll(rate, new Separator(javafx.geometry.Orientation.VERTICAL), received,
                new Separator(javafx.geometry.Orientation.VERTICAL), lost,
                new Separator(javafx.geometry.Orientation.VERTICAL), version, warning);
        setText("Starting…");
    }

    /** A warning that stays until cleared (delay accounting off, no permission...). */
    void setStandingWarning(String shortText, String explanation) {
        standingWarning = shortText;
        warning.setText(shortText);
        LazyTooltip.set(warning, explanation);
        warning.setVisible(shortText != null);
    }

    /** Shows a recording's elapsed time and size while it runs (null: none). */
    void setRecording(Recorder r) {
        recording.show(r);
    }

    /** A recording ended: the chip says how, and the line says it in full for a while (a failure for longer). */
    void recordingEnded(Recorder.Outcome o) {
        recording.ended(o);
        notice = o.message();
        noticeUntil = System.nanoTime() + (o.failed() ? 30_000_000_000L : 8_000_000_000L);
        pseudoClassStateChanged(ERROR, o.failed());
        setText(notice);
    }

    /** Says what an action did (an undo, a switch that kept masks) for a while before the source's line returns. */
    void notice(String text) {
        notice = text;
        noticeUntil = System.nanoTime() + 8_000_000_000L;
        pseudoClassStateChanged(ERROR, false);
        setText(text);
    }

    private static final javafx.css.PseudoClass ERROR = javafx.css.PseudoClass.getPseudoClass("error");

    private void line(String text) {
        if (notice != null && System.nanoTime() - noticeUntil < 0) {
            return;
        }
        if (notice != null) {
            notice = null;
            pseudoClassStateChanged(ERROR, false);
        }
        setText(text);
    }

    /** Something new is under way: a notice about what came before gives way to it. */
    void busy(String what) {
        notice = null;
        pseudoClassStateChanged(ERROR, false);
        setText(what);
        setProgress(-1);
    }

    private static final String LOSING_TIP_TEXT = "A listener's receive queue overflowed: split its CPUs over "
            + "more listeners, or give it a bigger buffer or a faster reader.";

    void update(SessionSnapshot s) {
        setProgress(0);
        recording.refresh();
        if (s.info() == null) {
            line(s.detail());
            return;
        }
        String state = s.state() == SourceState.RUNNING ? "" : "  —  " + s.state().name().toLowerCase(Locale.ROOT);
        line(s.info().description() + state + (s.state() == SourceState.FAILED ? ": " + s.detail() : ""));
        if (s.generation() != previousGeneration) {
            previousGeneration = s.generation();
            previousReceived = s.received();
            previousLost = s.lost();
            previousNanos = s.nanoTime();
        }
        double seconds = (s.nanoTime() - previousNanos) / 1e9;
        if (seconds >= 0.5) {
            rate.setText(String.format(Locale.ROOT, "%,.0f records/s", (s.received() - previousReceived) / seconds));
            if (s.lost() > previousLost) {
                losingUntil = s.nanoTime() + 3_000_000_000L;
            }
            previousReceived = s.received();
            previousLost = s.lost();
            previousNanos = s.nanoTime();
        }
        received.setText(String.format(Locale.ROOT, "%,d received", s.received()));
        lost.setText(s.lost() == 0 ? "0 lost" : String.format(Locale.ROOT, "%,d lost: kernel %,d · queue %,d",
                s.lost(), s.lost() - s.lostInQueue(), s.lostInQueue()));
        lost.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("losing"), s.lost() > 0);
        version.setText(s.taskstatsVersion() == 0 ? "taskstats v?" : "taskstats v" + s.taskstatsVersion());
        boolean losing = s.nanoTime() < losingUntil;
        if (standingWarning == null) {
            // set on changes only: a Tooltip made 4 times a second cost the FX thread milliseconds each time
            if (losing != warning.isVisible() || !java.util.Objects.equals(warning.getText(), losing ? "losing records" : "")) {
                warning.setText(losing ? "losing records" : "");
                LazyTooltip.set(warning, losing ? LOSING_TIP_TEXT : null);
                warning.setVisible(losing);
            }
        }
    }
}
