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
        subcommands = {BenchCommand.Live.class, BenchCommand.Store.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Session files: bytes per record, write and read records/s, seek to the middle.")
    static final class Store implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--profile", converter = SourceOptions.ProfileConverter.class, defaultValue = "build",
                description = "Simulator profile to record. Default: ${DEFAULT-VALUE}.")
        io.taskscope.sim.Profile profile;

        @Option(names = "--seconds", defaultValue = "3600",
                description = "Simulated seconds to record at the profile's rate. Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--file", defaultValue = "taskscope-bench.tsk", description = "Where (deleted afterwards).")
        java.nio.file.Path file;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            try {
                io.taskscope.bench.StoreBench.Result r = io.taskscope.bench.StoreBench.run(profile, seconds, file);
                out.printf(Locale.ROOT, "profile         %s, %,d records, %,.0f simulated s, %d chunks%n",
                        r.profile().cliName(), r.records(), seconds, r.chunks());
                out.printf(Locale.ROOT, "on disk         %s, %.1f bytes per record%n", Units.bytes(r.bytes()),
                        r.bytesPerRecord());
                out.printf(Locale.ROOT, "write           %,.0f records/s%n", r.records() / r.writeSeconds());
                out.printf(Locale.ROOT, "read            %,.0f records/s%n", r.records() / r.readSeconds());
                out.printf(Locale.ROOT, "seek to middle  %.1f ms (open, index, read the chunk)%n", r.seekMillis());
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
            out.flush();
            return 0;
        }
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
