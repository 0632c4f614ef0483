package io.taskscope.cli;

import io.taskscope.bench.LiveBench;
import io.taskscope.core.Units;
import io.taskscope.live.LiveCollector;
import io.taskscope.session.SourceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code taskscope bench}: measured figures for the performance targets (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Taskscope's throughput and print the figures.",
        subcommands = {BenchCommand.Live.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = "Storm of short-lived threads on every CPU while the live collector listens (needs root).")
    static final class Live implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--duration", converter = DurationOption.class, defaultValue = "10s",
                description = "How long the storm runs. Default: ${DEFAULT-VALUE}.")
        Duration duration;

        @Option(names = "--receive-buffer", paramLabel = "BYTES",
                defaultValue = "" + LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER,
                description = "Receive buffer per per-CPU socket. Default: ${DEFAULT-VALUE}.")
        int receiveBuffer;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            LiveBench.Result r;
            try {
                r = LiveBench.run(duration, receiveBuffer);
            } catch (SourceException e) {
                spec.commandLine().getErr().println("taskscope bench live: " + e.getMessage());
                return ListenCommand.EXIT_CANNOT_COLLECT;
            }
            out.printf(Locale.ROOT, "storm               %.1f s of short-lived threads on every CPU%n", r.storm().toNanos() / 1e9);
            out.printf(Locale.ROOT, "exits created       %d (%.0f exits/s)%n", r.exitsCreated(), r.exitsPerSecond());
            out.printf(Locale.ROOT, "records received    %d of ours, %d in all (other tasks exited too)%n",
                    r.ourRecordsReceived(), r.allRecordsReceived());
            out.printf(Locale.ROOT, "lost                %d (ENOBUFS episodes %d)%n", r.lost(), r.enobufs());
            out.printf(Locale.ROOT, "collector CPU       %s in all, %.0f ns per record, %.1f%% of one core%n",
                    Units.nanos(r.collectorCpuNanos()), r.collectorNanosPerRecord(), 100 * r.collectorCoreShare());
            out.printf(Locale.ROOT, "receive buffer      %s granted per CPU socket%n", Units.bytes(r.grantedReceiveBuffer()));
            out.flush();
            return 0;
        }
    }
}
