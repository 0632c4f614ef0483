package io.taskscope.ui.shell;

import io.taskscope.core.ListenerSet;
import io.taskscope.live.ProbeReport;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.Source;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FrameLoop;
import io.taskscope.ui.base.Snapshots;
import io.taskscope.ui.dashboard.TilesView;
import io.taskscope.ui.export.Exports;
import io.taskscope.ui.grid.CpuGridView;
import io.taskscope.ui.grid.NumaNodes;
import io.taskscope.ui.heatmap.HeatmapView;
import io.taskscope.ui.listeners.ListenersPane;
import io.taskscope.ui.replay.ReplayTransport;
import io.taskscope.ui.source.HelperCommand;
import io.taskscope.ui.source.RemoteHostDialog;
import io.taskscope.ui.source.SourceBar;
import io.taskscope.ui.table.ExitTableView;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;


/**
 * The window: menus, the source bar, the CPU grid beside the listeners, the status bar. Source switches run on a
 * background thread (a live collector registers sockets, a simulator joins its thread); the FX thread only ever
 * takes per-frame snapshots.
 */
public final class MainWindow {

    private final Stage stage;
    private final Session session = new Session();
    private final AppModel model;
    private final CpuGridView grid;
    private final ListenersPane listenersPane;
    private final SourceBar sourceBar;
    private final StatusLine status = new StatusLine();
    private final FrameLoop frames;
    private final ViewTabs tabs;
    private final GridSplit split;
    private final BorderPane root = new BorderPane();
    /** The scene's root: the window, and over it at times the first-run introduction. */
    private final javafx.scene.layout.StackPane layers = new javafx.scene.layout.StackPane(root);
    private final SourceSwitcher switcher;
    private final ReplayTransport transport;
    private final Actions actions = new Actions();
    private SourceKind currentKind = SourceKind.SIM;
    private SimSettings currentSim = SimSettings.defaults();
    private boolean dark;
    private final Exports exports;
    private final RecordingControls recording;

    public MainWindow(Stage stage, ListenerSet listeners) {
        this.stage = stage;
        this.model = new AppModel(session, listeners);
        this.grid = new CpuGridView(model);
        this.listenersPane = new ListenersPane(model, model::edit);
        this.transport = new ReplayTransport(session, this::showPaused, this::playAgainFrom);
        this.switcher = new SourceSwitcher(session, new SwitchOutcome());
        this.sourceBar = new SourceBar(this::switchTo, transport::togglePause, this::showDiagnostics,
                this::chooseRecording, transport::setSpeed, transport::seek, transport::step);
        this.frames = new FrameLoop(session, this::updateGrid, this::updateText, this::updateView);
        sourceBar.setOnLiveMode(registered -> switchTo(SourceKind.LIVE, null));
        this.exports = new Exports(stage, model, status::setText, frames, transport::pause);

        VBox gridBox = new VBox(2, gridLegend(), grid);
        gridBox.getStyleClass().add("grid-box");
        javafx.scene.layout.VBox.setVgrow(grid, javafx.scene.layout.Priority.ALWAYS);
        this.tabs = new ViewTabs(model, session, frames, listenersPane);
        this.split = new GridSplit(gridBox, grid, tabs.pane());
        root.setTop(new VBox(menus(), sourceBar));
        // a recording holds what is routed: masks cut to the machine recorded (its file cannot name other CPUs)
        this.recording = new RecordingControls(stage, session, sourceBar.recordButton(), status, () -> lastText,
                () -> model.routedProperty().get(), this::remember,
                problem -> failed(new SourceException(problem)));
        model.routedProperty().addListener((obs, o, n) -> recording.listenersChanged(n));
        sourceBar.setFocusHome(this::focusGrid);
        root.setCenter(split.pane());
        root.setBottom(status);
    }

    /**
     * One line above the grid: the heat scale, what stripes, hatching and the red corner mean, and how to edit;
     * each part's tooltip says it at length.
     */
    private javafx.scene.layout.HBox gridLegend() {
        Label key = new Label("stripe = a listener on that CPU  ·  hatched = no listener (its exits go to nobody)  ·  "
                + "red corner = losing records");
        io.taskscope.ui.base.LazyTooltip.set(key, "Each listener registered on a CPU draws a stripe of its "
                + "colour along the bottom of the cell.\nWhere no listener is registered the kernel builds no "
                + "message at all: the cell is hatched.\nA red corner stays for two seconds after a CPU lost records.");
        Label hint = new Label("Click or drag cells to edit the selected listener; right-click for more");
        io.taskscope.ui.base.LazyTooltip.set(hint, "Edit the selected listener's CPUs: click toggles a CPU, "
                + "drag paints (or erases), shift-click sets a range,\na click on a row number toggles the row, "
                + "arrows move and space toggles; the context menu assigns, clears and inverts.\nCtrl+wheel "
                + "zooms, View → Fit the grid (Ctrl+0) fits it again.");
        for (Label l : new Label[]{key, hint}) {
            l.setMinWidth(0); // a narrow window cuts these, never the heat scale
        }
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(14, grid.heatLegend(), key, gap, hint);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        line.getStyleClass().add("grid-legend");
        return line;
    }

    public Scene scene(double width, double height) {
        Scene scene = new Scene(layers, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource("/io/taskscope/ui/taskscope.css").toExternalForm());
        return scene;
    }

    public AppModel model() {
        return model;
    }

    public Session session() {
        return session;
    }

    public CpuGridView grid() {
        return grid;
    }

    public FrameLoop frames() {
        return frames;
    }

    public SourceKind currentKind() {
        return currentKind;
    }

    public SimSettings currentSim() {
        return currentSim;
    }

    /** The share of the window's height the user dragged the grid's divider to, NaN while they have not. */
    public double gridShare() {
        return split.chosenShare();
    }

    /** Restores the divider's remembered share (NaN: the default); the grid takes less when its rows need less. */
    public void setGridShare(double share) {
        split.setChosenShare(share);
    }

    public boolean isDark() {
        return dark;
    }

    public void setDark(boolean on) {
        dark = on;
        layers.getStyleClass().remove("dark");
        if (on) {
            layers.getStyleClass().add("dark");
        }
        grid.setDark(on);
        tabs.setDark(on);
    }

    public void start(SourceKind kind, SimSettings sim) {
        announce(kind, sim);
        frames.start();
        switchTo(kind, sim == null ? currentSim : sim);
    }

    /**
     * Shows what is about to start, as {@link #start} does first: the status line's busy text, the simulator's CPUs
     * in the grid, and what the introduction names as running until the source says what it is. The app calls it
     * before the first frame and starts the source after it.
     */
    public void announce(SourceKind kind, SimSettings sim) {
        SimSettings settings = sim == null ? currentSim : sim;
        status.busy(busyText(kind));
        if (kind == SourceKind.SIM) {
            // the simulator's machine is known before it runs (switched() sets the same): the first frame has its cells
            grid.setMachine(settings.cpus(), io.taskscope.core.CpuSet.range(0, settings.cpus() - 1),
                    java.util.List.of());
        }
        running = kind == SourceKind.SIM
                ? new IntroductionText.Running(IntroductionText.Showing.SIMULATOR, settings.profile().cliName(),
                settings.cpus())
                : new IntroductionText.Running(IntroductionText.Showing.LIVE, "this machine",
                Runtime.getRuntime().availableProcessors());
    }

    public void stop() {
        recording.stop();
        frames.stop();
        session.stopSource();
        switcher.shutdown();
    }

    // ---- sources ----

    /** Switches on the switcher's thread; live shows the diagnostics first when it cannot work, and keeps the old source. */
    void switchTo(SourceKind kind, SimSettings sim) {
        status.busy(busyText(kind));
        switcher.switchTo(kind, sim == null ? currentSim : sim, model.listenersForNextSource(),
                sourceBar.registeredMode());
    }

    /** Whether live gives each listener a socket of its own (registered mode), from the next switch to live on. */
    public void setLiveRegistered(boolean registered) {
        sourceBar.showRegisteredMode(registered);
    }

    public boolean liveRegistered() {
        return sourceBar.registeredMode();
    }

    private static String busyText(SourceKind kind) {
        return kind == SourceKind.LIVE ? "Checking live collection…" : "Starting the simulator…";
    }

    /** The live collector's queue bound from the next switch to live on (0: the default). */
    public void setLiveQueueBytes(long bytes) {
        switcher.setLiveQueueBytes(bytes);
    }

    /** What a switch ends in, on the FX thread. */
    private final class SwitchOutcome implements SourceSwitcher.Outcome {
        @Override
        public void switched(SourceSwitcher.Switched switched) {
            MainWindow.this.switched(switched);
        }

        @Override
        public void liveUnavailable(ProbeReport report) {
            boolean permission = report.checks().stream().anyMatch(c -> c.name().equals("permission")
                    && c.status() == ProbeReport.Status.FAIL);
            String why = permission ? "this user may not register taskstats listeners" : "see Help → Diagnostics";
            if (session.source() == null) { // nothing ran before: every branch ends in a running source
                currentKind = SourceKind.SIM;
                noticeAfterSwitch = "Live collection is not possible here (" + why + "); the simulator runs "
                        + "instead. Source → Live through a privileged helper, or F1 for diagnostics.";
                switchTo(SourceKind.SIM, currentSim);
            } else {
                sourceBar.show(currentKind, currentKind == SourceKind.SIM ? currentSim : null);
                status.setText("Live collection is not possible here (" + why + "); " + currentKind.cliName()
                        + " keeps running.");
            }
            if (headless) {
                return; // a snapshot or bench run must never wait on a modal dialog
            }
            whenIntroductionIsGone(() -> {
                if (permission && offerHelper()) {
                    connectPrivilegedHelper();
                } else {
                    showDiagnostics(report);
                }
            });
        }

        @Override
        public void failed(Exception e) {
            MainWindow.this.failed(e);
        }
    }

    private void switched(SourceSwitcher.Switched sw) {
        SourceKind kind = sw.kind();
        Source next = sw.source();
        ProbeReport report = sw.probe();
        currentKind = kind == SourceKind.REPLAY ? currentKind : kind; // what is remembered is a live or sim source
        if (sw.sim() != null) {
            currentSim = sw.sim();
        }
        transport.sourceStarted();
        if (shownEnded) {
            shownEnded = false;
            sourceBar.showReplayEnded(false);
        }
        runningInfo = next.info();
        followedSourceListeners = 0;
        boolean layoutBack = model.sourceChanged(next.info().limits(), sw.routedBy());
        // a recording shows its own listeners as it plays: what yours would lose on its machine is not news yet
        tellWhatChanged(layoutBack, next.info().cpuCount(), kind != SourceKind.REPLAY);
        showRunning(sw);
        // Live machines show each NUMA node from a new row, as /sys tells them
        grid.setMachine(next.info().cpuCount(), next.onlineCpus(),
                kind == SourceKind.LIVE ? NumaNodes.host() : java.util.List.of());
        sourceBar.show(kind, kind == SourceKind.SIM ? currentSim : null);
        next.playback().flatMap(io.taskscope.source.Playback::recording).ifPresent(file -> {
            sourceBar.showReplayFile(file.getFileName().toString() + (next.listenerSockets().isPresent()
                    ? " · as registered" : ""));
            remember(file);
        });
        java.util.Optional<String> damage = next.playback().flatMap(io.taskscope.source.Playback::damage);
        if (kind == SourceKind.LIVE && report != null && report.delayAccounting().orElse(true) == Boolean.FALSE) {
            status.setStandingWarning("delay accounting off", "kernel.task_delayacct is 0: only CPU delay is "
                    + "measured. Fix: sudo sysctl kernel.task_delayacct=1 (tasks started afterwards get all delays).");
        } else if (damage.isPresent()) {
            status.setStandingWarning("damaged recording", damage.get());
        } else if (noticeAfterSwitch != null) {
            status.setStandingWarning("live unavailable", noticeAfterSwitch);
        } else {
            status.setStandingWarning(null, null);
        }
        noticeAfterSwitch = null;
    }

    /** Why the source that just started is not the one asked for, shown once it runs. */
    private String noticeAfterSwitch;

    /** The running source's machine: only its snapshots may hand the editor the source's own listeners. */
    private io.taskscope.source.SourceInfo runningInfo;

    /**
     * The status line says once what a switch did to the listeners: the user's came back after a source's own, or
     * some masks reach beyond the new machine (kept whole; only the CPUs it has are registered).
     */
    private void tellWhatChanged(boolean layoutBack, int cpus, boolean sayBeyond) {
        java.util.List<String> names = sayBeyond ? model.listenersBeyondMachine() : java.util.List.<String>of();
        String back = layoutBack ? "Your listeners are back (Ctrl+Z shows the source's own again). " : "";
        String beyond = names.isEmpty() ? "" : String.join(", ", names)
                + (names.size() == 1 ? " keeps its" : " keep their") + " CPUs beyond this machine's " + cpus
                + (cpus == 1 ? " CPU" : " CPUs") + " (see the Listeners tab): only the CPUs it has are registered here.";
        if (!back.isEmpty() || !beyond.isEmpty()) {
            status.notice((back + beyond).strip());
        }
    }

    /** What the introduction names as running (until the first source says what it is: the default simulator). */
    private IntroductionText.Running running = new IntroductionText.Running(IntroductionText.Showing.SIMULATOR,
            SimSettings.defaults().profile().cliName(), SimSettings.defaults().cpus());

    private void showRunning(SourceSwitcher.Switched sw) {
        io.taskscope.source.SourceInfo info = sw.source().info();
        java.util.Optional<java.nio.file.Path> file = sw.source().playback()
                .flatMap(io.taskscope.source.Playback::recording);
        if (sw.kind() == SourceKind.REPLAY) {
            running = new IntroductionText.Running(IntroductionText.Showing.RECORDING,
                    file.map(f -> f.getFileName().toString()).orElse(info.description()), info.cpuCount());
        } else if (sw.stream() != null) {
            running = new IntroductionText.Running(IntroductionText.Showing.STREAM, sw.stream(), info.cpuCount());
        } else if (sw.kind() == SourceKind.LIVE) {
            running = new IntroductionText.Running(IntroductionText.Showing.LIVE,
                    info.description().replaceFirst("^live: ", ""), info.cpuCount());
        } else {
            running = new IntroductionText.Running(IntroductionText.Showing.SIMULATOR,
                    sw.sim() == null ? "?" : sw.sim().profile().cliName(), info.cpuCount());
        }
        if (layers.lookup("#welcome") instanceof WelcomeOverlay welcome) {
            welcome.showSource(running);
        }
    }

    /** The keyboard goes to the grid: after a source button was pressed, or the introduction closed. */
    private void focusGrid() {
        grid.canvas().requestFocus();
    }

    private void failed(Exception e) {
        transport.switchFailed();
        status.setText("Could not switch source: " + e.getMessage());
        if (headless) {
            System.err.println("taskscope: " + e.getMessage());
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
        alert.initOwner(stage);
        alert.setHeaderText("The source could not start");
        alert.show();
    }

    private void showPaused(boolean paused) {
        sourceBar.setPaused(paused);
    }

    /** The ended replay's file opened again, to play from {@code fraction} of its span (sought before it starts). */
    private void playAgainFrom(double fraction) {
        java.util.Optional<java.nio.file.Path> file = java.util.Optional.ofNullable(session.source())
                .flatMap(Source::playback).flatMap(io.taskscope.source.Playback::recording);
        file.ifPresent(f -> {
            status.busy("Opening " + f.getFileName() + " again…");
            switcher.openRecording(f, sourceBar.replaySpeed(), model.listenersForNextSource(), fraction);
        });
    }

    /** Whether the source bar shows the replay as ended (its button then offers to play it again). */
    private boolean shownEnded;

    /** Seeks the replay to a fraction of the recording's span. */
    void seekReplay(double fraction) {
        transport.seek(fraction);
    }

    /** File → Open recording: pick a session file and replay it. */
    void chooseRecording() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Open a Taskscope recording");
        chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("Taskscope sessions", "*.tsk"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openRecording(file.toPath());
        }
    }

    /** Replays a session file: its machine, its records in their rhythm, its listener edits as they happened. */
    public void openRecording(java.nio.file.Path file) {
        status.busy("Opening " + file.getFileName() + "…");
        switcher.openRecording(file, sourceBar.replaySpeed(), model.listenersForNextSource());
    }

    /** File → Save the window as PNG: what is on screen, for slides and bug reports. */
    void savePng() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Save the window as PNG");
        chooser.setInitialFileName("taskscope.png");
        java.io.File file = chooser.showSaveDialog(stage);
        if (file != null) {
            status.busy("Saving " + file.getName() + "…");
            Snapshots.writeInBackground(stage.getScene(), file.toPath(), problem -> {
                if (problem == null) {
                    status.setText("Saved " + file);
                } else {
                    failed(new SourceException(problem));
                }
            });
        }
    }

    /** Records the running source into {@code file} until it is stopped or a write error ends it. */
    void startRecording(java.nio.file.Path file) {
        recording.start(file);
    }

    void stopRecording() {
        recording.stop();
    }

    boolean isRecording() {
        return recording.recording();
    }

    /** The GUI cannot register listeners itself: offer to run the collector as a privileged helper. */
    private boolean offerHelper() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Registering taskstats listeners needs root or "
                + "CAP_NET_ADMIN, which this window does not have (and should not). Taskscope can start the collector "
                + "as a separate privileged process with pkexec and read its stream:\n\n  "
                + String.join(" ", privilegedHelper()) + "\n\nStart it?", javafx.scene.control.ButtonType.YES,
                javafx.scene.control.ButtonType.NO);
        ask.initOwner(stage);
        ask.setHeaderText("Live collection needs privileges");
        return ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.YES).isPresent();
    }

    /** Source → Remote: a box with no display, through ssh. */
    void chooseRemote() {
        RemoteHostDialog.ask(stage).ifPresent(host -> connectHelper(HelperCommand.ssh(host), "remote " + host));
    }

    /** The pkexec command for the collector, with the listeners the window has now. */
    private java.util.List<String> privilegedHelper() {
        return HelperCommand.pkexec(model.listenersProperty().get());
    }

    private void connectPrivilegedHelper() {
        connectHelper(privilegedHelper(), "pkexec helper");
    }

    /** Starts a helper that streams a session (pkexec, ssh) and makes it the source; its failures are shown with its stderr. */
    void connectHelper(java.util.List<String> command, String what) {
        status.busy("Starting " + what + "…");
        switcher.connect(command, what, model.listenersForNextSource());
    }

    /** Recordings opened lately, newest first (remembered between runs). */
    public java.util.List<java.nio.file.Path> recentFiles() {
        return recentFiles;
    }

    private final java.util.List<java.nio.file.Path> recentFiles = new java.util.ArrayList<>();

    private void remember(java.nio.file.Path file) {
        recentFiles.remove(file);
        recentFiles.add(0, file);
        while (recentFiles.size() > 5) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }

    void showDiagnostics() {
        status.busy("Running diagnostics…");
        switcher.diagnose(this::showDiagnostics);
    }

    private void showDiagnostics(ProbeReport report) {
        status.setProgress(0);
        DiagnosticsDialog.show(stage, report);
    }

    // ---- per-frame ----

    private void updateGrid(SessionSnapshot s) {
        if (s.info() == null) {
            return;
        }
        grid.setOnline(s.online());
        grid.update(s.exitsByCpu(), s.lostByCpu(), 1.0 / FrameLoop.GRID_HZ, s.nanoTime());
    }

    private void updateText(SessionSnapshot s) {
        status.update(s);
        // Compared by identity: a snapshot taken before this window handled the switch (the old source's, or the new
        // one's ahead of sourceChanged) must not hand the editor listeners it would then put aside as the user's.
        if (s.info() != null && s.info() == runningInfo && s.listenersFromSource() != followedSourceListeners) {
            // a replay's recorded edit, already routed in-band: the editor follows it
            followedSourceListeners = s.listenersFromSource();
            model.followSource(s.listeners(), s.info().kind() == SourceKind.REPLAY ? "the recording" : "the stream");
            Runnable then = afterSourceListeners;
            afterSourceListeners = null;
            if (then != null) {
                then.run();
            }
        }
        transport.position().ifPresent(p -> sourceBar.showReplayPosition(p.fraction(), p.text()));
        if (transport.ended() != shownEnded) {
            shownEnded = !shownEnded;
            sourceBar.showReplayEnded(shownEnded);
        }
        tabs.updateText(s);
        lastText = s;
    }

    /** Runs once, when the editor next follows the source's own listeners (a recording's: gui --open --focus). */
    public void onceSourceListenersFollowed(Runnable then) {
        afterSourceListeners = then;
    }

    private Runnable afterSourceListeners;

    /** How many of the source's own listener definitions the editor has followed (see SessionSnapshot). */
    private long followedSourceListeners;

    /** The snapshot the numbers last showed: the tiles take it with their view, at the views' rate. */
    private SessionSnapshot lastText;

    private void updateView(io.taskscope.session.views.ViewSnapshot v) {
        tabs.updateView(v, lastText);
    }

    /** Shows a view ("listeners", "table", "heatmap", "tiles") focused on a listener by name ("all" for every CPU). */
    public boolean selectView(String view, String focusName) {
        return tabs.select(view, focusName);
    }

    /** Shows the short tour over the window; {@code dismissed} runs when the user closes it. */
    public void showWelcome(Runnable dismissed) {
        if (layers.lookup("#welcome") == null) {
            layers.getChildren().add(new WelcomeOverlay(running, () -> {
                dismissed.run();
                focusGrid();
                Runnable next = afterIntroduction;
                afterIntroduction = null;
                if (next != null) {
                    next.run();
                }
            }));
        }
    }

    /** A dialog waits until the introduction is dismissed, so the two never pile on top of each other. */
    private void whenIntroductionIsGone(Runnable dialog) {
        if (layers.lookup("#welcome") == null) {
            dialog.run();
        } else {
            afterIntroduction = dialog;
        }
    }

    private Runnable afterIntroduction;

    /** Snapshot and bench runs: no modal dialog may open (it would outlive the run). */
    public void setHeadless(boolean headless) {
        this.headless = headless;
    }

    private boolean headless;

    public ReplayTransport transport() {
        return transport;
    }

    public Exports exports() {
        return exports;
    }

    /** The exits table, made now if it was not yet (it is made when its tab is first shown). */
    public ExitTableView exitTable() {
        return tabs.exitTable();
    }

    /** The table's visible columns by id (empty: the defaults), also before the table is made. */
    public void setTableColumns(java.util.List<String> ids) {
        tabs.setTableColumns(ids);
    }

    /** The table's visible columns, without making the table. */
    public java.util.List<String> tableColumns() {
        return tabs.tableColumns();
    }

    public HeatmapView heatmap() {
        return tabs.heatmap();
    }

    public TilesView tiles() {
        return tabs.tiles();
    }

    // ---- menus ----

    private MenuBar menus() {
        final String f = "File";
        Menu recent = new Menu("Recent recordings");
        Menu file = new Menu(f, null,
                actions.item(f, "Open recording…", null, this::chooseRecording), recent,
                new SeparatorMenuItem(),
                actions.item(f, "Record / stop recording", "Shortcut+Shift+R", () -> recording.toggle()),
                new SeparatorMenuItem(),
                actions.item(f, "Export records as CSV…", "Shortcut+E",
                        () -> exports.chooseAndExport(io.taskscope.export.ExportFormat.CSV)),
                actions.item(f, "Export records as Perfetto trace…", "Shortcut+Shift+E",
                        () -> exports.chooseAndExport(io.taskscope.export.ExportFormat.PERFETTO)),
                actions.item(f, "Save the window as PNG…", "Shortcut+Shift+S", this::savePng),
                actions.item(f, "Film of the replay (GIF or PNGs)…", "Shortcut+Shift+G", exports::chooseAndFilm),
                new SeparatorMenuItem(),
                actions.item(f, "Quit", "Shortcut+Q", () -> stage.close()));
        file.setOnShowing(e -> {
            recent.getItems().clear();
            for (java.nio.file.Path p : recentFiles) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(a -> openRecording(p));
                recent.getItems().add(item);
            }
            recent.setDisable(recentFiles.isEmpty());
        });

        final String ed = "Edit";
        // the status line says what was undone: a step may be a source's listeners taking over, not only an edit
        MenuItem undo = actions.item(ed, "Undo", "Shortcut+Z", () -> status.notice(model.undo()));
        MenuItem redo = actions.item(ed, "Redo", "Shortcut+Shift+Z", () -> status.notice(model.redo()));
        MenuItem redoY = actions.item(ed, "Redo (alternative)", "Shortcut+Y", () -> status.notice(model.redo()));
        redoY.setVisible(false);
        Menu edit = new Menu(ed, null, undo, redo, redoY, new SeparatorMenuItem(),
                actions.item(ed, "Add listener", "Shortcut+N", listenersPane::addListener),
                actions.item(ed, "Remove listener", "Shortcut+Delete", listenersPane::removeActive));
        edit.setOnShowing(e -> {
            undo.setDisable(!model.canUndo());
            redo.setDisable(!model.canRedo());
        });

        final String v = "View";
        Menu view = new Menu(v, null,
                actions.item(v, "Zoom in", "Shortcut+EQUALS", () -> grid.zoomBy(1.25)),
                actions.item(v, "Zoom out", "Shortcut+MINUS", () -> grid.zoomBy(0.8)),
                actions.item(v, "Fit the grid", "Shortcut+0", grid::zoomToFit),
                new SeparatorMenuItem(),
                actions.check(v, "Dark theme", "Shortcut+T", () -> dark, this::setDark),
                // Delays the kernel sent that cannot be true (DelayPlausibility) are left out of means, percentiles
                // and heat unless this is on; the table marks them either way.
                actions.check(v, "Include implausible delays", "Shortcut+I", session::includesImplausible,
                        session::includeImplausible));
        view.setOnShowing(e -> Actions.refresh(view.getItems()));

        final String src = "Source";
        Menu source = new Menu(src, null,
                actions.item(src, "Simulator", "Shortcut+1", sourceBar::applySim),
                actions.item(src, "Live (this machine)", "Shortcut+2", () -> switchTo(SourceKind.LIVE, null)),
                actions.item(src, "Live through a privileged helper (pkexec)", null,
                        this::connectPrivilegedHelper),
                actions.item(src, "Remote machine (ssh)…", null, this::chooseRemote),
                actions.item(src, "Recording…", "Shortcut+O", this::chooseRecording),
                new SeparatorMenuItem(),
                actions.item(src, "Pause / resume (simulator or replay)", "Shortcut+P", transport::togglePause),
                actions.item(src, "Step the paused replay 1 s", "Shortcut+PERIOD", transport::step),
                actions.item(src, "Reset simulator", "Shortcut+R", sourceBar::applySim));

        final String h = "Help";
        Menu help = new Menu(h, null,
                actions.item(h, "Diagnostics", "F1", this::showDiagnostics),
                actions.item(h, "Introduction", null, () -> showWelcome(() -> { })),
                actions.item(h, "Keyboard shortcuts", null, this::showShortcuts),
                actions.item(h, "About Taskscope", null, this::showAbout));
        return new MenuBar(file, edit, view, source, help);
    }

    /** Every action with a shortcut, as Help → Keyboard shortcuts lists it. */
    public java.util.List<String> shortcutLines() {
        return actions.withShortcuts().stream().map(a -> a.shortcutText() + "  " + a.label()).toList();
    }

    private void showShortcuts() {
        ShortcutsDialog.show(stage, actions.withShortcuts());
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "Linux taskstats per-CPU listeners, visualised.\n"
                + io.taskscope.core.VersionInfo.version() + " — Java " + System.getProperty("java.version"));
        a.initOwner(stage);
        a.setHeaderText("Taskscope");
        a.show();
    }

}
