package io.taskscope.store;

import io.taskscope.core.ListenerSet;
import io.taskscope.source.RegisteredListenerReport;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A recorder that runs for weeks with bounded disk: session files in one directory, a new one once the current has
 * covered {@link Rotation#maxNanos} or holds {@link Rotation#maxBytes}, the oldest deleted beyond {@link Rotation#keep}.
 * Each file is complete on its own: a header and the listeners in force at its start, then what came. The switch
 * happens between two batches on the source's thread: a batch goes whole into one file, none is lost to a rotation.
 * The old file is finished by its recorder's own thread, so the source never waits for it to close.
 */
public final class RotatingRecorder implements SourceConsumer {

    /** Files are named so that their order is their names' order. */
    static final String PREFIX = "taskscope-";
    static final String SUFFIX = ".tsk";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param maxNanos a file covers at most this long (0: no limit)
     * @param maxBytes a file holds at most about this many bytes (0: no limit)
     * @param keep     the most files kept in the directory (the newest); at least 1
     */
    public record Rotation(long maxNanos, long maxBytes, int keep) {
        public Rotation {
            if (keep < 1 || maxNanos < 0 || maxBytes < 0) {
                throw new IllegalArgumentException("keep at least 1 file, and limits of 0 or more");
            }
        }
    }

    private final Path dir;
    private final Supplier<SessionHeader> header;
    private final Rotation rotation;
    private final int cpuCount;
    private final boolean holdBack;
    private final List<Path> written = new ArrayList<>();
    private volatile ListenerSet listeners;
    private SessionRecorder current;
    private long openedAt;
    private int sequence;
    private final List<CompletableFuture<RecordingOutcome>> finishing = new ArrayList<>();
    /** Registered mode: each listener's own socket, followed in every file; null otherwise. */
    private volatile Supplier<List<RegisteredListenerReport>> sockets;

    public RotatingRecorder(Path dir, Supplier<SessionHeader> header, ListenerSet listeners, Rotation rotation,
                            int cpuCount, boolean holdBack) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.header = header;
        this.listeners = listeners;
        this.rotation = rotation;
        this.cpuCount = cpuCount;
        this.holdBack = holdBack;
        open();
    }

    private synchronized void open() {
        Path file = dir.resolve(PREFIX + STAMP.format(Instant.now()) + String.format("-%04d", sequence++) + SUFFIX);
        ListenerSet at = listeners;
        SessionHeader h = header.get();
        current = SessionRecorder.opening(() -> {
            SessionWriter w = SessionWriter.create(file, h);
            w.listeners(h.startEpochNanos(), at);
            return w;
        }, SessionRecorder.queueRecordsForThisJvm(), cpuCount, holdBack);
        if (sockets != null) {
            current.followSockets(sockets);
        }
        openedAt = System.nanoTime();
        written.add(file);
    }

    /** Rotates when the current file is due; between batches, so each batch goes whole into one file. */
    private synchronized SessionRecorder target() {
        boolean due = (rotation.maxNanos() > 0 && System.nanoTime() - openedAt >= rotation.maxNanos())
                || (rotation.maxBytes() > 0 && current.bytes() >= rotation.maxBytes());
        if (due) {
            SessionRecorder old = current;
            endSockets(old);
            open();
            finishing.removeIf(f -> f.isDone() && !f.join().failed()); // weeks of rotations: keep what matters
            finishing.add(old.stop().thenApply(outcome -> {
                prune();
                return outcome;
            }));
        }
        return current;
    }

    @Override
    public void batch(SourceBatch batch) {
        target().batch(batch);
    }

    @Override
    public void stateChanged(SourceState state, String detail) {
        target().stateChanged(state, detail);
    }

    /** The listeners from now on: in the current file, and at the start of every later one. */
    public void listenersChanged(ListenerSet set) {
        listeners = set;
        target().listenersChanged(set);
    }

    /**
     * Registered mode (the header should say so): every file follows each listener's socket, as
     * {@link SessionRecorder#followSockets} does, and ends with their figures at its end, so each file read alone
     * shows its sockets whole.
     */
    public synchronized void followSockets(Supplier<List<RegisteredListenerReport>> reports) {
        sockets = reports;
        current.followSockets(reports);
    }

    private void endSockets(SessionRecorder recorder) {
        Supplier<List<RegisteredListenerReport>> s = sockets;
        if (s != null) {
            recorder.socketsChanged(s.get());
        }
    }

    /** Deletes the oldest of this directory's session files beyond {@code keep} (ours or a predecessor's). */
    private synchronized void prune() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ours = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().toList();
            for (int i = 0; i < ours.size() - rotation.keep(); i++) {
                Files.deleteIfExists(ours.get(i));
            }
        } catch (IOException e) {
            // the next rotation tries again; a directory that cannot be listed is the recording's failure to report
        }
    }

    /** The files this recorder has opened, oldest first (some may have been pruned since). */
    public synchronized List<Path> files() {
        return List.copyOf(written);
    }

    /**
     * Finishes the current file (and waits for those rotated out); prunes. The error that stopped one, or null.
     * Call it after the source has stopped, so the last file's socket figures are final.
     */
    public IOException finish() {
        SessionRecorder last;
        List<CompletableFuture<RecordingOutcome>> rotated;
        synchronized (this) {
            last = current;
            rotated = List.copyOf(finishing);
        }
        endSockets(last);
        IOException failure = null;
        try {
            last.finish();
        } catch (IOException e) {
            failure = e;
        }
        for (CompletableFuture<RecordingOutcome> f : rotated) {
            RecordingOutcome o = f.join();
            failure = failure != null ? failure : o.failure();
        }
        prune();
        return failure;
    }
}
