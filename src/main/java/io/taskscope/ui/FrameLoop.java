package io.taskscope.ui;

import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import javafx.animation.AnimationTimer;

import java.util.function.Consumer;

/**
 * Once per frame, takes one snapshot of the session (never single records) and hands it to the views; the grid is
 * redrawn at most {@link #GRID_HZ} times a second and the numbers {@link #TEXT_HZ} times, so a frame stays cheap
 * whatever the record rate. Frame intervals are kept for the frame-time benchmark.
 */
final class FrameLoop extends AnimationTimer {

    static final int GRID_HZ = 20;
    static final int TEXT_HZ = 4;

    private final Session session;
    private final Consumer<SessionSnapshot> grid;
    private final Consumer<SessionSnapshot> text;
    private long lastGrid;
    private long lastText;
    private long lastFrame;
    private long[] intervals = new long[0];
    private int frames;

    FrameLoop(Session session, Consumer<SessionSnapshot> grid, Consumer<SessionSnapshot> text) {
        this.session = session;
        this.grid = grid;
        this.text = text;
    }

    @Override
    public void handle(long now) {
        if (lastFrame != 0 && frames < intervals.length) {
            intervals[frames++] = now - lastFrame;
        }
        lastFrame = now;
        boolean gridDue = now - lastGrid >= 1_000_000_000L / GRID_HZ;
        boolean textDue = now - lastText >= 1_000_000_000L / TEXT_HZ;
        if (!gridDue && !textDue) {
            return;
        }
        SessionSnapshot s = session.snapshot();
        if (gridDue) {
            lastGrid = now;
            grid.accept(s);
        }
        if (textDue) {
            lastText = now;
            text.accept(s);
        }
    }

    /** Starts keeping up to {@code capacity} frame intervals (ns). */
    void recordFrames(int capacity) {
        intervals = new long[capacity];
        frames = 0;
    }

    long[] frameIntervals() {
        return java.util.Arrays.copyOf(intervals, frames);
    }
}
