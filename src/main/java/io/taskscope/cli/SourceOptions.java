package io.taskscope.cli;

import io.taskscope.live.LiveCollector;
import io.taskscope.session.Source;
import io.taskscope.session.SourceException;
import io.taskscope.session.SourceKind;
import picocli.CommandLine.Option;

/** The options that pick and configure a source; shared by listen, record and gui. */
final class SourceOptions {

    @Option(names = "--source", paramLabel = "live|sim", defaultValue = "live",
            converter = SourceKindConverter.class,
            description = "Where records come from: live (this kernel; root or CAP_NET_ADMIN) or sim (the built-in "
                    + "simulator). Default: ${DEFAULT-VALUE}.")
    SourceKind kind = SourceKind.LIVE;

    @Option(names = "--receive-buffer", paramLabel = "BYTES", defaultValue = "" + LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER,
            description = "Live: receive buffer asked for each per-CPU socket (SO_RCVBUFFORCE when permitted). "
                    + "Default: ${DEFAULT-VALUE}.")
    int receiveBuffer = LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER;

    Source create() throws SourceException {
        return switch (kind) {
            case LIVE -> new LiveCollector(LiveCollector.Settings.defaults().withReceiveBuffer(receiveBuffer));
            case SIM -> throw new SourceException("The built-in simulator is not part of this build yet; "
                    + "use --source live.");
            case REPLAY -> throw new SourceException("Recordings are replayed with the 'replay' commands.");
        };
    }

    static final class SourceKindConverter implements picocli.CommandLine.ITypeConverter<SourceKind> {
        @Override
        public SourceKind convert(String value) {
            for (SourceKind k : new SourceKind[]{SourceKind.LIVE, SourceKind.SIM}) {
                if (k.cliName().equals(value)) {
                    return k;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a source: use live or sim");
        }
    }
}
