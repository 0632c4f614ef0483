package io.taskscope.live;

import io.taskscope.core.Errno;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;
import io.taskscope.taskstats.DatagramDecoder;
import io.taskscope.taskstats.DatagramSink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The live collector's second thread: takes what the socket reader queued, decodes it into columnar batches (no
 * object per record) and hands them to the consumer. It is the only thread that calls the consumer, so a consumer
 * that stalls (a full pipe, a slow disk, a lock) stalls this thread and the queue fills behind it; the reader goes on
 * reading. It never blocks on the reader either: with nothing new it parks a little, longer the longer it is idle.
 */
final class RecordDispatcher implements Runnable, DatagramQueue.EntryVisitor, SocketReader.Events {

    /** A batch is handed over when full, or when this long has passed since its first record. */
    private static final long MAX_DELAY_NANOS = 5_000_000L;
    private static final long MIN_PARK_NANOS = 500_000L;
    private static final long MAX_PARK_NANOS = 5_000_000L;

    private record StateEvent(SourceState state, String detail) {
    }

    private final DatagramQueue queue;
    private final SourceConsumer consumer;
    /** Null without registered listeners. */
    private final ListenerAttribution attribution;
    /** Null without registered listeners: what their sockets got, for their views. */
    private final ListenerCopyRows copies;
    private final int maxBatch;
    private final DatagramDecoder decoder;
    private final RecordBlock block;
    private final List<LossEvent> losses = new ArrayList<>();
    private final ConcurrentLinkedQueue<StateEvent> states = new ConcurrentLinkedQueue<>();
    private final Problems problems = new Problems();
    private long stale;
    /** Records of a struct version newer than Taskscope knows (read with the newest layout it has): told at stop. */
    private long newerThanKnown;
    private long consumerFailures;
    private long firstPendingNanos;
    private boolean ended;
    private volatile boolean silent;
    private volatile String finalDetail = "stopped; every CPU deregistered";

    /**
     * The start-up check: while it runs, the pids of the exits decoded are noted (a bounded few), so the collector
     * can tell whether its test process's exit came through.
     */
    private volatile boolean notingPids;
    private final java.util.Set<Long> pidsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int PIDS_NOTED = 100_000;

    RecordDispatcher(DatagramQueue queue, int familyId, int maxBatch, SourceConsumer consumer) {
        this(queue, familyId, maxBatch, consumer, null);
    }

    /** With {@code attribution}: registered listeners' copies are counted there (see {@link ListenerAttribution}). */
    RecordDispatcher(DatagramQueue queue, int familyId, int maxBatch, SourceConsumer consumer,
                     ListenerAttribution attribution) {
        this.attribution = attribution;
        this.copies = attribution == null ? null : new ListenerCopyRows(attribution, maxBatch + 2);
        this.queue = queue;
        this.consumer = consumer;
        this.maxBatch = maxBatch;
        this.decoder = new DatagramDecoder(familyId);
        this.block = new RecordBlock(maxBatch + 2);
    }

    /** From any thread: a state change for the consumer, delivered in order between batches. */
    @Override
    public void post(SourceState state, String detail) {
        if (state == SourceState.FAILED) {
            finalDetail = null;
        }
        states.add(new StateEvent(state, detail));
    }

    /** Tells the consumer nothing more, not even STOPPED: the source failed to start and says so by throwing. */
    void silence() {
        silent = true;
    }

    /** Starts (true) or ends noting the pids of decoded exits. */
    void notePids(boolean on) {
        notingPids = on;
        if (!on) {
            pidsSeen.clear();
        }
    }

    /** Whether the exit of {@code pid} was decoded while noting. */
    boolean sawPid(long pid) {
        return pidsSeen.contains(pid);
    }

    @Override
    public void run() {
        long park = MIN_PARK_NANOS;
        while (!ended) {
            int n = queue.drain(this, maxBatch);
            deliverStates();
            if (n > 0) {
                park = MIN_PARK_NANOS;
                continue;
            }
            if (!nothingPending()) {
                if (System.nanoTime() - firstPendingNanos >= MAX_DELAY_NANOS) {
                    flush();
                    continue;
                }
            }
            LockSupport.parkNanos(this, park);
            park = Math.min(MAX_PARK_NANOS, park * 2);
        }
        flush();
        deliverStates();
        if (!silent && finalDetail != null) {
            tell(SourceState.STOPPED, newerThanKnown == 0 ? finalDetail : finalDetail + "; " + newerThanKnown
                    + " records of a taskstats version newer than v" + io.taskscope.core.TaskstatsField.LATEST_VERSION
                    + " were read as v" + io.taskscope.core.TaskstatsField.LATEST_VERSION);
        }
    }

    /** A state to the consumer; a consumer's bug must not end this thread (the queue would never drain). */
    private void tell(SourceState state, String detail) {
        try {
            consumer.stateChanged(state, detail);
        } catch (RuntimeException bug) {
            consumerFailures++;
        }
    }

    @Override
    public void entry(int kind, int cpu, long nanos, ByteBuffer chunk, int payloadOffset, int payloadLength) {
        if (nothingPending()) {
            firstPendingNanos = System.nanoTime();
        }
        switch (kind) {
            case DatagramQueue.DATAGRAM -> {
                int before = block.size();
                problems.cpu = cpu;
                decoder.decodeInto(chunk, payloadOffset, payloadOffset + payloadLength, cpu, nanos, block, problems);
                noteNewerVersions(before);
                int listener = CpuSocket.listenerOf(cpu);
                if (listener >= 0) { // a registered listener's copy: counted against the references, kept for its views
                    long pid = firstPid(before);
                    if (pid >= 0) {
                        copies.keep(listener, attribution.received(listener, chunk.getInt(payloadOffset + 8), pid),
                                block, before);
                    }
                    block.truncate(before);
                } else if (cpu < 0) { // the control socket never registers: whatever reaches it is a predecessor's leftover
                    stale += block.size() - before;
                    block.truncate(before);
                } else if (attribution != null) {
                    long pid = firstPid(before);
                    if (pid >= 0) {
                        attribution.reference(cpu, chunk.getInt(payloadOffset + 8), pid);
                    }
                }
                if (cpu >= 0 && notingPids && pidsSeen.size() < PIDS_NOTED) {
                    for (int row = before; row < block.size(); row++) {
                        if (block.isPid(row)) {
                            pidsSeen.add(block.taskId(row));
                        }
                    }
                }
            }
            case DatagramQueue.REGISTERED -> attribution.registered(CpuSocket.listenerOf(cpu));
            case DatagramQueue.LOSS -> {
                long records = chunk.getLong(payloadOffset);
                LossEvent.Cause cause = LossEvent.Cause.values()[chunk.getInt(payloadOffset + 8)];
                losses.add(new LossEvent(cpu, LossEvent.ALL_LISTENERS, records, cause, nanos));
            }
            case DatagramQueue.END -> {
                if (attribution != null) {
                    attribution.finish();
                }
                ended = true;
            }
            default -> throw new IllegalStateException("queue entry of kind " + kind);
        }
        if (block.size() >= maxBatch || (copies != null && copies.size() >= maxBatch)) {
            flush();
        }
    }

    private boolean nothingPending() {
        return block.isEmpty() && losses.isEmpty() && stale == 0 && (copies == null || copies.size() == 0);
    }

    private void flush() {
        if (copies != null) {
            copies.placeWaiting(ended);
        }
        if (nothingPending()) {
            return;
        }
        if (!silent) {
            try {
                consumer.batch(new SourceBatch(block, losses, stale, copies == null ? null : copies.copies()));
            } catch (RuntimeException bug) {
                // A consumer's bug must not stop the draining: the reader would fill the queue and drop.
                if (consumerFailures++ == 0) {
                    post(SourceState.DEGRADED, "a consumer of the live records failed: " + bug);
                }
            }
        }
        block.clear();
        losses.clear();
        stale = 0;
        if (copies != null) {
            copies.clear();
        }
    }

    /** Registered mode: listener copies left out of their views (see {@link ListenerCopyRows}); 0 otherwise. */
    long unshownCopies() {
        return copies == null ? 0 : copies.unshown();
    }

    private void deliverStates() {
        for (StateEvent e; (e = states.poll()) != null; ) {
            if (!silent) {
                tell(e.state(), e.detail());
            }
        }
    }

    /** The pid of the first PID record decoded from row {@code from} on, or -1 (no exit in the datagram). */
    private long firstPid(int from) {
        for (int row = from; row < block.size(); row++) {
            if (block.isPid(row)) {
                return block.taskId(row);
            }
        }
        return -1;
    }

    /** Counts rows from {@code from} whose version is newer than known; the first one is told once. */
    private void noteNewerVersions(int from) {
        for (int row = from; row < block.size(); row++) {
            int version = (int) block.get(row, io.taskscope.core.TaskstatsField.VERSION);
            if (io.taskscope.taskstats.TaskstatsLayout.isNewerThanKnown(version)) {
                if (newerThanKnown++ == 0) {
                    post(SourceState.RUNNING, "this kernel sends taskstats v" + version + ", newer than the v"
                            + io.taskscope.core.TaskstatsField.LATEST_VERSION + " Taskscope knows: its records are read"
                            + " as v" + io.taskscope.core.TaskstatsField.LATEST_VERSION + ", later fields ignored");
                }
            }
        }
    }

    private final class Problems implements DatagramSink {
        int cpu;

        @Override
        public void record(io.taskscope.core.ExitRecord record) {
            throw new IllegalStateException("rows are decoded into the block");
        }

        @Override
        public void error(int errno, long seq) {
            if (errno != 0) {
                post(SourceState.DEGRADED, "the kernel reported " + Errno.describe(errno) + " on CPU " + cpu
                        + "'s socket");
            }
        }

        @Override
        public void malformed(String reason) {
            post(SourceState.DEGRADED, "malformed datagram on CPU " + cpu + ": " + reason);
        }
    }
}
