package io.taskscope.store;

import io.taskscope.core.CpulistLimits;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records what a source produces: as a {@link SourceConsumer} it copies each batch into a {@link RecorderQueue}
 * bounded by records ({@link #DEFAULT_QUEUE_RECORDS}), on the source's thread, and returns; its own thread opens the
 * file, writes with a {@link SessionWriter}, flushes a chunk a second (a crash loses at most that) and, when asked to
 * stop or when a write fails, closes the file and completes {@link #outcome()}. Nobody waits for that thread.
 * <p>
 * When the disk cannot keep up and the queue is full, a source that can wait
 * ({@link io.taskscope.source.Source#canBeHeldBack()}: simulator, replay) is held back: its thread parks until the
 * writer makes room. The caller must then hold no lock anyone else needs ({@code Session} calls its tap after
 * releasing its own). A live source is never held back: the batch's records are dropped and counted per CPU, and the
 * file says so, as losses of cause {@link LossEvent.Cause#QUEUE}. Once the recording failed or was asked to stop,
 * batches are turned away at once. Used by {@code record} and the app's record button.
 */
public final class SessionRecorder implements SourceConsumer {

    /** Records that may wait for the disk: about 2.6 s at 100 000 exits/s, ~190 MB of heap at worst. */
    public static final int DEFAULT_QUEUE_RECORDS = 262_144;
    /** The share of the maximum heap the queue may fill; the app's tables take 40 % (RowBudget). */
    static final double QUEUE_HEAP_SHARE = 0.25;

    /**
     * The queue's bound in this JVM: {@link #DEFAULT_QUEUE_RECORDS}, or what a quarter of the heap holds when that is
     * fewer (the installed launcher runs with -Xmx192m: ~64 000 records, 0.6 s at 100 000 exits/s), so that a disk
     * that stalls costs records, counted in the file, and never the process.
     */
    public static int queueRecordsForThisJvm() {
        return (int) Math.max(4_096, Math.min(DEFAULT_QUEUE_RECORDS, RecordBlock.rowsInHeapShare(QUEUE_HEAP_SHARE)));
    }
    private static final long FLUSH_NANOS = 1_000_000_000L;

    /** Opens the session file: on the recorder's thread, so that whoever starts a recording does not wait on a disk. */
    @FunctionalInterface
    public interface Opener {
        SessionWriter open() throws IOException;
    }

    /** @param copies registered mode: what the listeners' own sockets got in the same batch, or null */
    private record Batch(RecordBlock records, List<LossEvent> losses, io.taskscope.source.ListenerCopies copies) {
    }

    private record Edit(long nanos, ListenerSet set) {
    }

    private record State(long nanos, SourceState state, String detail) {
    }

    private record Sockets(long nanos, List<io.taskscope.source.RegisteredListenerReport> reports) {
    }

    private final Opener opener;
    private final RecorderQueue queue;
    private final DropTally drops;
    private final boolean holdBack;
    private final CompletableFuture<RecordingOutcome> outcome = new CompletableFuture<>();
    private volatile SessionWriter writer;
    /**
     * The records' clock minus the wall clock, from the newest batch: a simulator may run on a fixed epoch and a
     * replay on its recording's time, and an edit or state change stamped on the wall clock would then lie months
     * away from the records around it (the file's span, and a replay's length, with it).
     */
    private volatile long recordClockOffset;
    private volatile boolean recordClockKnown;
    private volatile long lost;
    private volatile IOException failure;

    public SessionRecorder(SessionWriter writer) {
        this(writer, queueRecordsForThisJvm(), CpulistLimits.MAX_CPUS, false);
    }

    /**
     * @param cpuCount CPUs of the machine recorded (records of higher CPUs are not counted per CPU when dropped)
     * @param holdBack hold the source back when the queue is full (a source that can wait), instead of dropping
     */
    public SessionRecorder(SessionWriter writer, int maxQueuedRecords, int cpuCount, boolean holdBack) {
        this(() -> writer, writer, maxQueuedRecords, cpuCount, holdBack);
    }

    /** A recorder whose file is opened by its own thread; a failure to open ends it like a write error. */
    public static SessionRecorder opening(Opener opener, int maxQueuedRecords, int cpuCount, boolean holdBack) {
        return new SessionRecorder(opener, null, maxQueuedRecords, cpuCount, holdBack);
    }

    private SessionRecorder(Opener opener, SessionWriter opened, int maxQueuedRecords, int cpuCount,
                            boolean holdBack) {
        this.opener = opener;
        this.writer = opened;
        this.queue = new RecorderQueue(maxQueuedRecords);
        this.drops = new DropTally(cpuCount);
        this.holdBack = holdBack;
        Thread thread = new Thread(this::run, "taskscope-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void batch(SourceBatch batch) {
        RecordBlock records = batch.records();
        if (!records.isEmpty()) {
            recordClockOffset = records.receivedNanos(records.size() - 1) - wallNanos();
            recordClockKnown = true;
        }
        io.taskscope.source.ListenerCopies copies = batch.copies();
        int rows = records.size() + (copies == null ? 0 : copies.records().size()); // the queue's bound holds both
        RecorderQueue.Admission admitted = holdBack ? queue.reserveWaiting(rows) : queue.reserve(rows);
        switch (admitted) {
            case QUEUED -> queue.add(new Batch(copy(records), batch.losses(), copy(copies)), rows);
            case FULL -> drops.count(batch);
            case CLOSED -> { } // stopped or failed: the recording is over
        }
    }

    private static RecordBlock copy(RecordBlock records) {
        RecordBlock copy = new RecordBlock(Math.max(1, records.size()));
        for (int r = 0; r < records.size(); r++) {
            copy.add(records, r);
        }
        return copy;
    }

    private static io.taskscope.source.ListenerCopies copy(io.taskscope.source.ListenerCopies copies) {
        if (copies == null || copies.records().isEmpty()) {
            return null;
        }
        int n = copies.records().size();
        return new io.taskscope.source.ListenerCopies(copy(copies.records()),
                java.util.Arrays.copyOf(copies.listener(), n)); // the source reuses its array too
    }

    @Override
    public void stateChanged(SourceState state, String detail) {
        queue.addControl(new State(now(), state, detail));
    }

    /** A listener definition from now on, written in order with the records around it. Never waits. */
    public void listenersChanged(ListenerSet set) {
        queue.addControl(new Edit(now(), set));
    }

    /** Registered mode: where each listener's socket figures are read, by the recorder's thread, at every flush. */
    private volatile java.util.function.Supplier<List<io.taskscope.source.RegisteredListenerReport>> sockets;

    /**
     * Registered mode: the recorder writes what {@code reports} says of each listener's own socket at every flush
     * (about once a second), so a replay shows them as they went. Call {@link #socketsChanged} for the final ones.
     */
    public void followSockets(java.util.function.Supplier<List<io.taskscope.source.RegisteredListenerReport>> reports) {
        sockets = reports;
    }

    /** Registered mode: each listener's own socket as it stands now, written in order with the records. Never waits. */
    public void socketsChanged(java.util.List<io.taskscope.source.RegisteredListenerReport> reports) {
        queue.addControl(new Sockets(now(), java.util.List.copyOf(reports)));
    }

    /** Now on the records' clock; {@link #UNSTAMPED} before the first record, which then gives the time. */
    private long now() {
        return recordClockKnown ? wallNanos() + recordClockOffset : UNSTAMPED;
    }

    private static final long UNSTAMPED = Long.MIN_VALUE;

    private static long wallNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private void run() {
        SessionWriter w = writer;
        try {
            if (w == null) {
                w = opener.open();
                writer = w;
            }
            long nextFlush = System.nanoTime() + FLUSH_NANOS;
            while (!queue.drained()) {
                write(w, queue.poll(Math.max(0, nextFlush - System.nanoTime())));
                lost += drops.writeTo(w, stampOrWall(now()));
                if (System.nanoTime() >= nextFlush) {
                    java.util.function.Supplier<List<io.taskscope.source.RegisteredListenerReport>> s = sockets;
                    if (s != null) {
                        write(w, new Sockets(now(), List.copyOf(s.get())));
                    }
                    w.flush();
                    nextFlush = System.nanoTime() + FLUSH_NANOS;
                }
            }
            lost += drops.writeTo(w, stampOrWall(now()));
            writeEarly(w, wallNanos()); // no record came: the wall clock is all there is
            w.close();
            outcome.complete(new RecordingOutcome(w.recordsWritten(), w.bytesWritten(), lost, null));
        } catch (IOException e) {
            fail(w, e);
        } catch (InterruptedException e) {
            fail(w, new java.io.InterruptedIOException("the recorder was interrupted"));
        } catch (RuntimeException e) {
            fail(w, new IOException(WriteErrors.INTERNAL, e)); // still an outcome: nobody may wait for ever
        }
    }

    private static long stampOrWall(long nanos) {
        return nanos == UNSTAMPED ? wallNanos() : nanos;
    }

    /** Edits and state changes that came before the first record, waiting for its time (writer thread only). */
    private final java.util.ArrayList<Object> early = new java.util.ArrayList<>();

    private void writeEarly(SessionWriter w, long nanos) throws IOException {
        for (Object item : early) {
            writeControl(w, item, nanos);
        }
        early.clear();
    }

    /** {@code item}: a batch, an edit, a state change, or null when the poll timed out (time to flush). */
    private void write(SessionWriter w, Object item) throws IOException {
        if (item == null) {
            return;
        }
        if (item instanceof Batch b) {
            if (!b.records().isEmpty()) {
                writeEarly(w, b.records().receivedNanos(0)); // they happened before it: the same instant, in order
            }
            w.records(b.records());
            if (b.copies() != null) {
                w.copies(b.copies());
            }
            for (LossEvent loss : b.losses()) {
                w.loss(loss);
                lost += loss.records();
            }
        } else if (stamp(item) == UNSTAMPED) {
            early.add(item);
        } else {
            writeControl(w, item, stamp(item));
        }
    }

    private static long stamp(Object control) {
        return control instanceof Edit edit ? edit.nanos()
                : control instanceof Sockets sockets ? sockets.nanos() : ((State) control).nanos();
    }

    private static void writeControl(SessionWriter w, Object control, long nanos) throws IOException {
        if (control instanceof Edit edit) {
            w.listeners(nanos, edit.set());
        } else if (control instanceof State s) {
            w.state(nanos, s.state(), s.detail());
        } else if (control instanceof Sockets s) {
            w.sockets(nanos, s.reports());
        }
    }

    /** The file keeps its complete chunks; what was queued is forgotten and held-back sources go on at once. */
    private void fail(SessionWriter w, IOException e) {
        failure = e;
        queue.discard();
        if (w != null) {
            w.abandon();
        }
        outcome.complete(new RecordingOutcome(w == null ? 0 : w.recordsKept(), w == null ? 0 : w.bytesKept(), lost, e));
    }

    /** Records waiting for the disk now. */
    public long queuedRecords() {
        return queue.queuedRecords();
    }

    /** The queue's bound, in records. */
    public int queueCapacity() {
        return queue.capacityRecords();
    }

    /** Batches the full queue turned away (a live source's), and their records. */
    public long droppedBatches() {
        return queue.droppedBatches();
    }

    public long droppedRecords() {
        return queue.droppedRecords();
    }

    /** Listener edits and state changes turned away (more than {@link RecorderQueue#CONTROL_CAPACITY} waiting). */
    public long droppedEdits() {
        return queue.droppedControl();
    }

    public long records() {
        SessionWriter w = writer;
        return w == null ? 0 : w.recordsWritten();
    }

    public long bytes() {
        SessionWriter w = writer;
        return w == null ? 0 : w.bytesWritten();
    }

    /** Records the file says were lost: the source's losses, and what this recorder's queue dropped. */
    public long lost() {
        return lost;
    }

    /** The error that stopped the recording, or null. */
    public IOException failure() {
        return failure;
    }

    /** Completed by the recorder's thread once the file is closed: finished, or failed (then at once). */
    public CompletableFuture<RecordingOutcome> outcome() {
        return outcome.copy();
    }

    /** Stops taking batches; the recorder's thread writes what is queued, closes the file and completes the outcome. */
    public CompletableFuture<RecordingOutcome> stop() {
        queue.close();
        return outcome();
    }

    /** {@link #stop()}, and waits for the file to be closed: for the command line, never for a UI thread. */
    public void finish() throws IOException {
        RecordingOutcome o = stop().join();
        if (o.failed()) {
            throw o.failure();
        }
    }

    /** How many source threads wait for room now (for tests: a held-back source parks, it does not spin). */
    int heldBack() {
        return queue.waitingForRoom();
    }

    /** For tests: {@code hook} runs each time a source is about to wait for room. */
    void whenHeldBack(Runnable hook) {
        queue.onWait = hook;
    }
}
