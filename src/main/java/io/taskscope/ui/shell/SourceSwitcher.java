package io.taskscope.ui.shell;

import io.taskscope.core.ListenerSet;
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
 * its outcome instead of through a field two threads share, and so do the listeners the new source was started
 * with: given to the session with the source, not after its start, so they never overwrite a recording's own.
 */
final class SourceSwitcher {

    /**
     * A source that started.
     *
     * @param kind     what the app counts it as (a helper's stream is live)
     * @param sim      its settings when it is the simulator, else null
     * @param probe    the live probe's report, for live; else null
     * @param routedBy the listeners the session routed it by from its first record (the app's at the request)
     * @param stream   what streams it ("pkexec helper", "remote host") when it is a helper's stream, else null
     */
    record Switched(SourceKind kind, SimSettings sim, Source source, ProbeReport probe, ListenerSet routedBy,
                    String stream) {

        /** The request, once its source runs. */
        Switched started(Source running) {
            return new Switched(kind, sim, running, probe, routedBy, stream);
        }
    }

    /** Outcomes, called on the FX thread. */
    interface Outcome {
        void switched(Switched switched);

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

    /**
     * Live runs the probe first and keeps the old source when live cannot work. {@code routeBy}: the listeners the
     * new source is routed by from its first record (cut to its machine by the session).
     */
    void switchTo(SourceKind kind, SimSettings sim, ListenerSet routeBy) {
        switchTo(kind, sim, routeBy, false);
    }

    /**
     * As {@link #switchTo(SourceKind, SimSettings, ListenerSet)}; {@code registered}: live gives each listener a
     * socket of its own, registered on its mask, beside the per-CPU ones (the session keeps them up to date).
     */
    void switchTo(SourceKind kind, SimSettings sim, ListenerSet routeBy, boolean registered) {
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
            run(spec, new Switched(kind, kind == SourceKind.SIM ? sim : null, null, probe, routeBy, null),
                    kind == SourceKind.LIVE && registered);
        });
    }

    /** A recording brings its own listeners; until its first definition it is routed by {@code routeBy}. */
    void openRecording(Path file, double speed, ListenerSet routeBy) {
        openRecording(file, speed, routeBy, 0);
    }

    /** As {@link #openRecording(Path, double, ListenerSet)}, playing from {@code fraction} of its span. */
    void openRecording(Path file, double speed, ListenerSet routeBy, double fraction) {
        worker.submit(() -> run(new SourceSpec.Recording(file, speed),
                new Switched(SourceKind.REPLAY, null, null, null, routeBy, null), false, fraction));
    }

    /** A helper that streams a session (pkexec, ssh): it is live data from the app's point of view. */
    void connect(List<String> command, String what, ListenerSet routeBy) {
        worker.submit(() -> run(new SourceSpec.Stream(command, what),
                new Switched(SourceKind.LIVE, null, null, null, routeBy, what), false));
    }

    /** Runs the probe alone (Help → Diagnostics) and hands the report over. */
    void diagnose(java.util.function.Consumer<ProbeReport> show) {
        worker.submit(() -> {
            ProbeReport report = Diagnostics.run();
            Platform.runLater(() -> show.accept(report));
        });
    }

    /** Starts the source {@code spec} makes; {@code request} is what the FX thread hears, with the source in it. */
    private void run(SourceSpec spec, Switched request, boolean registered) {
        run(spec, request, registered, 0);
    }

    /** @param fraction a replay's start, as a fraction of its span: sought before it starts, so nothing plays first */
    private void run(SourceSpec spec, Switched request, boolean registered, double fraction) {
        try {
            Source next = SourceFactory.create(spec);
            if (fraction > 0) {
                next.playback().ifPresent(p -> p.seek(p.startNanos() + (long) ((p.endNanos() - p.startNanos())
                        * fraction)));
            }
            if (registered) { // registered mode; the session hands it the listeners before it starts
                next.listenerSockets().ifPresent(s -> s.register(List.of()));
            }
            session.switchSource(next, request.routedBy());
            Switched done = request.started(next);
            Platform.runLater(() -> outcome.switched(done));
        } catch (SourceException | RuntimeException e) {
            Platform.runLater(() -> outcome.failed(e));
        }
    }

    void shutdown() {
        worker.shutdownNow();
    }
}
