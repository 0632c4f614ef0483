package io.taskscope.launch;

import io.taskscope.live.LiveCollector;
import io.taskscope.sim.SimSettings;

import java.nio.file.Path;
import java.util.List;

/** What a user asked a source to be, from the command line or the app's source bar; {@link SourceFactory} builds it. */
public sealed interface SourceSpec {

    /** This machine's kernel, one socket per CPU. */
    record Live(LiveCollector.Settings settings) implements SourceSpec {
    }

    /** The built-in simulator. */
    record Simulated(SimSettings settings) implements SourceSpec {
    }

    /** A session file, replayed at {@code speed} recorded seconds per second (0: as fast as possible). */
    record Recording(Path file, double speed) implements SourceSpec {
    }

    /** A command that streams a session on its stdout (a privileged helper, ssh to another box). */
    record Stream(List<String> command, String what) implements SourceSpec {
        public Stream {
            command = List.copyOf(command);
        }
    }
}
