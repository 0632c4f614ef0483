package io.taskscope.store;

import io.taskscope.source.ListenerSockets;
import io.taskscope.source.RegisteredListenerReport;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.ListenerCopies;
import io.taskscope.source.LossEvent;
import io.taskscope.source.Playback;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import io.taskscope.source.SourceState;
import io.taskscope.source.SourceThread;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a recording back as a source: its records in their recorded rhythm times a speed factor (0: as fast as
 * possible), its losses, and its listener definitions and edits handed to its consumer in-band, between the
 * batches, at the moment they were made: the records after an edit are routed by the new masks, as
 * {@code taskscope export} routes them, and the views show the masks changing as they did.
 */
public final class ReplaySource implements Source, Playback {

    private final Path file;
    private final SessionReader reader;
    private final SourceInfo info;
    private final SourceThread thread = new SourceThread("taskscope-replay");
    private volatile double speed;
    private volatile boolean paused;
    /** A requested jump, in recorded epoch ns (Long.MIN_VALUE: none); taken with getAndSet so none is lost. */
    private final AtomicLong seekTo = new AtomicLong(Long.MIN_VALUE);
    /** Recorded time a paused replay may still advance to (a step), Long.MIN_VALUE for none. */
    private volatile long stepUntil = Long.MIN_VALUE;
    private volatile long position = Long.MIN_VALUE;
    private final RealTime realTime;

    /** The real time the replay paces itself by: the system's, or a test's manual one. */
    interface RealTime {
        long nanoTime();

        void sleep(long millis) throws InterruptedException;
    }

    private static final RealTime SYSTEM_TIME = new RealTime() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    /** @param speed recorded seconds per real second, 0 for as fast as possible */
    public ReplaySource(Path file, double speed) throws SourceException {
        this(file, speed, SYSTEM_TIME);
    }

    /** Paced by {@code realTime} (tests). */
    ReplaySource(Path file, double speed, RealTime realTime) throws SourceException {
        this.realTime = realTime;
        this.file = file;
        this.speed = speed;
        try {
            reader = SessionReader.openReadable(file);
        } catch (UnreadableSession e) {
            throw new SourceException(e.getMessage(), e);
        }
        if (reader.chunks().isEmpty()) {
            SessionReader.Damage torn = reader.tornTail();
            try {
                reader.close();
            } catch (IOException ignored) {
                // refused anyway
            }
            throw new SourceException(file.getFileName() + " holds no complete chunk, so nothing in it can be replayed"
                    + (torn == null ? "" : ": it is cut short at byte " + torn.offset() + " (" + torn.reason() + ")")
                    + ". taskscope stats tells what the file holds.");
        }
        SessionHeader h = reader.header();
        info = h.machine(SourceKind.REPLAY, "replay: " + file.getFileName() + " (" + h.sourceDescription() + ")");
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /**
     * A recording of registered listeners: each listener's own socket as the recording last said, while it plays;
     * nothing to register (its sockets were the recorded machine's).
     */
    @Override
    public Optional<ListenerSockets> listenerSockets() {
        if (!reader.header().registered()) {
            return Optional.empty();
        }
        return Optional.of(new ListenerSockets() {
            @Override
            public void register(List<io.taskscope.source.RegisteredListener> listeners) {
                // a replay shows what the recorded sockets did; editing here registers nothing
            }

            @Override
            public boolean inUse() {
                return true;
            }

            @Override
            public List<RegisteredListenerReport> reports() {
                return recordedSockets;
            }

            @Override
            public boolean deliversCopies() {
                return reader.header().hasListenerCopies();
            }
        });
    }

    /** The last SOCKETS frame played (registered recordings). */
    private volatile List<RegisteredListenerReport> recordedSockets = List.of();

    @Override
    public Optional<Playback> playback() {
        return Optional.of(this);
    }

    @Override
    public Optional<Path> recording() {
        return Optional.of(file);
    }

    /** As {@code taskscope stats} reports it: where the file is damaged, and that every verified chunk plays. */
    @Override
    public Optional<String> damage() {
        if (reader.intact()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("The file is damaged; the ").append(reader.chunks().size())
                .append(" chunk(s) that verified play, the rest is lost: ");
        java.util.List<String> where = new java.util.ArrayList<>();
        for (SessionReader.Damage d : reader.damage()) {
            where.add("byte " + d.offset() + ": " + d.reason());
        }
        if (reader.tornTail() != null) {
            where.add("cut short at byte " + reader.tornTail().offset() + ": " + reader.tornTail().reason());
        }
        return Optional.of(b.append(String.join("; ", where)).append('.').toString());
    }

    /** The version the recorded source's header names. */
    @Override
    public int taskstatsVersion() {
        return reader.header().taskstatsVersion();
    }

    /** The recorded source's kind ("live" or "sim"): a simulated recording's listeners had modelled buffers. */
    public String recordedKind() {
        return reader.header().sourceKind();
    }

    @Override
    public boolean modelsListenerBuffers() {
        return "sim".equals(recordedKind());
    }

    @Override
    public void setSpeed(double speed) {
        this.speed = speed;
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public long startNanos() {
        return reader.chunks().isEmpty() ? 0 : reader.chunks().get(0).firstNanos();
    }

    @Override
    public long endNanos() {
        List<SessionReader.ChunkInfo> c = reader.chunks();
        return c.isEmpty() ? 0 : c.get(c.size() - 1).lastNanos();
    }

    @Override
    public long positionNanos() {
        return position;
    }

    @Override
    public void seek(long nanos) {
        seekTo.set(nanos);
    }

    @Override
    public void stepTo(long nanos) {
        stepUntil = nanos;
    }

    @Override
    public boolean running() {
        return thread.running();
    }

    @Override
    public boolean stepping() {
        return running() && stepUntil != Long.MIN_VALUE;
    }

    private volatile boolean ended;

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public boolean seeking() {
        return running() && seekTo.get() != Long.MIN_VALUE;
    }

    @Override
    public void start(SourceConsumer consumer) {
        thread.start(() -> play(consumer));
    }

    @Override
    public void stop() {
        thread.stop();
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** Blocks until the replay has ended. */
    public void awaitEnd() throws InterruptedException {
        thread.awaitEnd();
    }

    /** Thrown inside a chunk's delivery to go and serve a seek. */
    private static final class SeekRequested extends RuntimeException {
        SeekRequested() {
            super(null, null, false, false);
        }
    }

    private void play(SourceConsumer consumer) {
        consumer.stateChanged(SourceState.RUNNING, info.description() + damage().map(d -> " — damaged").orElse(""));
        Clock clock = new Clock();
        List<SessionReader.ChunkInfo> chunks = reader.chunks();
        long skipBefore = Long.MIN_VALUE;
        try {
            int index = 0;
            while (running() && index < chunks.size()) {
                long target = seekTo.getAndSet(Long.MIN_VALUE);
                if (target != Long.MIN_VALUE) {
                    index = chunkAt(chunks, target);
                    skipBefore = target;
                    position = target; // a paused replay shows where the seek landed at once
                    clock.jump(target);
                }
                long skip = skipBefore;
                try {
                    reader.read(chunks.get(index), new SessionReader.FrameVisitor() {
                        @Override
                        public void records(RecordBlock block) {
                            play(block, null);
                        }

                        /** Copies play as the records do, by their own receive times: a paced socket's come late. */
                        @Override
                        public void copies(ListenerCopies copies) {
                            play(copies.records(), copies.listener());
                        }

                        /** Rows of {@code block} at their recorded times; {@code listener}: they are copies of theirs. */
                        private void play(RecordBlock block, String[] listener) {
                            for (int from = 0; from < block.size() && running(); ) {
                                if (seekTo.get() != Long.MIN_VALUE) {
                                    throw new SeekRequested();
                                }
                                if (block.receivedNanos(from) < skip) {
                                    from++;
                                    continue;
                                }
                                int to = from;
                                clock.waitUntil(block.receivedNanos(from));
                                if (seekTo.get() != Long.MIN_VALUE) {
                                    throw new SeekRequested();
                                }
                                long until = clock.recordedNow();
                                long step = stepUntil;
                                if (paused && step != Long.MIN_VALUE) {
                                    until = Math.min(until, step); // a step (a film's frame) ends at its time
                                }
                                while (to < block.size() && block.receivedNanos(to) <= until) {
                                    to++;
                                }
                                to = Math.max(to, from + 1);
                                RecordBlock part = new RecordBlock(to - from);
                                for (int r = from; r < to; r++) {
                                    part.add(block, r);
                                }
                                position = Math.max(position, block.receivedNanos(to - 1));
                                consumer.batch(listener == null ? new SourceBatch(part, List.of(), 0)
                                        : new SourceBatch(new RecordBlock(1), List.of(), 0, new ListenerCopies(part,
                                        java.util.Arrays.copyOfRange(listener, from, to))));
                                from = to;
                            }
                        }

                        @Override
                        public void loss(LossEvent loss) {
                            if (loss.timeNanos() >= skip) {
                                clock.waitUntil(loss.timeNanos());
                                consumer.batch(new SourceBatch(new RecordBlock(1), List.of(loss), 0));
                            }
                        }

                        @Override
                        public void listeners(long nanos, ListenerSet set) {
                            consumer.listeners(nanos, set); // definitions apply from where they stand, skipped or not
                        }

                        @Override
                        public void sockets(long nanos, List<RegisteredListenerReport> reports) {
                            if (nanos >= skip) {
                                clock.waitUntil(nanos);
                            }
                            recordedSockets = reports; // shown from where they stand, as the listeners are
                        }
                    });
                    index++;
                } catch (SeekRequested seek) {
                    // the loop serves it
                }
            }
            if (running()) {
                position = Math.max(position, endNanos()); // played to the end: the timeline says so
                ended = true;
            }
            String damage = reader.intact() ? "" : "; the file is damaged, every chunk that verified was played";
            consumer.stateChanged(SourceState.STOPPED, "replay finished" + damage);
        } catch (IOException e) {
            consumer.stateChanged(SourceState.FAILED, "replay failed: " + e.getMessage());
        }
    }

    /** The chunk holding recorded time {@code nanos} (the index makes seeking a lookup, not a scan). */
    private static int chunkAt(List<SessionReader.ChunkInfo> chunks, long nanos) {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).lastNanos() >= nanos) {
                return i;
            }
        }
        return chunks.size();
    }

    /** Maps recorded time to real time, following speed changes and pauses. */
    private final class Clock {
        private long recordedAnchor = Long.MIN_VALUE;
        private long realAnchor;
        private double anchorSpeed;

        /** After a seek: recorded time continues from {@code recorded}. */
        void jump(long recorded) {
            recordedAnchor = recorded;
            realAnchor = realTime.nanoTime();
            anchorSpeed = speed;
        }

        long recordedNow() {
            if (recordedAnchor == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            if (anchorSpeed == 0) {
                return Long.MAX_VALUE;
            }
            return recordedAnchor + (long) ((realTime.nanoTime() - realAnchor) * anchorSpeed);
        }

        void waitUntil(long recorded) {
            while (running()) {
                double s = speed;
                if (recordedAnchor == Long.MIN_VALUE || s != anchorSpeed) {
                    long now = recordedAnchor == Long.MIN_VALUE ? recorded : Math.min(recorded, recordedNow());
                    recordedAnchor = now;
                    realAnchor = realTime.nanoTime();
                    anchorSpeed = s;
                }
                if (paused && !(stepUntil != Long.MIN_VALUE && recorded <= stepUntil)) {
                    stepUntil = Long.MIN_VALUE;
                    long pauseAt = recordedNow();
                    while (paused && running() && stepUntil == Long.MIN_VALUE && seekTo.get() == Long.MIN_VALUE) {
                        sleep(20);
                    }
                    recordedAnchor = pauseAt;
                    realAnchor = realTime.nanoTime();
                    if (seekTo.get() != Long.MIN_VALUE) {
                        return;
                    }
                    continue;
                }
                if (paused) {
                    return; // stepping: records up to stepUntil go out at once
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
                realTime.sleep(millis);
            } catch (InterruptedException e) {
                thread.stop(); // from the body: sets the flag, joins nothing
                Thread.currentThread().interrupt();
            }
        }
    }
}
