package io.taskscope.cli;

import io.taskscope.core.RecordBlock;
import io.taskscope.core.Units;
import io.taskscope.live.KernelFacts;
import io.taskscope.live.LiveCollector;
import io.taskscope.session.ListenerSet;
import io.taskscope.session.LossEvent;
import io.taskscope.session.Source;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceException;
import io.taskscope.session.SourceKind;
import io.taskscope.session.SourceState;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code taskscope record}: a session file of what a source produces, for replay, stats, exports and bug reports.
 * The source's thread only copies batches into a bounded queue; this thread writes them.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a session file: every exit record, loss, listener definition and source state.",
        footer = {"", "Examples:",
                "  sudo taskscope record --duration 60s -o box.tsk",
                "  taskscope record --source sim --profile build --duration 10s -o demo.tsk",
                "  sudo taskscope record -o - | ssh desk taskscope stats /dev/stdin",
                "", "Ctrl-C finishes the file cleanly. Files are created readable by their owner only."})
public final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--listener", paramLabel = "NAME=CPULIST", converter = ListenCommand.ListenerOptionConverter.class,
            description = "Listener definitions to record with the session (repeatable; default: one on all CPUs).")
    List<ListenerOption> listeners = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "The session file to write, or - for standard output.")
    String output;

    private static final int QUEUE_BATCHES = 32;
    private volatile boolean stopping;

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
        ListenerSet set = ListenerOptions.define(listeners, src.info(), spec.commandLine());
        // Bounded: a writer that falls behind holds the source back (the simulator slows down; a live reader then
        // loses records in the kernel, which counts them exactly) instead of filling memory.
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        SourceConsumer consumer = new SourceConsumer() {
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
                put(new State(System.currentTimeMillis() * 1_000_000L, state, detail));
            }

            private void put(Object item) {
                try {
                    while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                        if (stopping) {
                            return; // finishing: what is still queued is written, the rest was never recorded
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        long start = System.nanoTime();
        try {
            src.start(consumer);
        } catch (SourceException e) {
            err.println("taskscope record: " + e.getMessage());
            return ListenCommand.EXIT_CANNOT_COLLECT;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "taskscope-record-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        boolean toStdout = output.equals("-");
        SessionWriter writer = toStdout ? SessionWriter.to(System.out, header(src))
                : SessionWriter.create(Path.of(output), header(src));
        long lost = 0;
        try {
            writer.listeners(System.currentTimeMillis() * 1_000_000L, set);
            long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            long nextProgress = System.nanoTime() + 1_000_000_000L;
            long nextFlush = nextProgress;
            try {
                while (System.nanoTime() < deadline) {
                    Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                    lost += write(writer, item);
                    long now = System.nanoTime();
                    if (now >= nextFlush) {
                        writer.flush(); // at most a second is lost to a crash or kill -9
                        nextFlush = now + 1_000_000_000L;
                    }
                    if (now >= nextProgress) {
                        progress(err, now - start, writer, lost);
                        nextProgress = now + 1_000_000_000L;
                    }
                }
            } catch (InterruptedException ctrlC) {
                // finish cleanly below
            }
            stopping = true;
            src.stop();
            for (Object item; (item = queue.poll()) != null; ) {
                lost += write(writer, item);
            }
            writer.close();
            progress(err, System.nanoTime() - start, writer, lost);
            err.println();
            err.flush();
        } catch (IOException e) {
            src.stop();
            err.println("taskscope record: cannot write " + output + ": " + e.getMessage());
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

    private record State(long nanos, SourceState state, String detail) {
    }

    private static long write(SessionWriter writer, Object item) throws IOException {
        if (item instanceof RecordBlock block) {
            writer.records(block);
        } else if (item instanceof LossEvent loss) {
            writer.loss(loss);
            return loss.records();
        } else if (item instanceof State s) {
            writer.state(s.nanos(), s.state(), s.detail());
        }
        return 0;
    }

    private static void progress(PrintWriter err, long nanos, SessionWriter writer, long lost) {
        err.printf(Locale.ROOT, "\rrecording %6.1f s  %,12d records  %,d lost  %s   ", nanos / 1e9,
                writer.recordsWritten(), lost, Units.bytes(writer.bytesWritten()));
        err.flush();
    }

    private static SessionHeader header(Source src) {
        boolean live = src.info().kind() == SourceKind.LIVE;
        int version = src instanceof LiveCollector collector ? collector.taskstatsVersion() : 16;
        return new SessionHeader(SessionHeader.FORMAT_VERSION, KernelFacts.hostname(),
                live ? KernelFacts.release() : "", version, src.info().possible().toCpulist(),
                src.onlineCpus().toCpulist(), src.info().limits().nrCpus(), src.info().kind().cliName(),
                src.info().description(), System.currentTimeMillis() * 1_000_000L, System.nanoTime());
    }
}
