package io.taskscope.cli;

import io.taskscope.live.LiveCollector;
import picocli.CommandLine.Option;

/** How the live collector reads its per-CPU sockets: {@code --receive-buffer --reader-nice}. */
final class SocketReaderOptions {

    @Option(names = "--receive-buffer", paramLabel = "BYTES",
            defaultValue = "" + LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER,
            description = "Live: receive buffer asked for each per-CPU socket (SO_RCVBUFFORCE when permitted). "
                    + "Default: ${DEFAULT-VALUE}.")
    int receiveBuffer = LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER;

    /** Null: the collector's default. */
    @Option(names = "--reader-nice", paramLabel = "N",
            description = "Live: the nice value of the thread that reads the sockets (-20..19; below 0 needs root or "
                    + "CAP_SYS_NICE, and is skipped with a note where refused). Default: "
                    + LiveCollector.Settings.DEFAULT_READER_NICE + ".")
    Integer readerNice;

    LiveCollector.Settings applyTo(LiveCollector.Settings settings) {
        LiveCollector.Settings s = settings.withReceiveBuffer(receiveBuffer);
        return readerNice == null ? s : s.withReaderNice(readerNice);
    }
}
