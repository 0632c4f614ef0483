package io.taskscope.ui.recording;

import io.taskscope.core.ListenerSet;
import io.taskscope.live.KernelFacts;
import io.taskscope.session.Session;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import io.taskscope.store.RecordingOutcome;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionRecorder;
import io.taskscope.store.SessionWriter;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The app's record button: the running source's batches, through the session's tap, into a session file. The FX
 * thread only asks: a {@link SessionRecorder}'s own thread opens, writes and closes the file, and how the recording
 * ended (finished after {@link #stop()}, or failed, told as soon as a write fails) comes back on the FX thread.
 * One recording at a time per session: its tap is the session's only one.
 */
public final class Recorder {

    public enum Phase { RECORDING, STOPPING, FINISHED, FAILED }

    /** How a recording ended, on the FX thread. */
    public record Outcome(Recorder recorder, Path file, RecordingOutcome result) {

        public boolean failed() {
            return result.failed();
        }

        /** Whether the file can be replayed: it finished, or its complete chunks hold records. */
        public boolean readable() {
            return !failed() || result.records() > 0;
        }

        /** A sentence for the status bar. */
        public String message() {
            if (!failed()) {
                return String.format(Locale.ROOT, "Recorded %,d records to %s", result.records(), file);
            }
            if (result.records() > 0) {
                return String.format(Locale.ROOT, "Recording failed: %s. The first %,d records are kept in %s",
                        result.problem(), result.records(), file);
            }
            return "Recording into " + file + " failed: " + result.problem();
        }
    }

    /** How long the app waits at exit for a recording to close its file. */
    private static final long EXIT_WAIT_SECONDS = 30;

    private final Session session;
    private final Path file;
    private final SessionRecorder recorder;
    private final long startNanos = System.nanoTime();
    private final Thread atExit;
    /** FX thread only (tests that run the end elsewhere read it after the end). */
    private volatile Phase phase = Phase.RECORDING;
    private volatile long stoppedNanos;

    private Recorder(Session session, Path file, ListenerSet listeners, int taskstatsVersion, Executor fx,
                     Consumer<Outcome> onEnd) {
        this.session = session;
        this.file = file;
        SourceInfo info = session.info();
        if (info == null) {
            throw new IllegalStateException("there is no source to record");
        }
        long startEpoch = System.currentTimeMillis() * 1_000_000L;
        java.util.Optional<io.taskscope.source.ListenerSockets> sockets = session.source().listenerSockets()
                .filter(io.taskscope.source.ListenerSockets::inUse);
        long startMonotonic = System.nanoTime();
        // Opened by the recorder's thread: the FX thread does not wait on the disk, even to create the file.
        recorder = SessionRecorder.opening(() -> {
            boolean live = info.kind() == SourceKind.LIVE;
            SessionWriter writer = SessionWriter.create(file, new SessionHeader(SessionHeader.FORMAT_VERSION,
                    KernelFacts.hostname(), live ? KernelFacts.release() : "", taskstatsVersion,
                    info.possible().toCpulist(), info.possible().toCpulist(), info.limits().nrCpus(),
                    info.kind() == SourceKind.REPLAY ? "replay" : info.kind().cliName(), info.description(),
                    startEpoch, startMonotonic, sockets.isPresent() ? SessionHeader.REGISTERED : SessionHeader.PER_CPU,
                    sockets.map(io.taskscope.source.ListenerSockets::deliversCopies).orElse(false)));
            writer.listeners(startEpoch, listeners);
            return writer;
        }, SessionRecorder.queueRecordsForThisJvm(), info.cpuCount(), session.source().canBeHeldBack());
        sockets.ifPresent(s -> recorder.followSockets(s::reports)); // registered: each listener's own socket too
        session.setTap(recorder); // before the end can be told: the end takes the tap away again
        // The app exits through System.exit: the file is closed first (the recorder's thread is a daemon).
        atExit = new Thread(() -> {
            try {
                recorder.stop().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                // exiting anyway: the file keeps its complete chunks
            }
        }, "taskscope-recorder-exit");
        Runtime.getRuntime().addShutdownHook(atExit);
        recorder.outcome().thenAccept(result -> {
            try {
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException exiting) {
                // the hook is running, or has
            }
            fx.execute(() -> ended(new Outcome(this, file, result), onEnd));
        });
    }

    /**
     * Starts recording the session's source into {@code file}; never waits. {@code onEnd} is told on the FX thread
     * once the file is closed: after {@link #stop()}, or at once when writing fails (the disk is full...).
     */
    public static Recorder start(Session session, Path file, ListenerSet listeners, int taskstatsVersion,
                                 Consumer<Outcome> onEnd) {
        return start(session, file, listeners, taskstatsVersion, Platform::runLater, onEnd);
    }

    /** As {@link #start(Session, Path, ListenerSet, int, Consumer)}, with {@code ui} running the end (tests). */
    public static Recorder start(Session session, Path file, ListenerSet listeners, int taskstatsVersion, Executor ui,
                                 Consumer<Outcome> onEnd) {
        return new Recorder(session, file, listeners, taskstatsVersion, ui, onEnd);
    }

    private void ended(Outcome o, Consumer<Outcome> onEnd) {
        if (phase == Phase.RECORDING) { // failed on its own: the session stops feeding it
            session.setTap(null);
            stoppedNanos = System.nanoTime();
        }
        phase = o.failed() ? Phase.FAILED : Phase.FINISHED;
        onEnd.accept(o);
    }

    /** Asks the recording to stop and returns: the recorder's thread writes what is queued and closes the file. */
    public void stop() {
        if (phase == Phase.RECORDING) {
            phase = Phase.STOPPING;
            stoppedNanos = System.nanoTime();
            session.setTap(null);
            recorder.stop();
        }
    }

    public Phase phase() {
        return phase;
    }

    public Path file() {
        return file;
    }

    /** Time recorded: until now, or until it was asked to stop (or failed). */
    public long elapsedNanos() {
        return (phase == Phase.RECORDING ? System.nanoTime() : stoppedNanos) - startNanos;
    }

    public long bytes() {
        return recorder.bytes();
    }

    public long records() {
        return recorder.records();
    }

    /** A listener edit made while recording. */
    public void listenersChanged(ListenerSet set) {
        recorder.listenersChanged(set);
    }
}
