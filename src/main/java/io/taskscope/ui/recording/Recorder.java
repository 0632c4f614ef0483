package io.taskscope.ui.recording;

import io.taskscope.core.ListenerSet;
import io.taskscope.live.KernelFacts;
import io.taskscope.session.Session;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionRecorder;
import io.taskscope.store.SessionWriter;

import java.io.IOException;
import java.nio.file.Path;

/** The app's record button: the running source's batches, through the session's tap, into a session file. */
public final class Recorder {

    private final Session session;
    private final Path file;
    private final SessionRecorder recorder;
    private final long startNanos = System.nanoTime();

    public Recorder(Session session, Path file, ListenerSet listeners, int taskstatsVersion) throws IOException {
        this.session = session;
        this.file = file;
        SourceInfo info = session.info();
        boolean live = info.kind() == SourceKind.LIVE;
        SessionWriter writer = SessionWriter.create(file, new SessionHeader(SessionHeader.FORMAT_VERSION,
                KernelFacts.hostname(), live ? KernelFacts.release() : "", taskstatsVersion, info.possible().toCpulist(),
                info.possible().toCpulist(), info.limits().nrCpus(),
                info.kind() == SourceKind.REPLAY ? "replay" : info.kind().cliName(), info.description(),
                System.currentTimeMillis() * 1_000_000L, System.nanoTime()));
        writer.listeners(System.currentTimeMillis() * 1_000_000L, listeners);
        recorder = new SessionRecorder(writer, SessionRecorder.DEFAULT_QUEUE_RECORDS, info.cpuCount(),
                session.source().canBeHeldBack());
        session.setTap(recorder);
    }

    public Path file() {
        return file;
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
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

    public void stop() throws IOException {
        session.setTap(null);
        recorder.finish();
    }
}
