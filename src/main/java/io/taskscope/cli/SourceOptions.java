package io.taskscope.cli;

import io.taskscope.launch.SourceFactory;
import io.taskscope.launch.SourceSpec;
import io.taskscope.live.LiveCollector;
import io.taskscope.live.QueueSize;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.Source;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that pick and configure a source; shared by listen, record and gui. */
final class SourceOptions {

    @Option(names = "--source", paramLabel = "live|sim", defaultValue = "live",
            converter = SourceKindConverter.class,
            description = "Where records come from: live (this kernel; root or CAP_NET_ADMIN) or sim (the built-in "
                    + "simulator, anywhere). Default: ${DEFAULT-VALUE}.")
    SourceKind kind = SourceKind.LIVE;

    @Option(names = "--receive-buffer", paramLabel = "BYTES", defaultValue = "" + LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER,
            description = "Live: receive buffer asked for each per-CPU socket (SO_RCVBUFFORCE when permitted). "
                    + "Default: ${DEFAULT-VALUE}.")
    int receiveBuffer = LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER;

    @Option(names = "--queue-bytes", paramLabel = "BYTES", converter = ByteSizeOption.class,
            description = "Live: the most memory the queue between the socket reader and the rest may take "
                    + "(64M, 1G...): it absorbs stalls of the output; when full, records are dropped and counted as "
                    + "lost in Taskscope's queue. Taken only while needed; at most 1/8 of RAM. Default: "
                    + QueueSize.DEFAULT_MIB + "M.")
    Long queueBytes;

    @Option(names = "--reader-nice", paramLabel = "N",
            description = "Live: the nice value of the thread that reads the sockets (-20..19; below 0 needs root or "
                    + "CAP_SYS_NICE, and is skipped with a note where refused). Default: "
                    + LiveCollector.Settings.DEFAULT_READER_NICE + ".")
    Integer readerNice;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "build", converter = ProfileConverter.class,
            description = "Sim: workload, one of desktop, build, fork-storm, database, memory-pressure, "
                    + "container-host. Default: ${DEFAULT-VALUE}.")
    Profile profile = Profile.BUILD;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "64",
            description = "Sim: CPUs of the simulated machine, 1..8192. Default: ${DEFAULT-VALUE}.")
    int cpus = 64;

    @Option(names = "--rate", paramLabel = "EXITS_PER_S",
            description = "Sim: exits per second for the whole machine. Default: the profile's.")
    Double rate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Sim: the same seed gives the same records. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Sim: simulated seconds per real second; 0 runs as fast as possible. Default: ${DEFAULT-VALUE}.")
    double speed = 1;

    @Option(names = "--start-time", paramLabel = "TIME", converter = StartTimeOption.class,
            description = "Sim: the wall-clock time of simulated time 0: now, an instant like 2026-01-01T00:00:00Z, or "
                    + "epoch seconds. Default: 2026-01-01T00:00:00Z, so the same settings give the same bytes every run.")
    Long startTime;

    @Option(names = "--taskstats-version", paramLabel = "16|17", defaultValue = "16",
            description = "Sim: the struct taskstats version to emit (17 adds the delay-max timestamps of Linux 7.0). "
                    + "Default: ${DEFAULT-VALUE}.")
    int taskstatsVersion = 16;

    @Option(names = "--buffer-bytes", paramLabel = "BYTES", defaultValue = "" + ListenerBuffer.DEFAULT_BYTES,
            description = "Sim: each virtual listener's receive buffer. Default: ${DEFAULT-VALUE} (rmem_default).")
    int bufferBytes = ListenerBuffer.DEFAULT_BYTES;

    @Option(names = "--drain-rate", paramLabel = "RECORDS_PER_S", defaultValue = "100000",
            description = "Sim: how many records a second each listener's reader takes. Default: ${DEFAULT-VALUE}.")
    double drainRate = ListenerBuffer.DEFAULT_DRAIN_PER_SECOND;

    /** @throws CommandLine.ParameterException for settings that make no sense, listing what is allowed */
    Source create(CommandLine cli) throws SourceException {
        return SourceFactory.create(switch (kind) {
            case LIVE -> new SourceSpec.Live(liveSettings());
            case SIM -> new SourceSpec.Simulated(simSettings(cli));
            case REPLAY -> throw new SourceException("Recordings are replayed from a file.");
        });
    }

    LiveCollector.Settings liveSettings() {
        LiveCollector.Settings s = LiveCollector.Settings.defaults().withReceiveBuffer(receiveBuffer);
        if (readerNice != null) {
            s = s.withReaderNice(readerNice);
        }
        return queueBytes == null ? s : s.withQueueBytes(queueBytes);
    }

    SimSettings simSettings(CommandLine cli) {
        try {
            SimSettings s = SimSettings.of(profile, cpus, rate == null ? Double.NaN : rate, seed, speed)
                    .withTaskstatsVersion(taskstatsVersion);
            return startTime == null ? s : s.withStartTime(startTime);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    ListenerBuffer.Settings bufferSettings(CommandLine cli) {
        try {
            return new ListenerBuffer.Settings(bufferBytes, drainRate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--buffer-bytes must be at least 1 and --drain-rate above 0");
        }
    }

    static final class SourceKindConverter implements CommandLine.ITypeConverter<SourceKind> {
        @Override
        public SourceKind convert(String value) {
            for (SourceKind k : new SourceKind[]{SourceKind.LIVE, SourceKind.SIM}) {
                if (k.cliName().equals(value)) {
                    return k;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a source: use live or sim");
        }
    }

    static final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            Profile p = Profile.byName(value);
            if (p == null) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a profile: use one of "
                        + Profile.names());
            }
            return p;
        }
    }
}
