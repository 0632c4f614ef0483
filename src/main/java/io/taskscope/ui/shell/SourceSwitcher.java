package io.taskscope.ui.shell;

import io.taskscope.launch.SourceFactory;
import io.taskscope.launch.SourceSpec;
import io.taskscope.live.Diagnostics;
import io.taskscope.live.LiveCollector;
import io.taskscope.live.ProbeReport;
import io.taskscope.session.Session;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.Source;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Switches the session's source on a thread of its own (a live collector registers sockets, a simulator joins its
 * thread, a stream waits for its helper's header), so the FX thread never waits. Sources come from the one
 * {@link SourceFactory}. What the switch found is handed to the FX thread as values: the probe report travels with
 * its outcome instead of through a field two threads share.
 */
final class SourceSwitcher {

    /** Outcomes, called on the FX thread. */
    interface Outcome {
        void switched(SourceKind kind, SimSettings sim, Source next, ProbeReport probe);

        /** Live cannot work here: the report says why (no permission, no taskstats, …). */
        void liveUnavailable(ProbeReport report);

        void failed(Exception e);
    }

    private final Session session;
    private final Outcome outcome;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "taskscope-source-switch");
        t.setDaemon(true);
        return t;
    });
    private volatile long liveQueueBytes;

    SourceSwitcher(Session session, Outcome outcome) {
        this.session = session;
        this.outcome = outcome;
    }

    /** The live collector's queue bound from the next switch to live on (0: the default). */
    void setLiveQueueBytes(long bytes) {
        liveQueueBytes = bytes;
    }

    /** Live runs the probe first and keeps the old source when live cannot work. */
    void switchTo(SourceKind kind, SimSettings sim) {
        worker.submit(() -> {
            ProbeReport probe = null;
            SourceSpec spec;
            if (kind == SourceKind.LIVE) {
                probe = Diagnostics.run();
                if (!probe.liveCollectionWorks()) {
                    ProbeReport report = probe;
                    Platform.runLater(() -> outcome.liveUnavailable(report));
                    return;
                }
                LiveCollector.Settings live = LiveCollector.Settings.defaults();
                long queue = liveQueueBytes;
                spec = new SourceSpec.Live(queue > 0 ? live.withQueueBytes(queue) : live);
            } else {
                // The app runs its simulator on the wall clock, as it would show a live machine; the fixed epoch is
                // for reproducible output of listen and record.
                spec = new SourceSpec.Simulated(sim.withStartTime(SimSettings.NOW));
            }
            run(spec, kind, kind == SourceKind.SIM ? sim : null, probe);
        });
    }

    void openRecording(Path file, double speed) {
        worker.submit(() -> run(new SourceSpec.Recording(file, speed), SourceKind.REPLAY, null, null));
    }

    /** A helper that streams a session (pkexec, ssh): it is live data from the app's point of view. */
    void connect(List<String> command, String what) {
        worker.submit(() -> run(new SourceSpec.Stream(command, what), SourceKind.LIVE, null, null));
    }

    /** Runs the probe alone (Help → Diagnostics) and hands the report over. */
    void diagnose(java.util.function.Consumer<ProbeReport> show) {
        worker.submit(() -> {
            ProbeReport report = Diagnostics.run();
            Platform.runLater(() -> show.accept(report));
        });
    }

    private void run(SourceSpec spec, SourceKind kind, SimSettings sim, ProbeReport probe) {
        try {
            Source next = SourceFactory.create(spec);
            session.switchSource(next);
            Platform.runLater(() -> outcome.switched(kind, sim, next, probe));
        } catch (SourceException | RuntimeException e) {
            Platform.runLater(() -> outcome.failed(e));
        }
    }

    void shutdown() {
        worker.shutdownNow();
    }
}
