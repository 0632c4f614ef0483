package io.taskscope.store;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import io.taskscope.source.SourceState;
import io.taskscope.source.SourceThread;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A session streamed by a helper process as it records: {@code pkexec taskscope record --source live -o -} (so the
 * GUI itself never needs root), or {@code ssh HOST taskscope record --source live -o -} (a box with no display).
 * Connecting starts the process and reads the session header; the helper's errors (denied, not installed, ssh
 * failure) come back with its stderr.
 */
public final class StreamSource implements Source {

    private final Process process;
    private final SessionStream stream;
    private final SourceInfo info;
    private final SourceThread thread = new SourceThread("taskscope-stream");

    private StreamSource(Process process, SessionStream stream, String what) {
        this.process = process;
        this.stream = stream;
        this.info = stream.header().machine(SourceKind.LIVE, what + ": " + stream.header().sourceDescription());
    }

    /** Runs {@code command} and reads the session header it writes on stdout (blocks until it does). */
    public static StreamSource connect(List<String> command, String what)
            throws SourceException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SourceException(cannotRun(command.get(0)), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream es = p.getErrorStream()) {
                es.transferTo(err);
            } catch (IOException ignored) {
                // the process went away
            }
        }, "taskscope-helper-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            SessionStream stream = SessionStream.open(p.getInputStream());
            StreamSource s = new StreamSource(p, stream, what);
            s.stderrFrom(err);
            return s;
        } catch (IOException e) {
            p.destroy();
            try {
                drain.join(2000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            String said = err.toString().strip();
            throw new SourceException(String.join(" ", command) + " did not stream a session: " + e.getMessage()
                    + (said.isEmpty() ? "" : "\nIt said: " + said), e);
        }
    }

    /**
     * Why a helper program did not start, for people: the JDK's "Cannot run program "pkexec": error=13" says neither
     * what is missing nor what to do.
     */
    static String cannotRun(String program) {
        java.nio.file.Path found = onPath(program);
        if (found == null) {
            return program + " is not installed here (not found on PATH)."
                    + ("pkexec".equals(program) ? " Install it (apt install pkexec, or polkit), or start Taskscope "
                    + "as root: sudo taskscope gui." : "");
        }
        return "this user may not run " + found + " (no execute permission).";
    }

    /** {@code program} as the shell would find it on PATH, or null. */
    private static java.nio.file.Path onPath(String program) {
        if (program.contains("/")) {
            java.nio.file.Path p = java.nio.file.Path.of(program);
            return java.nio.file.Files.exists(p) ? p : null;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty()) {
                java.nio.file.Path p = java.nio.file.Path.of(dir, program);
                if (java.nio.file.Files.exists(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private ByteArrayOutputStream helperErr;

    private void stderrFrom(ByteArrayOutputStream err) {
        helperErr = err;
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public void start(SourceConsumer consumer) {
        thread.start(() -> read(consumer));
    }

    private void read(SourceConsumer consumer) {
        consumer.stateChanged(SourceState.RUNNING, info.description());
        try {
            while (thread.running() && stream.next(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    consumer.batch(new SourceBatch(block, List.of(), 0));
                }

                @Override
                public void loss(LossEvent loss) {
                    consumer.batch(new SourceBatch(new RecordBlock(1), List.of(loss), 0));
                }

                @Override
                public void listeners(long nanos, ListenerSet set) {
                    consumer.listeners(nanos, set); // in-band: the records after it are routed by it
                }
            })) {
                // one chunk a second from a recorder
            }
            consumer.stateChanged(SourceState.STOPPED, "the stream ended");
        } catch (IOException e) {
            String said = helperErr == null ? "" : helperErr.toString().strip();
            consumer.stateChanged(thread.running() ? SourceState.FAILED : SourceState.STOPPED, e.getMessage()
                    + (said.isEmpty() ? "" : " (the helper said: " + said + ")"));
        }
    }

    @Override
    public void stop() {
        thread.requestStop();
        process.destroy(); // the reader blocks in the pipe: closing it is what ends the read
        try {
            stream.close();
        } catch (IOException ignored) {
            // already gone
        }
        thread.stop();
    }
}
