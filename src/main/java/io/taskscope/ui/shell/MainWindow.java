package io.taskscope.ui.shell;

import io.taskscope.core.ListenerSet;
import io.taskscope.live.Diagnostics;
import io.taskscope.live.LiveCollector;
import io.taskscope.live.ProbeReport;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import io.taskscope.source.Source;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FocusBox;
import io.taskscope.ui.base.FrameLoop;
import io.taskscope.ui.base.Snapshots;
import io.taskscope.ui.dashboard.TilesView;
import io.taskscope.ui.export.Exports;
import io.taskscope.ui.grid.CpuGridView;
import io.taskscope.ui.grid.NumaNodes;
import io.taskscope.ui.heatmap.HeatmapView;
import io.taskscope.ui.listeners.ListenersPane;
import io.taskscope.ui.recording.Recorder;
import io.taskscope.ui.source.HelperCommand;
import io.taskscope.ui.source.SourceBar;
import io.taskscope.ui.table.ExitTableView;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final ExitTableView exitTable;
    private final HeatmapView heatmap;
    private final javafx.scene.control.TabPane views = new javafx.scene.control.TabPane();
    private final javafx.scene.control.Tab listenersTab = new javafx.scene.control.Tab("Listeners");
    private final javafx.scene.control.Tab tableTab = new javafx.scene.control.Tab("Exits");
    private final javafx.scene.control.Tab heatmapTab = new javafx.scene.control.Tab("Heatmap");
    private final javafx.scene.control.Tab tilesTab = new javafx.scene.control.Tab("Dashboard");
    private final TilesView tiles;
    private final BorderPane root = new BorderPane();
    /** The scene's root: the window, and over it at times the first-run introduction. */
    private final javafx.scene.layout.StackPane layers = new javafx.scene.layout.StackPane(root);
    private final ExecutorService switcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "taskscope-source-switch");
        t.setDaemon(true);
        return t;
    });
    private SourceKind currentKind = SourceKind.SIM;
    private SimSettings currentSim = SimSettings.defaults();
    private boolean dark;
    private boolean paused;
    private ProbeReport lastProbe;
    private final Exports exports;

    public MainWindow(Stage stage, ListenerSet listeners) {
        this.stage = stage;
        this.model = new AppModel(session, listeners);
        this.grid = new CpuGridView(model);
        this.listenersPane = new ListenersPane(model, model::edit);
        this.sourceBar = new SourceBar(this::switchTo, this::togglePause, this::showDiagnostics, this::chooseRecording,
                this::setReplaySpeed, this::seekReplay, this::stepReplay);
        this.frames = new FrameLoop(session, this::updateGrid, this::updateText, this::updateView);
        this.exports = new Exports(stage, model, status::setText, frames, () -> {
            if (!paused) {
                togglePause();
            }
        });

        Label legend = new Label("Heat = exits/s   ·   coloured stripes = listeners on that CPU   ·   hatched = no "
                + "listener (its exits go to nobody)   ·   red corner = losing records");
        legend.getStyleClass().add("legend");
        Label hint = new Label("Edit the selected listener: click or drag to toggle CPUs, shift-click for a range, "
                + "click a row number for the whole row, arrows + space; right-click for more.");
        hint.getStyleClass().add("legend");
        VBox gridBox = new VBox(2, legend, hint, grid);
        gridBox.getStyleClass().add("grid-box");
        javafx.scene.layout.VBox.setVgrow(grid, javafx.scene.layout.Priority.ALWAYS);
        this.exitTable = new ExitTableView(new FocusBox(model));
        exitTable.onRowsWanted(frames::refreshView);
        this.heatmap = new HeatmapView(new FocusBox(model), (cpu, second) -> {
            exitTable.filterCell(cpu, second);
            views.getSelectionModel().select(tableTab);
        });
        heatmap.metricBox().valueProperty().addListener((obs, o, n) -> refreshViews());
        model.focusProperty().addListener((obs, o, n) -> {
            exitTable.clear();
            exitTable.filterCell(-1, 0);
            refreshViews();
        });
        this.tiles = new TilesView(model, new FocusBox(model));
        javafx.scene.control.ScrollPane tilesScroll = new javafx.scene.control.ScrollPane(tiles);
        tilesScroll.setFitToWidth(true);
        tilesTab.setContent(tilesScroll);
        listenersTab.setContent(listenersPane);
        tableTab.setContent(exitTable);
        heatmapTab.setContent(heatmap);
        for (javafx.scene.control.Tab t : new javafx.scene.control.Tab[]{listenersTab, tableTab, heatmapTab, tilesTab}) {
            t.setClosable(false);
        }
        views.getTabs().addAll(listenersTab, tableTab, heatmapTab, tilesTab);
        views.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> refreshViews());
        SplitPane split = new SplitPane(gridBox, views);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        root.setTop(new VBox(menus(), sourceBar));
        sourceBar.recordButton().setOnAction(e -> toggleRecording());
        model.listenersProperty().addListener((obs, o, n) -> {
            if (recorder != null) {
                recorder.listenersChanged(n);
            }
        });
        root.setCenter(split);
        root.setBottom(status);
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
        heatmap.setDark(on);
    }

    public void start(SourceKind kind, SimSettings sim) {
        frames.start();
        switchTo(kind, sim == null ? currentSim : sim);
    }

    public void stop() {
        if (recorder != null) {
            stopRecording();
        }
        frames.stop();
        session.stopSource();
        switcher.shutdownNow();
    }

    // ---- sources ----

    /** Switches on a background thread; live shows the diagnostics first when it cannot work, and keeps the old source. */
    void switchTo(SourceKind kind, SimSettings sim) {
        status.busy(kind == SourceKind.LIVE ? "Checking live collection…" : "Starting the simulator…");
        switcher.submit(() -> {
            try {
                Source next;
                if (kind == SourceKind.LIVE) {
                    ProbeReport report = Diagnostics.run();
                    Platform.runLater(() -> lastProbe = report);
                    if (!report.liveCollectionWorks()) {
                        boolean permission = report.checks().stream().anyMatch(c -> c.name().equals("permission")
                                && c.status() == ProbeReport.Status.FAIL);
                        Platform.runLater(() -> {
                            sourceBar.show(currentKind, currentKind == SourceKind.SIM ? currentSim : null);
                            if (permission && offerHelper()) {
                                connectHelper(HelperCommand.pkexec(), "pkexec helper");
                            } else {
                                showDiagnostics(report);
                            }
                        });
                        return;
                    }
                    LiveCollector.Settings live = LiveCollector.Settings.defaults();
                    next = new LiveCollector(liveQueueBytes > 0 ? live.withQueueBytes(liveQueueBytes) : live);
                } else {
                    // The app runs its simulator on the wall clock, as it would show a live machine; the fixed
                    // epoch is for reproducible output of listen and record.
                    next = new SimulatorSource(sim.withStartTime(SimSettings.NOW));
                }
                session.switchSource(next);
                ProbeReport report = kind == SourceKind.LIVE ? lastProbeOrNull() : null;
                Platform.runLater(() -> switched(kind, sim, next, report));
            } catch (SourceException | RuntimeException e) {
                Platform.runLater(() -> failed(e));
            }
        });
    }

    private volatile long liveQueueBytes;

    /** The live collector's queue bound from the next switch to live on (0: the default). */
    public void setLiveQueueBytes(long bytes) {
        liveQueueBytes = bytes;
    }

    private ProbeReport lastProbeOrNull() {
        return lastProbe;
    }

    private void switched(SourceKind kind, SimSettings sim, Source next, ProbeReport report) {
        currentKind = kind == SourceKind.REPLAY ? currentKind : kind; // what is remembered is a live or sim source
        if (sim != null) {
            currentSim = sim;
        }
        paused = false;
        model.sourceChanged(next.info().limits());
        // Live machines show each NUMA node from a new row, as /sys tells them
        grid.setMachine(next.info().cpuCount(), next.onlineCpus(),
                kind == SourceKind.LIVE ? NumaNodes.host() : java.util.List.of());
        sourceBar.show(kind, kind == SourceKind.SIM ? currentSim : null);
        if (kind == SourceKind.LIVE && report != null && report.delayAccounting().orElse(true) == Boolean.FALSE) {
            status.setStandingWarning("delay accounting off", "kernel.task_delayacct is 0: only CPU delay is "
                    + "measured. Fix: sudo sysctl kernel.task_delayacct=1 (tasks started afterwards get all delays).");
        } else {
            status.setStandingWarning(null, null);
        }
    }

    private void failed(Exception e) {
        status.setText("Could not switch source: " + e.getMessage());
        Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
        alert.initOwner(stage);
        alert.setHeaderText("The source could not start");
        alert.show();
    }

    void togglePause() {
        io.taskscope.source.Source src = session.source();
        if (src instanceof SimulatorSource || src instanceof io.taskscope.store.ReplaySource) {
            paused = !paused;
            if (src instanceof SimulatorSource sim) {
                if (paused) {
                    sim.pause();
                } else {
                    sim.resume();
                }
            } else {
                io.taskscope.store.ReplaySource replay = (io.taskscope.store.ReplaySource) src;
                if (paused) {
                    replay.pause();
                } else {
                    replay.resume();
                }
            }
            sourceBar.setPaused(paused);
        }
    }

    /** Seeks the replay to a fraction of the recording's span. */
    void seekReplay(double fraction) {
        if (session.source() instanceof io.taskscope.store.ReplaySource replay) {
            long target = replay.startNanos() + (long) ((replay.endNanos() - replay.startNanos()) * fraction);
            if (replay.positionNanos() != Long.MIN_VALUE && target < replay.positionNanos()) {
                session.resetViews(); // back in time: the views start again from there
            }
            replay.seek(target);
        }
    }

    /** One recorded second forward, when paused. */
    void stepReplay() {
        if (session.source() instanceof io.taskscope.store.ReplaySource replay && paused) {
            replay.step(1_000_000_000L);
        }
    }

    private void setReplaySpeed(double speed) {
        if (session.source() instanceof io.taskscope.store.ReplaySource replay) {
            replay.setSpeed(speed);
        }
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
        double speed = sourceBar.replaySpeed();
        switcher.submit(() -> {
            try {
                io.taskscope.store.ReplaySource replay = new io.taskscope.store.ReplaySource(file, speed,
                        (nanos, set) -> Platform.runLater(() -> model.replaceFromSource(set)));
                session.switchSource(replay);
                Platform.runLater(() -> {
                    switched(SourceKind.REPLAY, null, replay, null);
                    sourceBar.showReplayFile(file.getFileName().toString());
                    remember(file);
                });
            } catch (SourceException | RuntimeException e) {
                Platform.runLater(() -> failed(e));
            }
        });
    }

    private Recorder recorder;

    /** File → Save the window as PNG: what is on screen, for slides and bug reports. */
    void savePng() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Save the window as PNG");
        chooser.setInitialFileName("taskscope.png");
        java.io.File file = chooser.showSaveDialog(stage);
        if (file != null) {
            try {
                Snapshots.write(stage.getScene(), file.toPath());
                status.setText("Saved " + file);
            } catch (java.io.IOException e) {
                failed(new SourceException("Cannot save " + file + ": " + e.getMessage()));
            }
        }
    }

    /** Starts recording into a file the user picks, or stops the recording in progress. */
    void toggleRecording() {
        if (recorder != null) {
            stopRecording();
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Record into");
        chooser.setInitialFileName("taskscope-" + java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".tsk");
        java.io.File file = chooser.showSaveDialog(stage);
        if (file == null) {
            sourceBar.recordButton().setSelected(false);
            return;
        }
        startRecording(file.toPath());
    }

    /** Records the running source into {@code file} until {@link #stopRecording()} or a write error. */
    void startRecording(java.nio.file.Path file) {
        try {
            SessionSnapshot s = lastText; // the newest the pump took: the FX thread does not take the session's lock
            recorder = Recorder.start(session, file, model.listenersProperty().get(),
                    s == null ? 0 : s.taskstatsVersion(), this::recordingEnded);
            sourceBar.recordButton().setSelected(true);
            status.setRecording(recorder);
        } catch (RuntimeException e) {
            sourceBar.recordButton().setSelected(false);
            failed(new SourceException("Cannot record into " + file + ": " + e.getMessage()));
        }
    }

    /** Asks the recording to stop; the FX thread does not wait: {@link #recordingEnded} follows. */
    void stopRecording() {
        if (recorder != null) {
            recorder.stop();
            sourceBar.recordButton().setDisable(true); // until the file is closed
        }
        sourceBar.recordButton().setSelected(false);
    }

    private void recordingEnded(Recorder.Outcome o) {
        recorder = null;
        sourceBar.recordButton().setSelected(false);
        sourceBar.recordButton().setDisable(false);
        status.recordingEnded(o);
        if (o.readable()) {
            remember(o.file());
        }
    }

    boolean isRecording() {
        return recorder != null;
    }

    /** The GUI cannot register listeners itself: offer to run the collector as a privileged helper. */
    private boolean offerHelper() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Registering taskstats listeners needs root or "
                + "CAP_NET_ADMIN, which this window does not have (and should not). Taskscope can start the collector "
                + "as a separate privileged process with pkexec and read its stream:\n\n  "
                + String.join(" ", HelperCommand.pkexec()) + "\n\nStart it?", javafx.scene.control.ButtonType.YES,
                javafx.scene.control.ButtonType.NO);
        ask.initOwner(stage);
        ask.setHeaderText("Live collection needs privileges");
        return ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.YES).isPresent();
    }

    /** Source → Remote: a box with no display, through ssh. */
    void chooseRemote() {
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog("user@host");
        dialog.initOwner(stage);
        dialog.setTitle("Remote machine");
        dialog.setHeaderText("Inspect a machine over ssh: Taskscope runs there as\n  ssh HOST "
                + HelperCommand.REMOTE_RECORD + "\n(root or CAP_NET_ADMIN needed there; edit the command below if "
                + "taskscope lives elsewhere)");
        dialog.setContentText("host:");
        dialog.showAndWait().map(String::strip).filter(h -> !h.isEmpty()).ifPresent(host ->
                connectHelper(HelperCommand.ssh(host), "remote " + host));
    }

    /** Starts a helper that streams a session (pkexec, ssh) and makes it the source; its failures are shown with its stderr. */
    void connectHelper(java.util.List<String> command, String what) {
        status.busy("Starting " + what + "…");
        switcher.submit(() -> {
            try {
                io.taskscope.store.StreamSource stream = io.taskscope.store.StreamSource.connect(command, what,
                        (nanos, set) -> Platform.runLater(() -> model.replaceFromSource(set)));
                session.switchSource(stream);
                Platform.runLater(() -> switched(SourceKind.LIVE, null, stream, null));
            } catch (SourceException | RuntimeException e) {
                Platform.runLater(() -> failed(e));
            }
        });
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
        switcher.submit(() -> {
            ProbeReport report = Diagnostics.run();
            Platform.runLater(() -> {
                lastProbe = report;
                showDiagnostics(report);
            });
        });
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
        if (session.source() instanceof io.taskscope.store.ReplaySource replay && replay.positionNanos() != Long.MIN_VALUE) {
            double span = Math.max(1, replay.endNanos() - replay.startNanos());
            double at = (replay.positionNanos() - replay.startNanos()) / 1e9;
            sourceBar.showReplayPosition((replay.positionNanos() - replay.startNanos()) / span,
                    String.format(java.util.Locale.ROOT, "%.1f s of %.1f s", at, span / 1e9));
        }
        if (views.getSelectionModel().getSelectedItem() == listenersTab) { // its numbers are not drawn elsewhere
            listenersPane.update(s);
        }
        lastText = s;
    }

    /** The snapshot the numbers last showed: the tiles take it with their view, at the views' rate. */
    private SessionSnapshot lastText;

    /** Tells the snapshot pump what the per-listener view on screen needs (nothing when none is). */
    private void refreshViews() {
        javafx.scene.control.Tab tab = views.getSelectionModel().getSelectedItem();
        if (tab != tableTab && tab != heatmapTab && tab != tilesTab) {
            frames.request(null);
            return;
        }
        frames.request(new FrameLoop.ViewRequest(model.focusProperty().get(), heatmap.metric(),
                tab == tableTab ? session.tableRows() : tab == tilesTab ? 0 : 2_000,
                tab == tableTab ? exitTable::wantedRows : () -> io.taskscope.session.views.RowSpan.ALL));
        frames.refreshView();
    }

    private void updateView(io.taskscope.session.views.ViewSnapshot v) {
        javafx.scene.control.Tab tab = views.getSelectionModel().getSelectedItem();
        if (tab == tableTab) {
            exitTable.update(v);
        } else if (tab == heatmapTab) {
            heatmap.update(v);
        } else if (tab == tilesTab) {
            if (lastText != null) {
                tiles.update(lastText);
            }
            tiles.update(v);
        }
    }

    /** Shows a view ("listeners", "table", "heatmap") focused on a listener by name ("all" for every CPU). */
    public boolean selectView(String view, String focusName) {
        boolean known = true;
        if (focusName != null) {
            if (focusName.equals("all")) {
                model.focusProperty().set(io.taskscope.session.views.ExitViews.ALL);
            } else {
                var l = model.listenersProperty().get().byName(focusName);
                known = l.isPresent(); // an unknown name keeps the current focus; the view is still shown
                l.ifPresent(found -> {
                    model.activeListenerProperty().set(found.id());
                    model.focusProperty().set(found.id());
                });
            }
        }
        if (view != null) {
            views.getSelectionModel().select(switch (view) {
                case "table" -> tableTab;
                case "heatmap" -> heatmapTab;
                case "tiles" -> tilesTab;
                default -> listenersTab;
            });
        }
        return known;
    }

    /** Shows the short tour over the window; {@code dismissed} runs when the user closes it. */
    public void showWelcome(Runnable dismissed) {
        if (layers.lookup("#welcome") == null) {
            layers.getChildren().add(new WelcomeOverlay(dismissed));
        }
    }

    public Exports exports() {
        return exports;
    }

    public ExitTableView exitTable() {
        return exitTable;
    }

    public HeatmapView heatmap() {
        return heatmap;
    }

    public TilesView tiles() {
        return tiles;
    }

    // ---- menus ----

    private MenuBar menus() {
        MenuItem openRecording = item("Open recording…", null, this::chooseRecording);
        MenuItem png = item("Save the window as PNG…", "Shortcut+Shift+S", this::savePng);
        MenuItem film = item("Film of the replay (GIF or PNGs)…", "Shortcut+Shift+G", () -> exports.chooseAndFilm());
        MenuItem record = item("Record / stop recording", "Shortcut+Shift+R", this::toggleRecording);
        MenuItem csv = item("Export records as CSV…", "Shortcut+E",
                () -> exports.chooseAndExport(io.taskscope.export.ExportFormat.CSV));
        MenuItem perfetto = item("Export records as Perfetto trace…", "Shortcut+Shift+E",
                () -> exports.chooseAndExport(io.taskscope.export.ExportFormat.PERFETTO));
        Menu recent = new Menu("Recent recordings");
        MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.close());
        Menu file = new Menu("File", null, openRecording, recent, new SeparatorMenuItem(), record,
                new SeparatorMenuItem(), csv, perfetto, png, film, new SeparatorMenuItem(), quit);
        file.setOnShowing(e -> {
            recent.getItems().clear();
            for (java.nio.file.Path p : recentFiles) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(a -> openRecording(p));
                recent.getItems().add(item);
            }
            recent.setDisable(recentFiles.isEmpty());
        });

        MenuItem undo = item("Undo", "Shortcut+Z", model::undo);
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", model::redo);
        MenuItem redoY = item("Redo", "Shortcut+Y", model::redo);
        redoY.setVisible(false);
        MenuItem add = item("Add listener", "Shortcut+N", listenersPane::addListener);
        MenuItem remove = item("Remove listener", "Shortcut+Delete", listenersPane::removeActive);
        Menu edit = new Menu("Edit", null, undo, redo, redoY, new SeparatorMenuItem(), add, remove);
        edit.setOnShowing(e -> {
            undo.setDisable(!model.canUndo());
            redo.setDisable(!model.canRedo());
        });

        CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
        darkItem.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        darkItem.setOnAction(e -> setDark(darkItem.isSelected()));
        // Delays the kernel sent that cannot be true (DelayPlausibility) are left out of means, percentiles and heat
        // unless this is on; the table marks them either way.
        CheckMenuItem implausibleItem = new CheckMenuItem("Include implausible delays");
        implausibleItem.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        implausibleItem.setOnAction(e -> session.includeImplausible(implausibleItem.isSelected()));
        Menu view = new Menu("View", null,
                item("Zoom in", "Shortcut+EQUALS", () -> grid.zoomBy(1.25)),
                item("Zoom out", "Shortcut+MINUS", () -> grid.zoomBy(0.8)),
                item("Fit the grid", "Shortcut+0", grid::zoomToFit),
                new SeparatorMenuItem(), darkItem, implausibleItem);
        view.setOnShowing(e -> {
            darkItem.setSelected(dark);
            implausibleItem.setSelected(session.includesImplausible());
        });

        Menu source = new Menu("Source", null,
                item("Simulator", "Shortcut+1", sourceBar::applySim),
                item("Live (this machine)", "Shortcut+2", () -> switchTo(SourceKind.LIVE, null)),
                item("Live through a privileged helper (pkexec)", null,
                        () -> connectHelper(HelperCommand.pkexec(), "pkexec helper")),
                item("Remote machine (ssh)…", null, this::chooseRemote),
                item("Recording…", "Shortcut+O", this::chooseRecording),
                new SeparatorMenuItem(),
                item("Pause / resume", "Shortcut+P", this::togglePause),
                item("Step the paused replay 1 s", "Shortcut+PERIOD", this::stepReplay),
                item("Reset simulator", "Shortcut+R", sourceBar::applySim));

        Menu help = new Menu("Help", null,
                item("Diagnostics", "F1", this::showDiagnostics),
                item("Introduction", null, () -> showWelcome(() -> { })),
                item("Keyboard shortcuts", null, this::showShortcuts),
                item("About Taskscope", null, this::showAbout));
        return new MenuBar(file, edit, view, source, help);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, String.join("\n",
                "Grid: click toggles a CPU for the selected listener; drag paints (or erases);",
                "      shift-click sets a range; click a row number for the whole row;",
                "      arrows move, space toggles; right-click for assign / clear / invert.",
                "Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)   undo / redo mask edits",
                "Ctrl+N / Ctrl+Delete             add / remove listener",
                "Ctrl+= / Ctrl+- / Ctrl+0         zoom in / out / fit (or Ctrl+scroll)",
                "Ctrl+1 / Ctrl+2                  simulator / live",
                "Ctrl+P / Ctrl+R                  pause (simulator or replay) / reset the simulator",
                "Ctrl+.                           replay: one recorded second while paused",
                "Ctrl+O                           open a recording",
                "Ctrl+Shift+R                     record / stop recording",
                "Ctrl+Shift+S                     save the window as PNG",
                "Ctrl+T                           dark theme",
                "F1                               diagnostics",
                "Ctrl+Q                           quit"));
        a.initOwner(stage);
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().getStyleClass().add("mono");
        a.show();
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "Linux taskstats per-CPU listeners, visualised.\n"
                + io.taskscope.core.VersionInfo.version() + " — Java " + System.getProperty("java.version"));
        a.initOwner(stage);
        a.setHeaderText("Taskscope");
        a.show();
    }

}
