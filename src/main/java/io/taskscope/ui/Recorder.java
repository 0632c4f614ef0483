package io.taskscope.ui;

import io.taskscope.core.RecordBlock;
import io.taskscope.live.KernelFacts;
import io.taskscope.session.ListenerSet;
import io.taskscope.session.LossEvent;
import io.taskscope.session.Session;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceInfo;
import io.taskscope.session.SourceKind;
import io.taskscope.session.SourceState;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records whatever the app's source produces into a session file, off the FX thread: the session hands each batch
 * to this tap, which copies it into a bounded queue; a writer thread writes, flushing a chunk a second. Listener
 * edits made while recording are written when they happen.
 */
final class Recorder implements SourceConsumer {

    private static final int QUEUE = 64;

    private final Session session;
    private final Path file;
    private final SessionWriter writer;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile IOException failure;

    private record Edit(long nanos, ListenerSet set) {
    }

    private record State(long nanos, SourceState state, String detail) {
    }

    Recorder(Session session, Path file, ListenerSet listeners, int taskstatsVersion) throws IOException {
        this.session = session;
        this.file = file;
        SourceInfo info = session.info();
        boolean live = info.kind() == SourceKind.LIVE;
        this.writer = SessionWriter.create(file, new SessionHeader(SessionHeader.FORMAT_VERSION, KernelFacts.hostname(),
                live ? KernelFacts.release() : "", taskstatsVersion, info.possible().toCpulist(),
                info.possible().toCpulist(), info.limits().nrCpus(),
                info.kind() == SourceKind.REPLAY ? "replay" : info.kind().cliName(), info.description(),
                System.currentTimeMillis() * 1_000_000L, System.nanoTime()));
        writer.listeners(System.currentTimeMillis() * 1_000_000L, listeners);
        thread = new Thread(this::write, "taskscope-recorder");
        thread.setDaemon(true);
        thread.start();
        session.setTap(this);
    }

    Path file() {
        return file;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    long bytes() {
        return writer.bytesWritten();
    }

    long records() {
        return writer.recordsWritten();
    }

    /** The last write error, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void batch(SourceBatch batch) {
        RecordBlock copy = new RecordBlock(Math.max(1, batch.records().size()));
        for (int r = 0; r < batch.records().size(); r++) {
            copy.add(batch.records(), r);
        }
        put(copy);
        batch.losses().forEach(this::put);
    }

    @Override
    public void stateChanged(SourceState state, String detail) {
        put(new State(System.currentTimeMillis() * 1_000_000L, state, detail));
    }

    /** A listener edit, written in order with the records around it. */
    void listenersChanged(ListenerSet set) {
        put(new Edit(System.currentTimeMillis() * 1_000_000L, set));
    }

    private void put(Object item) {
        try {
            while (running && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // a full queue holds the source back for a moment: the writer is behind
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        long nextFlush = System.nanoTime() + 1_000_000_000L;
        try {
            while (running || !queue.isEmpty()) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item instanceof RecordBlock block) {
                    writer.records(block);
                } else if (item instanceof LossEvent loss) {
                    writer.loss(loss);
                } else if (item instanceof Edit edit) {
                    writer.listeners(edit.nanos(), edit.set());
                } else if (item instanceof State s) {
                    writer.state(s.nanos(), s.state(), s.detail());
                }
                if (System.nanoTime() >= nextFlush) {
                    writer.flush();
                    nextFlush = System.nanoTime() + 1_000_000_000L;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking batches, writes what is queued, closes the file. */
    void stop() throws IOException {
        session.setTap(null);
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        if (failure != null) {
            throw failure;
        }
    }
}
