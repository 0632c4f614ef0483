package io.taskscope.cli;

import io.taskscope.live.QueueSize;
import picocli.CommandLine.Option;

/** {@code --queue-bytes}: the bound of the live collector's queue. Null when not given (the app: as remembered). */
final class QueueBytesOption {

    @Option(names = "--queue-bytes", paramLabel = "BYTES", converter = ByteSizeOption.class,
            description = "Live: the most memory the queue between the socket reader and the rest may take "
                    + "(64M, 1G...): it absorbs stalls of the output; when full, records are dropped and counted as "
                    + "lost in Taskscope's queue. Taken only while needed; at most 1/8 of RAM. Default: "
                    + QueueSize.DEFAULT_MIB + "M.")
    Long bytes;
}
