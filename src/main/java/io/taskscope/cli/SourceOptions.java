package io.taskscope.cli;

import io.taskscope.launch.SourceFactory;
import io.taskscope.launch.SourceSpec;
import io.taskscope.live.LiveCollector;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.Source;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything that picks and configures a source, for listen and record. The parts the app or bench live share are
 * mixins of their own; the options only these two take are declared here.
 */
final class SourceOptions {

    @Mixin
    SourceKindOption kind = new SourceKindOption();

    @Mixin
    SimOptions sim = new SimOptions();

    @Mixin
    SocketReaderOptions reader = new SocketReaderOptions();

    @Mixin
    QueueBytesOption queue = new QueueBytesOption();

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Sim: simulated seconds per real second; 0 runs as fast as possible. Default: ${DEFAULT-VALUE}.")
    double speed = 1;

    @Option(names = "--start-time", paramLabel = "TIME", converter = StartTimeOption.class,
            description = "Sim: the wall-clock time of simulated time 0: now, an instant like 2026-01-01T00:00:00Z, or "
                    + "epoch seconds. Default: 2026-01-01T00:00:00Z, so the same settings give the same bytes every run.")
    Long startTime;

    @Option(names = "--buffer-bytes", paramLabel = "BYTES", defaultValue = "" + ListenerBuffer.DEFAULT_BYTES,
            description = "Sim: each virtual listener's receive buffer. Default: ${DEFAULT-VALUE} (rmem_default).")
    int bufferBytes = ListenerBuffer.DEFAULT_BYTES;

    @Option(names = "--drain-rate", paramLabel = "RECORDS_PER_S", defaultValue = "100000",
            description = "Sim: how many records a second each listener's reader takes. Default: ${DEFAULT-VALUE}.")
    double drainRate = ListenerBuffer.DEFAULT_DRAIN_PER_SECOND;

    /** @throws CommandLine.ParameterException for settings that make no sense, listing what is allowed */
    Source create(CommandLine cli) throws SourceException {
        return SourceFactory.create(switch (kind.orElse(SourceKind.LIVE)) {
            case LIVE -> new SourceSpec.Live(liveSettings());
            case SIM -> new SourceSpec.Simulated(simSettings(cli));
            case REPLAY -> throw new SourceException("Recordings are replayed from a file.");
        });
    }

    LiveCollector.Settings liveSettings() {
        LiveCollector.Settings s = reader.applyTo(LiveCollector.Settings.defaults());
        return queue.bytes == null ? s : s.withQueueBytes(queue.bytes);
    }

    SimSettings simSettings(CommandLine cli) {
        SimSettings s = sim.settings(speed, cli);
        return startTime == null ? s : s.withStartTime(startTime);
    }

    ListenerBuffer.Settings bufferSettings(CommandLine cli) {
        try {
            return new ListenerBuffer.Settings(bufferBytes, drainRate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--buffer-bytes must be at least 1 and --drain-rate above 0");
        }
    }
}
