package io.taskscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code --listeners per-cpu|registered}: how live serves the listeners (listen, record, gui). */
final class ListenerModeOption {

    @Option(names = "--listeners", paramLabel = "per-cpu|registered",
            description = "Live: per-cpu routes the listeners from one socket per CPU; registered also gives each "
                    + "listener a socket of its own, registered on its CPUs, and reports what the kernel sent it, what "
                    + "it got and what it lost per CPU. Default: per-cpu (the app: as last used).")
    String mode;

    /** Whether registered mode was asked for; null when the option was not given. */
    Boolean registered(CommandLine cmd) {
        if (mode == null) {
            return null;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "per-cpu" -> Boolean.FALSE;
            case "registered" -> Boolean.TRUE;
            default -> throw new CommandLine.ParameterException(cmd,
                    "--listeners takes per-cpu or registered, not '" + mode + "'");
        };
    }
}
