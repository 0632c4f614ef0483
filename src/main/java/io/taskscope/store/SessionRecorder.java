package io.taskscope.store;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Records what a source produces: as a {@link SourceConsumer} it copies each batch into a queue bounded by records
 * ({@link #DEFAULT_QUEUE_RECORDS}), on the source's thread, and returns; its own thread writes with a
 * {@link SessionWriter}, flushing a chunk a second (a crash loses at most that). When the disk cannot keep up and the
 * queue is full, a source that can wait ({@link io.taskscope.source.Source#canBeHeldBack()}: simulator, replay) is
 * held back; a live one never is: the batch's records are dropped and counted per CPU, and the file says so, the
 * counts written as losses of cause {@link LossEvent.Cause#QUEUE} as soon as the writer gets to them (the losses a
 * dropped batch carried are kept, as counts by cause). Used by {@code record} and the app's record button.
 */
public final class SessionRecorder implements SourceConsumer {

    /** Records that may wait for the disk: about 2.6 s at 100 000 exits/s, ~170 MB of heap at worst. */
    public static final int DEFAULT_QUEUE_RECORDS = 262_144;

    private record Batch(RecordBlock records, List<LossEvent> losses) {
    }

    private record Edit(long nanos, ListenerSet set) {
    }

    private record State(long nanos, SourceState state, String detail) {
    }

    private static final LossEvent.Cause[] CAUSES = LossEvent.Cause.values();

    private final SessionWriter writer;
    private final int maxQueuedRecords;
    private final boolean waitWhenFull;
    /** Bounded by {@link #maxQueuedRecords} records (a batch without records counts as one). */
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedRecords = new AtomicLong();
    private final int cpus;
    private final AtomicLongArray droppedExits;
    /** [cause * cpus + cpu]: the losses of dropped batches, kept by cause (ENOBUFS: episodes, not records). */
    private final AtomicLongArray droppedLosses;
    /** Something was dropped since the writer last looked (a hint: the counts themselves are per CPU). */
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lost;
    private volatile IOException failure;

    public SessionRecorder(SessionWriter writer) {
        this(writer, DEFAULT_QUEUE_RECORDS, io.taskscope.core.CpulistLimits.MAX_CPUS, false);
    }

    /**
     * @param cpuCount     CPUs of the machine recorded (records of higher CPUs are not counted per CPU when dropped)
     * @param waitWhenFull hold the source back when the queue is full (a source that can wait), instead of dropping
     */
    public SessionRecorder(SessionWriter writer, int maxQueuedRecords, int cpuCount, boolean waitWhenFull) {
        this.writer = writer;
        this.waitWhenFull = waitWhenFull;
        this.maxQueuedRecords = maxQueuedRecords;
        this.cpus = cpuCount;
        this.droppedExits = new AtomicLongArray(cpuCount);
        this.droppedLosses = new AtomicLongArray(CAUSES.length * cpuCount);
        this.thread = new Thread(this::write, "taskscope-recorder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void batch(SourceBatch batch) {
        RecordBlock records = batch.records();
        int weight = Math.max(1, records.size());
        if (!running) {
            return;
        }
        while (waitWhenFull && running && queuedRecords.get() > 0 && queuedRecords.get() + weight > maxQueuedRecords) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L); // the writer is behind: the source waits
        }
        if (queuedRecords.get() + weight > maxQueuedRecords && queuedRecords.get() > 0) {
            drop(batch);
            return;
        }
        RecordBlock copy = new RecordBlock(Math.max(1, records.size()));
        for (int r = 0; r < records.size(); r++) {
            copy.add(records, r);
        }
        queuedRecords.addAndGet(weight);
        queue.add(new Batch(copy, batch.losses()));
    }

    private void drop(SourceBatch batch) {
        RecordBlock records = batch.records();
        for (int r = 0; r < records.size(); r++) {
            int cpu = records.cpu(r);
            if (records.isPid(r) && cpu >= 0 && cpu < cpus) {
                droppedExits.getAndIncrement(cpu);
                dropped.incrementAndGet();
            }
        }
        for (LossEvent l : batch.losses()) {
            if (l.cpu() >= 0 && l.cpu() < cpus && l.listenerId() == LossEvent.ALL_LISTENERS) {
                boolean episode = l.cause() == LossEvent.Cause.ENOBUFS;
                droppedLosses.getAndAdd(l.cause().ordinal() * cpus + l.cpu(), episode ? 1 : l.records());
                dropped.incrementAndGet();
            }
        }
    }

    @Override
    public void stateChanged(SourceState state, String detail) {
        queue.add(new State(now(), state, detail));
    }

    /** A listener definition from now on, written in order with the records around it. */
    public void listenersChanged(ListenerSet set) {
        queue.add(new Edit(now(), set));
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private void write() {
        long nextFlush = System.nanoTime() + 1_000_000_000L;
        try {
            while (running || !queue.isEmpty()) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item instanceof Batch b) {
                    writer.records(b.records());
                    queuedRecords.addAndGet(-Math.max(1, b.records().size()));
                    for (LossEvent loss : b.losses()) {
                        writer.loss(loss);
                        lost += loss.records();
                    }
                } else if (item instanceof Edit edit) {
                    writer.listeners(edit.nanos(), edit.set());
                } else if (item instanceof State s) {
                    writer.state(s.nanos(), s.state(), s.detail());
                }
                writeDrops();
                if (System.nanoTime() >= nextFlush) {
                    writer.flush();
                    nextFlush = System.nanoTime() + 1_000_000_000L;
                }
            }
            writeDrops();
        } catch (IOException e) {
            failure = e;
            running = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What was dropped since the last call goes into the file as losses. */
    private void writeDrops() throws IOException {
        if (dropped.getAndSet(0) == 0) {
            return;
        }
        long nanos = now();
        for (int cpu = 0; cpu < cpus; cpu++) {
            long exits = droppedExits.getAndSet(cpu, 0);
            if (exits > 0) {
                writer.loss(new LossEvent(cpu, LossEvent.ALL_LISTENERS, exits, LossEvent.Cause.QUEUE, nanos));
                lost += exits;
            }
            for (LossEvent.Cause cause : CAUSES) {
                long n = droppedLosses.getAndSet(cause.ordinal() * cpus + cpu, 0);
                if (n > 0 && cause == LossEvent.Cause.ENOBUFS) {
                    for (long e = 0; e < n; e++) { // episodes: one mark each, no records
                        writer.loss(new LossEvent(cpu, LossEvent.ALL_LISTENERS, 0, cause, nanos));
                    }
                } else if (n > 0) {
                    writer.loss(new LossEvent(cpu, LossEvent.ALL_LISTENERS, n, cause, nanos));
                    lost += n;
                }
            }
        }
    }

    /** Records waiting for the disk now. */
    public long queuedRecords() {
        return queuedRecords.get();
    }

    public long records() {
        return writer.recordsWritten();
    }

    public long bytes() {
        return writer.bytesWritten();
    }

    /** Records the file says were lost: the source's losses, and what this recorder's queue dropped. */
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
