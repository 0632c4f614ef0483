package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.session.ListenerSet;
import io.taskscope.session.LossEvent;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceState;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records what a source produces without slowing it: as a {@link SourceConsumer} it copies each batch into a bounded
 * queue on the source's thread; its own thread writes them with a {@link SessionWriter}, flushing a chunk a second
 * (a crash loses at most that). A full queue holds the source back (the simulator slows; a live reader then loses
 * records in the kernel, which counts them) instead of filling memory. Used by {@code record} and the app's record
 * button alike.
 */
public final class SessionRecorder implements SourceConsumer {

    private static final int QUEUE_BATCHES = 32;

    private record Edit(long nanos, ListenerSet set) {
    }

    private record State(long nanos, SourceState state, String detail) {
    }

    private final SessionWriter writer;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lost;
    private volatile IOException failure;

    public SessionRecorder(SessionWriter writer) {
        this.writer = writer;
        this.thread = new Thread(this::write, "taskscope-recorder");
        this.thread.setDaemon(true);
        this.thread.start();
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
        put(new State(now(), state, detail));
    }

    /** A listener definition from now on, written in order with the records around it. */
    public void listenersChanged(ListenerSet set) {
        put(new Edit(now(), set));
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private void put(Object item) {
        try {
            while (running && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // the writer is behind: hold the source back a moment
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
                    lost += loss.records();
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
            running = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long records() {
        return writer.recordsWritten();
    }

    public long bytes() {
        return writer.bytesWritten();
    }

    /** Records the source reported lost while recording. */
    public long lost() {
        return lost;
    }

    /** The write error that stopped the recording, or null. */
    public IOException failure() {
        return failure;
    }

    /** Stops taking batches, writes what is queued and closes the file. */
    public void finish() throws IOException {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        if (failure != null) {
            throw failure;
        }
    }
}
