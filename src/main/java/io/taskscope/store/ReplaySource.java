package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.session.ListenerSet;
import io.taskscope.session.LossEvent;
import io.taskscope.session.Source;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceException;
import io.taskscope.session.SourceInfo;
import io.taskscope.session.SourceKind;
import io.taskscope.session.SourceState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Plays a recording back as a source: its records in their recorded rhythm times a speed factor (0: as fast as
 * possible), its losses, and its listener definitions and edits handed to a listener callback at the moment they
 * were made, so the views show the masks changing as they did.
 */
public final class ReplaySource implements Source {

    private final Path file;
    private final SessionReader reader;
    private final SourceInfo info;
    private final BiConsumer<Long, ListenerSet> onListeners;
    private volatile double speed;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;

    /**
     * @param speed       recorded seconds per real second, 0 for as fast as possible
     * @param onListeners receives each recorded listener definition, on the replay thread
     */
    public ReplaySource(Path file, double speed, BiConsumer<Long, ListenerSet> onListeners) throws SourceException {
        this.file = file;
        this.speed = speed;
        this.onListeners = onListeners;
        try {
            SessionReader.Opened opened = SessionReader.open(file);
            if (opened instanceof SessionReader.NotASession not) {
                throw new SourceException(not.reason());
            }
            reader = ((SessionReader.Session) opened).reader();
        } catch (IOException e) {
            throw new SourceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        SessionHeader h = reader.header();
        info = h.machine(SourceKind.REPLAY, "replay: " + file.getFileName() + " (" + h.sourceDescription() + ")");
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /** The recorded source's kind ("live" or "sim"): a simulated recording's listeners had modelled buffers. */
    public String recordedKind() {
        return reader.header().sourceKind();
    }

    @Override
    public boolean modelsListenerBuffers() {
        return "sim".equals(recordedKind());
    }

    public void setSpeed(double speed) {
        this.speed = speed;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    @Override
    public synchronized void start(SourceConsumer consumer) {
        running = true;
        thread = new Thread(() -> play(consumer), "taskscope-replay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** Blocks until the replay has ended. */
    public void awaitEnd() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join();
        }
    }

    private void play(SourceConsumer consumer) {
        consumer.stateChanged(SourceState.RUNNING, info.description());
        Clock clock = new Clock();
        try {
            for (SessionReader.ChunkInfo chunk : reader.chunks()) {
                if (!running) {
                    break;
                }
                reader.read(chunk, new SessionReader.FrameVisitor() {
                    @Override
                    public void records(RecordBlock block) {
                        for (int from = 0; from < block.size() && running; ) {
                            int to = from;
                            long due = block.receivedNanos(from);
                            clock.waitUntil(due);
                            while (to < block.size() && block.receivedNanos(to) <= clock.recordedNow()) {
                                to++;
                            }
                            to = Math.max(to, from + 1);
                            RecordBlock part = new RecordBlock(to - from);
                            for (int r = from; r < to; r++) {
                                part.add(block, r);
                            }
                            consumer.batch(new SourceBatch(part, List.of(), 0));
                            from = to;
                        }
                    }

                    @Override
                    public void loss(LossEvent loss) {
                        clock.waitUntil(loss.timeNanos());
                        consumer.batch(new SourceBatch(new RecordBlock(1), List.of(loss), 0));
                    }

                    @Override
                    public void listeners(long nanos, ListenerSet set) {
                        onListeners.accept(nanos, set);
                    }
                });
            }
            String damage = reader.intact() ? "" : "; the file is damaged, every chunk that verified was played";
            consumer.stateChanged(SourceState.STOPPED, "replay finished" + damage);
        } catch (IOException e) {
            consumer.stateChanged(SourceState.FAILED, "replay failed: " + e.getMessage());
        } finally {
            running = false;
        }
    }

    /** Maps recorded time to real time, following speed changes and pauses. */
    private final class Clock {
        private long recordedAnchor = Long.MIN_VALUE;
        private long realAnchor;
        private double anchorSpeed;

        long recordedNow() {
            if (recordedAnchor == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            if (anchorSpeed == 0) {
                return Long.MAX_VALUE;
            }
            return recordedAnchor + (long) ((System.nanoTime() - realAnchor) * anchorSpeed);
        }

        void waitUntil(long recorded) {
            while (running) {
                double s = speed;
                if (recordedAnchor == Long.MIN_VALUE || s != anchorSpeed) {
                    long now = recordedAnchor == Long.MIN_VALUE ? recorded : Math.min(recorded, recordedNow());
                    recordedAnchor = now;
                    realAnchor = System.nanoTime();
                    anchorSpeed = s;
                }
                if (paused) {
                    long pauseAt = recordedNow();
                    while (paused && running) {
                        sleep(20);
                    }
                    recordedAnchor = pauseAt;
                    realAnchor = System.nanoTime();
                    continue;
                }
                long ahead = recorded - recordedNow();
                if (ahead <= 0 || s == 0) {
                    return;
                }
                sleep(Math.min(50, Math.max(1, (long) (ahead / s / 1_000_000))));
            }
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
    }
}
