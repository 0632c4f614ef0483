package io.taskscope.launch;

import io.taskscope.live.LiveCollector;
import io.taskscope.sim.SimulatorSource;
import io.taskscope.source.Source;
import io.taskscope.source.SourceException;
import io.taskscope.store.ReplaySource;
import io.taskscope.store.StreamSource;

/**
 * The one place that turns what a user asked for into a source: the command line and the app both come here, and
 * nothing above this package names a concrete source class (the architecture test holds it).
 */
public final class SourceFactory {
    private SourceFactory() {
    }

    /**
     * Builds the source, not yet started. A recording is opened (and refused when it is not a session) and a
     * stream's command is run until it has sent its header, so these may take a moment: call it off the FX thread.
     */
    public static Source create(SourceSpec spec) throws SourceException {
        if (spec instanceof SourceSpec.Live live) {
            return new LiveCollector(live.settings());
        } else if (spec instanceof SourceSpec.Simulated sim) {
            return new SimulatorSource(sim.settings());
        } else if (spec instanceof SourceSpec.Recording rec) {
            return new ReplaySource(rec.file(), rec.speed());
        }
        SourceSpec.Stream stream = (SourceSpec.Stream) spec; // the interface is sealed: nothing else
        return StreamSource.connect(stream.command(), stream.what());
    }
}
