package io.taskscope.ui.replay;

import io.taskscope.session.Session;
import io.taskscope.source.Pausable;
import io.taskscope.source.Playback;
import io.taskscope.source.Source;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pause, seek, step and speed for whatever the session runs, through the source's capabilities (a replay's
 * {@link Playback}, the simulator's controls): the window never asks which class a source is. FX thread only.
 */
public final class ReplayTransport {
    /** How far Ctrl+. moves a paused replay: one recorded second. */
    public static final long STEP_NANOS = 1_000_000_000L;

    private final Session session;
    private final Consumer<Boolean> showPaused;
    private final Consumer<Double> playAgainFrom;
    private boolean paused;

    /**
     * @param showPaused    told whenever pause flips, to show it (the source bar's Pause/Play)
     * @param playAgainFrom opens the ended replay's file again, to play from a fraction of its span: a replay that
     *                      has played to its end has no thread left to seek
     */
    public ReplayTransport(Session session, Consumer<Boolean> showPaused, Consumer<Double> playAgainFrom) {
        this.session = session;
        this.showPaused = showPaused;
        this.playAgainFrom = playAgainFrom;
    }

    /**
     * A replay that played to its end by itself (not one being switched away from), and not being opened again
     * already: Play starts it again.
     */
    public boolean ended() {
        return !reopening && playback().map(r -> r.ended() && r.recording().isPresent()).orElse(false);
    }

    /** Asked to open the ended replay again; cleared when a source starts or a switch fails. */
    private boolean reopening;

    private void playAgain(double fraction) {
        reopening = true; // a drag's release and its click, or a double click, open it once
        playAgainFrom.accept(fraction);
    }

    /** A switch failed: whatever was asked of the ended replay is over. */
    public void switchFailed() {
        reopening = false;
    }

    /** A new source runs, unpaused. */
    public void sourceStarted() {
        paused = false;
        reopening = false;
        showPaused.accept(false);
    }

    public boolean paused() {
        return paused;
    }

    /** Pauses or resumes a source that can hold still; a live source ignores it. */
    public void togglePause() {
        if (reopening) {
            return; // the ended replay is being opened again: nothing to pause yet
        }
        if (ended()) {
            playAgain(0.0);
            return;
        }
        Optional<Pausable> pausing = source().flatMap(Source::pausing);
        if (pausing.isEmpty()) {
            return;
        }
        paused = !paused;
        if (paused) {
            pausing.get().pause();
        } else {
            pausing.get().resume();
        }
        showPaused.accept(paused);
    }

    /** Pauses (for a film, an export); no-op when already paused. */
    public void pause() {
        if (!paused && !ended()) { // an ended replay holds still already; toggling would play it again
            togglePause();
        }
    }

    /** Seeks the replay to a fraction of the recording's span; going back in time starts the views again there. */
    public void seek(double fraction) {
        if (reopening) {
            return; // its own start is on its way
        }
        if (ended()) {
            playAgain(fraction);
            return;
        }
        playback().ifPresent(replay -> {
            long target = replay.startNanos() + (long) ((replay.endNanos() - replay.startNanos()) * fraction);
            if (replay.positionNanos() != Long.MIN_VALUE && target < replay.positionNanos()) {
                session.resetViews();
            }
            replay.seek(target);
        });
    }

    /** One recorded second forward, when paused. */
    public void step() {
        if (paused) {
            playback().ifPresent(replay -> replay.step(STEP_NANOS));
        }
    }

    public void setSpeed(double speed) {
        playback().ifPresent(replay -> replay.setSpeed(speed));
    }

    /** Where the replay stands: fraction of its span and "12.5 s of 60.0 s"; empty when nothing plays. */
    public Optional<Position> position() {
        return playback().filter(r -> r.positionNanos() != Long.MIN_VALUE).map(r -> {
            double span = Math.max(1, r.endNanos() - r.startNanos());
            double at = r.positionNanos() - r.startNanos();
            return new Position(at / span, String.format(Locale.ROOT, "%.1f s of %.1f s", at / 1e9, span / 1e9));
        });
    }

    /** A replay's place in its recording. */
    public record Position(double fraction, String text) {
    }

    private Optional<Source> source() {
        return Optional.ofNullable(session.source());
    }

    private Optional<Playback> playback() {
        return source().flatMap(Source::playback);
    }
}
