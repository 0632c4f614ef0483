package io.taskscope.ui;

import io.taskscope.core.ListenerSet;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.base.Settings;
import io.taskscope.ui.base.Snapshots;
import io.taskscope.ui.base.RenderPipeline;
import io.taskscope.ui.base.StartupClock;
import io.taskscope.ui.shell.Icons;
import io.taskscope.ui.shell.MainWindow;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The desktop app. Starts on what {@link GuiOptions} ask for, else on what was remembered, else on the simulator
 * (build, 64 CPUs, three listeners). {@code --snapshot} writes a PNG of the window and exits; {@code --bench}
 * measures frame intervals and exits.
 */
public final class TaskscopeApp extends Application {

    private static volatile GuiOptions options = GuiOptions.defaults();
    private static volatile int exitCode;

    private MainWindow window;
    private Settings settings;

    /** Starts the JavaFX toolkit and blocks until the app ends; returns the exit code. */
    public static int launchAndWait(GuiOptions opts) {
        options = opts;
        RenderPipeline.chooseBeforeToolkit();
        Application.launch(TaskscopeApp.class);
        return exitCode;
    }

    @Override
    public void start(Stage stage) {
        StartupClock.appStarted();
        GuiOptions o = options;
        settings = o.headlessRun() ? new Settings() : Settings.load();
        if (o.sim() != null) {
            settings.sim = o.sim();
        }
        if (o.source() != null) {
            settings.source = o.source();
        }
        if (o.liveRegistered() != null) {
            settings.liveRegistered = o.liveRegistered();
        }
        if (o.dark() != null) {
            settings.dark = o.dark();
        }
        ListenerSet listeners = o.listeners() != null ? o.listeners()
                : o.headlessRun() && o.sim() != null ? Settings.defaultListeners(settings.sim.cpus()) : settings.listeners;
        double width = Double.isNaN(o.width()) ? settings.width : o.width();
        double height = Double.isNaN(o.height()) ? settings.height : o.height();

        window = new MainWindow(stage, listeners);
        window.setHeadless(o.headlessRun());
        window.session().setTableRows(o.tableRows() > 0 ? o.tableRows() : settings.tableRows);
        if (o.queueBytes() > 0) {
            settings.liveQueueBytes = o.queueBytes();
        }
        window.setLiveQueueBytes(settings.liveQueueBytes);
        window.setLiveRegistered(settings.liveRegistered);
        Scene scene = window.scene(width, height);
        window.setDark(settings.dark);
        window.session().includeImplausible(settings.includeImplausible);
        window.setTableColumns(settings.tableColumns);
        window.recentFiles().addAll(settings.recent);
        window.setGridShare(settings.gridShare);
        stage.setTitle("Taskscope");
        stage.setScene(scene);
        StartupClock.windowBuilt();
        if (!o.headlessRun() && !Double.isNaN(settings.x)) {
            stage.setX(settings.x);
            stage.setY(settings.y);
        }
        // Every way out saves, once: the window's close box, File → Quit (which closes the window the same way) and
        // the toolkit's exit call stop(); SIGTERM (a logout, systemd, kill) runs the shutdown hook instead.
        this.stage = stage;
        stage.setOnCloseRequest(e -> remember());
        Runtime.getRuntime().addShutdownHook(new Thread(this::rememberBeforeExit, "taskscope-save-settings"));
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                if (stage.isShowing()) {
                    StartupClock.firstFrame();
                    if (Boolean.getBoolean("taskscope.startupReport")) {
                        // any start, as a user starts it (gui --bench parses options, which a bare start skips)
                        System.err.println(StartupClock.report());
                    }
                    scene.removePostLayoutPulseListener(this);
                    // The source starts once the first frame is laid out: its switch, its thread and the JIT
                    // compiling its hot loop took a CPU of two from the first pulse (~100 ms). The first frame has
                    // no data either way (a source starts on the switcher's thread).
                    // The icon too (decoding it took ~10 ms of the FX thread before the frame): a window manager
                    // takes a window's icon whenever it is set (_NET_WM_ICON), not only when the window maps
                    Platform.runLater(() -> {
                        stage.getIcons().setAll(Icons.window());
                        startSource(scene);
                    });
                }
            }
        });
        stage.show();
        StartupClock.windowShown();
        window.announce(settings.source, settings.sim);
        // the first launch gets the tour; headless runs (snapshots, benchmarks) only when asked, to look at it
        if (!settings.welcomed && (!o.headlessRun() || "show".equals(System.getProperty("taskscope.welcome")))) {
            window.showWelcome(() -> settings.welcomed = true);
        }
        if (o.recording() != null && o.focus() != null) {
            // the recording's listeners come with its first frames, after this: the focus waits for them
            window.selectView(o.view(), null);
            window.onceSourceListenersFollowed(() -> focusOrSay(o.focus()));
        } else if ((o.view() != null || o.focus() != null) && !window.selectView(o.view(), o.focus())) {
            System.err.println("taskscope: no listener named '" + o.focus() + "'; showing the first one");
        }
    }

    private void focusOrSay(String name) {
        if (!window.selectView(null, name)) {
            System.err.println("taskscope: the recording has no listener named '" + name + "'; showing the first one");
        }
    }

    /** After the first frame: the source (and a recording asked for), then the snapshot's or benchmark's timer. */
    private void startSource(Scene scene) {
        if (!stage.isShowing()) {
            return; // closed before its first frame: stop() has run
        }
        GuiOptions o = options;
        window.start(settings.source, settings.sim);
        if (o.recording() != null) {
            window.openRecording(o.recording());
        }
        if (o.snapshot() != null) {
            PauseTransition wait = new PauseTransition(Duration.millis(o.after().toMillis()));
            wait.setOnFinished(e -> snapshotAndExit(scene));
            wait.play();
        } else if (o.bench() != null) {
            bench(o.bench());
        }
    }

    private Stage stage;
    /** Settings are written once per run, by whichever way out comes first. */
    private final java.util.concurrent.atomic.AtomicBoolean remembered = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * From the shutdown hook (SIGTERM): JavaFX's own hook is taking the toolkit down at the same moment, so nothing
     * can be asked of the FX thread; the window's state is read from here, once, as the process ends.
     */
    private void rememberBeforeExit() {
        try {
            remember();
        } catch (RuntimeException e) {
            System.err.println("taskscope: could not save settings on exit: " + e.getMessage());
        }
    }

    /** What the window shows now goes into the settings file, once (atomically: Settings.save). */
    private void remember() {
        if (options.headlessRun() || window == null || !remembered.compareAndSet(false, true)) {
            return;
        }
        settings.x = stage.getX();
        settings.y = stage.getY();
        settings.width = stage.getWidth();
        settings.height = stage.getHeight();
        settings.dark = window.isDark();
        settings.includeImplausible = window.session().includesImplausible();
        settings.source = window.currentKind();
        settings.sim = window.currentSim();
        settings.liveRegistered = window.liveRegistered();
        settings.listeners = window.model().userListeners(); // not a recording's own, which it brought
        settings.tableColumns = window.tableColumns();
        settings.recent = new java.util.ArrayList<>(window.recentFiles());
        settings.gridShare = window.gridShare();
        try {
            settings.save();
        } catch (IOException e) {
            System.err.println("taskscope: could not save settings to " + Settings.file() + ": " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            remember();
            window.stop();
        }
    }

    private void snapshotAndExit(Scene scene) {
        try {
            var file = options.snapshot().toAbsolutePath();
            WritableImage image = Snapshots.write(scene, file);
            System.out.println("taskscope: wrote " + file + " (" + (int) image.getWidth() + "x"
                    + (int) image.getHeight() + ")");
            exitCode = 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("taskscope: could not write the snapshot: " + e.getMessage());
            exitCode = 1;
        }
        Platform.exit();
    }

    /** Frame-time benchmark: warm up 3 s, then keep every frame interval for the requested time. */
    private void bench(java.time.Duration length) {
        PauseTransition warmup = new PauseTransition(Duration.seconds(3));
        warmup.setOnFinished(e -> {
            window.frames().recordFrames((int) (length.toSeconds() * 1000 + 1000));
            long received0 = window.session().snapshot().received();
            long start = System.nanoTime();
            PauseTransition run = new PauseTransition(Duration.millis(length.toMillis()));
            run.setOnFinished(done -> {
                double seconds = (System.nanoTime() - start) / 1e9;
                long records = window.session().snapshot().received() - received0;
                printBench(System.out, window.frames().frameIntervals(), records / seconds, seconds);
                System.out.println(StartupClock.report());
                exitCode = 0;
                // Then listen's summary line: the counts once the source has stopped and delivered everything
                // (stopping a live collector drains its sockets and queue: not on the FX thread).
                Thread summary = new Thread(() -> {
                    var session = window.session();
                    var info = session.info();
                    session.stopSource();
                    String json = session.readCounts((tally, listeners) -> new io.taskscope.export.RunSummary(
                            tally, listeners.listeners(), seconds, info).json());
                    if (json != null) {
                        System.out.println(json);
                    }
                    System.out.flush();
                    Platform.runLater(Platform::exit);
                }, "taskscope-bench-summary");
                summary.setDaemon(true);
                summary.start();
            });
            run.play();
        });
        warmup.play();
    }

    static void printBench(PrintStream out, long[] intervals, double recordsPerSecond, double seconds) {
        long[] sorted = intervals.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "frames          %d in %.1f s (%.1f fps)%n", sorted.length, seconds,
                sorted.length / seconds);
        out.printf(Locale.ROOT, "frame interval  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        out.printf(Locale.ROOT, "records/s       %,.0f routed and counted%n", recordsPerSecond);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** For UI tests: the window of the running app. */
    MainWindow window() {
        return window;
    }
}
