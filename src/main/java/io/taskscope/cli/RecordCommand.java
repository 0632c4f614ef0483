package io.taskscope.cli;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.Units;
import io.taskscope.live.KernelFacts;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import io.taskscope.source.SourceState;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionRecorder;
import io.taskscope.store.SessionWriter;
import io.taskscope.store.WriteErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.taskscope.source.ListenerSockets;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code taskscope record}: a session file of what a source produces, for replay, stats, exports and bug reports.
 * A {@link SessionRecorder} does the writing, off the source's thread.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a session file: every exit record, loss, listener definition and source state.",
        footer = {"", "Examples:",
                "  sudo taskscope record --duration 60s -o box.tsk",
                "  taskscope record --source sim --profile build --duration 10s -o demo.tsk",
                "  sudo taskscope record -o - | ssh desk taskscope stats /dev/stdin",
                "", "Ctrl-C finishes the file cleanly. Files are created readable by their owner only."},
        resourceBundle = "io.taskscope.cli.RecordCommand$Texts")
public final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ListenerOptions listeners = new ListenerOptions();

    @Mixin
    RegisteredListenerOptions registered = new RegisteredListenerOptions();

    @Mixin
    RunDurationOption duration = new RunDurationOption();

    @Mixin
    OutputOption output = new OutputOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Source src;
        try {
            src = source.create(spec.commandLine());
        } catch (SourceException e) {
            err.println("taskscope record: " + e.getMessage());
            return ListenCommand.EXIT_CANNOT_COLLECT;
        }
        ListenerSet set = listeners.define(src.info(), spec.commandLine());
        Optional<ListenerSockets> sockets = registered.apply(src, set.listeners(), spec.commandLine());
        // The source starts first (a live collector learns the taskstats version, which the header records);
        // the handoff holds whatever it delivers until the writer and its recorder are in place.
        Handoff handoff = new Handoff();
        long start = System.nanoTime();
        try {
            src.start(handoff);
        } catch (SourceException e) {
            err.println("taskscope record: " + e.getMessage());
            return ListenCommand.EXIT_CANNOT_COLLECT;
        }
        SessionWriter writer;
        try {
            SessionHeader header = sockets.isPresent() ? header(src).withListenerMode(SessionHeader.REGISTERED)
                    : header(src);
            writer = output.isStandardOutput() ? SessionWriter.to(System.out, header)
                    : SessionWriter.create(Path.of(output.file), header);
            writer.listeners(System.currentTimeMillis() * 1_000_000L, set);
        } catch (IOException e) {
            handoff.to(null);
            src.stop();
            err.println("taskscope record: cannot write " + output.file + ": " + WriteErrors.describe(e));
            return 1;
        }
        SessionRecorder recorder = new SessionRecorder(writer, SessionRecorder.queueRecordsForThisJvm(),
                src.info().cpuCount(), src.canBeHeldBack());
        handoff.to(recorder);
        sockets.ifPresent(s -> recorder.followSockets(s::reports)); // a replay shows them as they went
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "taskscope-record-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            long deadline = duration.limit == null ? Long.MAX_VALUE : start + duration.limit.toNanos();
            try {
                while (System.nanoTime() < deadline && recorder.failure() == null) {
                    Thread.sleep(Math.max(1, Math.min(1000, (deadline - System.nanoTime()) / 1_000_000)));
                    progress(err, System.nanoTime() - start, recorder);
                }
            } catch (InterruptedException ctrlC) {
                // finish cleanly below
            }
            src.stop();
            sockets.ifPresent(s -> recorder.socketsChanged(s.reports())); // the final figures, exact after the stop
            recorder.finish();
            progress(err, System.nanoTime() - start, recorder);
            err.println();
            sockets.ifPresent(s -> err.println(RegisteredListenerOptions.text(s.reports())));
            err.flush();
        } catch (IOException e) {
            src.stop();
            err.println();
            err.printf(Locale.ROOT, "taskscope record: cannot write %s: %s; it keeps the first %,d records%n",
                    output.file, WriteErrors.describe(e), recorder.outcome().join().records());
            return 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // we are the Ctrl-C path
            }
        }
        return 0;
    }

    /**
     * Passes a source's output on to the recorder. Batches wait (on the source's thread) until the recorder
     * exists, as a simulator delivers as soon as it starts and nothing may be lost before the file is open.
     * State changes never wait: a live collector reports them from inside start(), on the thread that will
     * create the recorder, so they are kept and replayed instead.
     */
    private static final class Handoff implements SourceConsumer {
        private final CountDownLatch ready = new CountDownLatch(1);
        private final List<Runnable> earlyStates = new ArrayList<>();
        private volatile SourceConsumer target;

        void to(SourceConsumer consumer) {
            synchronized (earlyStates) {
                target = consumer;
                if (consumer != null) {
                    earlyStates.forEach(Runnable::run);
                }
                earlyStates.clear();
            }
            ready.countDown();
        }

        @Override
        public void batch(SourceBatch batch) {
            try {
                ready.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SourceConsumer t = target;
            if (t != null) {
                t.batch(batch);
            }
        }

        @Override
        public void stateChanged(SourceState state, String detail) {
            synchronized (earlyStates) {
                if (ready.getCount() > 0) {
                    earlyStates.add(() -> target.stateChanged(state, detail));
                    return;
                }
            }
            SourceConsumer t = target;
            if (t != null) {
                t.stateChanged(state, detail);
            }
        }
    }

    private static void progress(PrintWriter err, long nanos, SessionRecorder recorder) {
        err.printf(Locale.ROOT, "\rrecording %6.1f s  %,12d records  %,d lost  %s   ", nanos / 1e9,
                recorder.records(), recorder.lost(), Units.bytes(recorder.bytes()));
        err.flush();
    }

    /** The header of a session file of {@code src}, started now (serve's rotated files too). */
    static SessionHeader header(Source src) {
        boolean live = src.info().kind() == SourceKind.LIVE;
        int version = src.taskstatsVersion() > 0 ? src.taskstatsVersion() : 16;
        return new SessionHeader(SessionHeader.FORMAT_VERSION, KernelFacts.hostname(),
                live ? KernelFacts.release() : "", version, src.info().possible().toCpulist(),
                src.onlineCpus().toCpulist(), src.info().limits().nrCpus(), src.info().kind().cliName(),
                src.info().description(), System.currentTimeMillis() * 1_000_000L, System.nanoTime());
    }

    /** What record --help says of the shared options: the listeners are recorded, and the file is the output. */
    static final class Texts extends OptionTexts {
        public Texts() {
            super("listener", "Listener definitions to record with the session (repeatable; default: one on all CPUs).",
                    "duration", "Stop after this long (default: until Ctrl-C).",
                    "output.label", "FILE",
                    "output", "The session file to write, or - for standard output.");
        }
    }
}
