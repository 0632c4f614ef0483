package io.taskscope.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A source that plays records laid out in recorded time (a replay): it can pause, change speed, jump and step.
 * Times are recorded epoch nanoseconds; {@link Long#MIN_VALUE} means "none yet".
 */
public interface Playback extends Pausable {

    /** Recorded seconds per real second; 0 for as fast as possible. */
    void setSpeed(double speed);

    /** First recorded time, for a timeline. */
    long startNanos();

    /** Last recorded time. */
    long endNanos();

    /** The last record handed over, or the target of the last seek ({@link Long#MIN_VALUE} before either). */
    long positionNanos();

    /** Jumps to recorded time {@code nanos}: the next record handed over is the first at or after it. */
    void seek(long nanos);

    /** While paused, plays up to recorded time {@code nanos}, then pauses again. */
    void stepTo(long nanos);

    /** While paused, plays {@code nanos} more of recorded time, then pauses again. */
    default void step(long nanos) {
        long at = positionNanos();
        stepTo((at == Long.MIN_VALUE ? startNanos() : at) + nanos);
    }

    /** Still playing or paused (false once it has ended or stopped). */
    boolean running();

    /** Played to its end by itself (not stopped, not failed): a Play then starts it again. */
    default boolean ended() {
        return false;
    }

    /** A step is still being played. */
    boolean stepping();

    /** A seek has not been served yet. */
    boolean seeking();

    /** The file played, when there is one: exports read every record of a span from it. */
    Optional<Path> recording();

    /** What of the recording is damaged and cannot play, for people; empty for an intact one. */
    default Optional<String> damage() {
        return Optional.empty();
    }
}
