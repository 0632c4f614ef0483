package io.taskscope.ui.base;

import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.RowSpan;
import io.taskscope.session.views.ViewSnapshot;
import javafx.animation.AnimationTimer;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds the views without ever letting the FX thread wait: a pump thread takes the session's snapshots (whose lock
 * a batch may hold for milliseconds) and publishes the newest; once per frame the FX thread picks up whatever is
 * new and hands it on: the grid at most {@link #GRID_HZ} times a second, numbers {@link #TEXT_HZ} times and the
 * per-listener view {@link #VIEW_HZ} times. Frame intervals are kept for the frame-time benchmark.
 */
public final class FrameLoop extends AnimationTimer {

    public static final int GRID_HZ = 20;
    static final int TEXT_HZ = 4;
    /*
     * A table refresh changes every visible cell's text (at 100 000 exits/s every row changes each time); twice a
     * second is as fast as anyone reads it, and at 4 Hz the frame-time p99 with the table open was 20.0-20.6 ms
     * against 18.6-19.8 ms at 2 Hz (gui --bench 30s --view table, PlainTextCell cells).
     */
    static final int VIEW_HZ = 2;

    /**
     * What the per-listener view on screen needs from the session; null when none is on screen.
     *
     * @param made the table rows that need records, asked afresh for every snapshot (the table scrolls)
     */
    public record ViewRequest(int focus, Metric metric, int rows, Supplier<RowSpan> made) {
    }

    private final Session session;
    private final Consumer<SessionSnapshot> grid;
    private final Consumer<SessionSnapshot> text;
    private final Consumer<ViewSnapshot> view;
    private final AtomicReference<SessionSnapshot> latest = new AtomicReference<>();
    private final AtomicReference<RoundView> latestView = new AtomicReference<>();
    /** Pump rounds started; a snapshot of a round after a request shows everything the session had at it. */
    private volatile long round;
    private volatile long snapshotRound;
    private long viewShownRound;
    private long freshAfterRound;
    private Runnable afterFresh;
    private volatile ViewRequest request;
    private volatile boolean viewWanted;
    private volatile boolean running;
    private Thread pump;
    private long lastGrid;
    private long lastText;
    private long lastFrame;
    private long[] intervals = new long[0];
    private int frames;

    public FrameLoop(Session session, Consumer<SessionSnapshot> grid, Consumer<SessionSnapshot> text,
              Consumer<ViewSnapshot> view) {
        this.session = session;
        this.grid = grid;
        this.text = text;
        this.view = view;
    }

    @Override
    public void start() {
        super.start();
        if (!running) {
            running = true;
            pump = new Thread(this::pump, "taskscope-snapshots");
            pump.setDaemon(true);
            pump.start();
        }
    }

    @Override
    public void stop() {
        super.stop();
        running = false;
    }

    /** Asks for the per-listener view's data from now on (null: no view on screen). */
    public void request(ViewRequest r) {
        request = r;
        viewWanted = r != null;
    }

    /** A view snapshot, the pump round it was taken in and the request it answers. */
    private record RoundView(ViewSnapshot view, long round, ViewRequest request) {
    }

    /**
     * Runs {@code then} (on the FX thread) once the grid, numbers and view on screen show the session as it is now,
     * whatever their refresh rates: a film of a replay captures each frame after a step.
     */
    public void afterFreshFrame(Runnable then) {
        freshAfterRound = round;
        afterFresh = then;
        refreshView();
    }

    /** The request changed (new focus, metric): fetch at once instead of at the next tick. */
    public void refreshView() {
        viewWanted = request != null;
        synchronized (this) {
            notifyAll();
        }
    }

    private void pump() {
        long nextView = 0;
        while (running) {
            long thisRound = round + 1;
            round = thisRound;
            latest.set(session.snapshot());
            snapshotRound = thisRound;
            ViewRequest r = request;
            long now = System.nanoTime();
            if (r != null && (now >= nextView || viewWanted)) {
                viewWanted = false;
                nextView = now + 1_000_000_000L / VIEW_HZ;
                ViewSnapshot v = session.view(r.focus(), r.metric(), r.rows(), r.made().get());
                if (v != null) {
                    latestView.set(new RoundView(v, thisRound, r));
                }
            }
            synchronized (this) {
                try {
                    wait(1000 / (GRID_HZ * 2));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void handle(long now) {
        if (lastFrame != 0 && frames < intervals.length) {
            intervals[frames++] = now - lastFrame;
        }
        lastFrame = now;
        RoundView v = latestView.getAndSet(null);
        // only for the request on screen: a table's snapshot (rows off screen are null) must not reach the heatmap
        boolean viewNow = v != null && v.request() == request;
        SessionSnapshot s = latest.get();
        // A view refresh (the table's relayout) and a grid repaint in one pulse made the longest frames: the grid
        // and numbers wait one frame when the view refreshes.
        if (s != null && !viewNow) {
            if (now - lastGrid >= 1_000_000_000L / GRID_HZ) {
                lastGrid = now;
                grid.accept(s);
            }
            if (now - lastText >= 1_000_000_000L / TEXT_HZ) {
                lastText = now;
                text.accept(s);
            }
        }
        if (viewNow) {
            view.accept(v.view());
            viewShownRound = v.round();
        }
        if (afterFresh != null) {
            deliverFresh();
        }
    }

    private void deliverFresh() {
        long shown = snapshotRound;
        SessionSnapshot s = latest.get();
        if (s == null || shown <= freshAfterRound || (request != null && viewShownRound <= freshAfterRound)) {
            return;
        }
        grid.accept(s);
        text.accept(s);
        Runnable then = afterFresh;
        afterFresh = null;
        javafx.application.Platform.runLater(then); // after this pulse has laid out what was just handed over
    }

    /** Starts keeping up to {@code capacity} frame intervals (ns). */
    public void recordFrames(int capacity) {
        intervals = new long[capacity];
        frames = 0;
    }

    public long[] frameIntervals() {
        return java.util.Arrays.copyOf(intervals, frames);
    }
}
