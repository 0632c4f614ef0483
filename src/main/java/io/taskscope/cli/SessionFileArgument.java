package io.taskscope.cli;

import io.taskscope.store.SessionReader;
import io.taskscope.store.UnreadableSession;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** A command's session-file argument, opened once for all of them: a file that is not one is told on stderr. */
final class SessionFileArgument {

    @Parameters(paramLabel = "FILE", description = "The session file.")
    Path file;

    /** The reader, or null after saying "taskscope CMD: why" on stderr (the caller exits with EXIT_NOT_A_SESSION). */
    SessionReader open(CommandLine.Model.CommandSpec spec) {
        try {
            return SessionReader.openReadable(file);
        } catch (UnreadableSession e) {
            spec.commandLine().getErr().println("taskscope " + spec.name() + ": " + e.getMessage());
            return null;
        }
    }
}
