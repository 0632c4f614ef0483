package io.taskscope.ui.shell;

import io.taskscope.testing.AppWindows;
import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.live.LiveTestAccess;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.grid.GridLayout;
import io.taskscope.ui.source.HelperCommand;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The desktop app driven as a user would, headless (TestFX on Monocle). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private static final SimSettings SIM = SimSettings.of(Profile.FORK_STORM, 16, 20_000, 1, 1);
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ListenerSet listeners = ListenerSet.empty().add("a", CpuSet.range(0, 3)).add("b", CpuSet.range(8, 11))
                .add("idle", CpuSet.empty());
        window = AppWindows.shown(stage, listeners, 1280, 800);
        window.start(SourceKind.SIM, SIM);
    }

    @AfterEach
    void stop() {
        window.stop();
    }

    private void awaitTrue(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    /**
     * A simulated recording of {@code cpus} CPUs with {@code listeners}: {@code batches} of {@code rows} records of
     * {@code profile} at {@code rate} exits/s.
     *
     * @return the records written
     */
    private static long writeRecording(java.nio.file.Path file, int cpus, ListenerSet listeners, Profile profile,
                                       double rate, int batches, int rows) throws java.io.IOException {
        String all = "0-" + (cpus - 1);
        io.taskscope.store.SessionHeader header = new io.taskscope.store.SessionHeader(1, "h", "", 16, all, all, cpus,
                "sim", "sim: test", 0, 0);
        long written = 0;
        try (io.taskscope.store.SessionWriter w = io.taskscope.store.SessionWriter.create(file, header)) {
            w.listeners(0, listeners);
            io.taskscope.sim.SimBench.Generator g = io.taskscope.sim.SimBench.generator(profile, cpus, rate, 1);
            for (int i = 0; i < batches; i++) {
                io.taskscope.core.RecordBlock b = new io.taskscope.core.RecordBlock(rows);
                g.fill(b, rows);
                w.records(b);
                written += b.size();
            }
        }
        return written;
    }

    private Listener listener(String name) {
        return window.model().listenersProperty().get().byName(name).orElseThrow();
    }

    private Point2D cell(int cpu) {
        GridLayout g = window.grid().gridLayout();
        return window.grid().canvas().localToScreen(g.x(cpu) + g.cell() / 2, g.y(cpu) + g.cell() / 2);
    }

    private void awaitRunning() throws Exception {
        awaitTrue(() -> window.session().snapshot().received() > 0 && window.grid().gridLayout().cpus() == 16);
    }

    /** Help → Keyboard shortcuts is generated from the menus: the ones a hand-kept list once missed are there. */
    @Test
    void theShortcutListIsMadeFromTheMenus() {
        assertThat(window.shortcutLines()).anyMatch(l -> l.startsWith("Ctrl+E ") && l.contains("CSV"))
                .anyMatch(l -> l.startsWith("Ctrl+Shift+E ") && l.contains("Perfetto"))
                .anyMatch(l -> l.startsWith("Ctrl+Shift+G ") && l.contains("Film"))
                .anyMatch(l -> l.startsWith("Ctrl+Q ") && l.contains("Quit"));
    }

    @Test
    void clickingACellTogglesItForTheSelectedListenerAndRoutingFollows(FxRobot robot) throws Exception {
        awaitRunning();
        robot.clickOn(cell(6));
        awaitTrue(() -> listener("a").cpus().equals(CpuSet.of(0, 1, 2, 3, 6)));
        assertThat(window.session().listeners().byName("a").orElseThrow().cpus().contains(6)).isTrue();
        TextField text = robot.lookup("#cpulist-" + listener("a").id()).queryAs(TextField.class);
        assertThat(text.getText()).isEqualTo("0-3,6");
        long before = deliveredTo("a");
        awaitTrue(() -> deliveredTo("a") > before);
        robot.clickOn(cell(6));
        awaitTrue(() -> listener("a").cpus().equals(CpuSet.range(0, 3)));
    }

    private long deliveredTo(String name) {
        SessionSnapshot s = window.session().snapshot();
        return s.listenerStats().stream().filter(st -> st.listener().name().equals(name)).findFirst().orElseThrow()
                .delivered();
    }

    @Test
    void draggingPaintsARangeAndOneUndoTakesItBack(FxRobot robot) throws Exception {
        awaitRunning();
        robot.drag(cell(4), MouseButton.PRIMARY).moveTo(cell(5)).moveTo(cell(6)).moveTo(cell(7)).release(MouseButton.PRIMARY);
        awaitTrue(() -> listener("a").cpus().equals(CpuSet.range(0, 7)));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        awaitTrue(() -> listener("a").cpus().equals(CpuSet.range(0, 3)));
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        awaitTrue(() -> listener("a").cpus().equals(CpuSet.range(0, 7)));
    }

    @Test
    void shiftClickSetsARange(FxRobot robot) throws Exception {
        awaitRunning();
        robot.clickOn(cell(12));
        robot.press(KeyCode.SHIFT).clickOn(cell(15)).release(KeyCode.SHIFT);
        awaitTrue(() -> listener("a").cpus().equals(CpuSet.of(0, 1, 2, 3, 12, 13, 14, 15)));
    }

    @Test
    void aBadCpulistShowsTheKernelsErrorAndChangesNothing(FxRobot robot) throws Exception {
        awaitRunning();
        int id = listener("b").id();
        robot.doubleClickOn("#cpulist-" + id);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("8-99").type(KeyCode.ENTER);
        Label error = robot.lookup("#cpulist-error").queryAs(Label.class);
        awaitTrue(error::isVisible);
        assertThat(error.getText()).contains("ERANGE").contains("8-99");
        assertThat(listener("b").cpus()).isEqualTo(CpuSet.range(8, 11));
        assertThat(window.session().listeners().byName("b").orElseThrow().cpus()).isEqualTo(CpuSet.range(8, 11));
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("8-11:1/2").type(KeyCode.ENTER);
        awaitTrue(() -> listener("b").cpus().equals(CpuSet.of(8, 10)));
        awaitTrue(() -> !error.isVisible());
    }

    @Test
    void aListenerWithNoCpusReceivesNothing() throws Exception {
        awaitRunning();
        awaitTrue(() -> deliveredTo("a") > 1000);
        assertThat(deliveredTo("idle")).isZero();
    }

    @Test
    void switchingSourcesKeepsTheUiAliveAndRoutesOnlyTheCpusOfTheNewMachine(FxRobot robot) throws Exception {
        awaitRunning();
        robot.interact(() -> window.switchTo(SourceKind.SIM, SimSettings.of(Profile.DESKTOP, 8, 500, 2, 1)));
        awaitTrue(() -> window.grid().gridLayout().cpus() == 8);
        awaitTrue(() -> window.session().snapshot().info().description().contains("desktop"));
        assertThat(listener("b").cpus()).isEqualTo(CpuSet.range(8, 11)); // kept, as defined
        assertThat(window.session().listeners().byName("b").orElseThrow().cpus()).isEqualTo(CpuSet.empty());
        assertThat(listener("a").cpus()).isEqualTo(CpuSet.range(0, 3));
    }

    @Test
    void aRecordingReplaysWithItsListenersAndPauses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                     FxRobot robot) throws Exception {
        awaitRunning();
        java.nio.file.Path file = dir.resolve("r.tsk");
        writeRecording(file, 32, ListenerSet.empty().add("recorded", CpuSet.range(8, 15)), Profile.BUILD, 20_000, 10,
                4096);
        robot.interact(() -> window.openRecording(file));
        awaitTrue(() -> window.model().listenersProperty().get().byName("recorded").isPresent());
        awaitTrue(() -> window.grid().gridLayout().cpus() == 32 && window.session().snapshot().received() > 0);
        assertThat(window.model().listenersProperty().get().size()).isEqualTo(1);
        assertThat(window.session().snapshot().info().kind()).isEqualTo(SourceKind.REPLAY);
        robot.interact(() -> window.transport().togglePause());
        javafx.scene.control.ToggleButton pauseButton = robot.lookup("#replay-pause")
                .queryAs(javafx.scene.control.ToggleButton.class);
        assertThat(pauseButton.getText()).as("a paused replay offers to play").isEqualTo("▶ Play");
        Thread.sleep(300);
        long paused = window.session().snapshot().received();
        Thread.sleep(700);
        assertThat(window.session().snapshot().received()).isEqualTo(paused);
        robot.interact(() -> window.transport().togglePause());
        assertThat(pauseButton.getText()).isEqualTo("Pause");
        awaitTrue(() -> window.session().snapshot().received() > paused);
    }

    @Test
    void aReplayThatEndedOffersToPlayAgainAndASeekPlaysItFromThere(@org.junit.jupiter.api.io.TempDir
                                                                  java.nio.file.Path dir, FxRobot robot)
            throws Exception {
        awaitRunning();
        java.nio.file.Path file = dir.resolve("short.tsk");
        long records = writeRecording(file, 8, ListenerSet.empty().add("all", CpuSet.range(0, 7)), Profile.DESKTOP,
                1_000, 1, 400); // 0.4 recorded seconds
        robot.interact(() -> window.openRecording(file));
        javafx.scene.control.ToggleButton again = robot.lookup("#replay-pause")
                .queryAs(javafx.scene.control.ToggleButton.class);
        awaitTrue(() -> again.getText().equals("↻ Replay"));
        assertThat(window.session().snapshot().received()).isEqualTo(records);
        assertThat(robot.lookup("#replay-step").queryButton().isDisabled()).as("nothing is left to step").isTrue();
        long ended = window.session().snapshot().generation();
        javafx.scene.control.Label at = robot.lookup("#replay-position").queryAs(javafx.scene.control.Label.class);
        assertThat(at.getText()).as("the timeline stands at the end").matches("(\\S+) s of \\1 s");

        robot.interact(() -> window.transport().pause()); // what a film asks first: an ended replay stays ended
        assertThat(window.transport().ended()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().snapshot().generation()).isEqualTo(ended);

        robot.interact(() -> { // a drag's release and its click, or a double click: opened once, not twice
            window.transport().togglePause();
            window.transport().togglePause();
            window.seekReplay(0.9);
        });
        awaitTrue(() -> window.session().snapshot().generation() > ended
                && window.session().snapshot().info().kind() == SourceKind.REPLAY);
        awaitTrue(() -> again.getText().equals("↻ Replay") && window.session().snapshot().received() == records);
        Thread.sleep(500);
        assertThat(window.session().snapshot().generation()).as("one switch for a double click").isEqualTo(ended + 1);

        long second = window.session().snapshot().generation();
        robot.interact(() -> window.seekReplay(0.5));
        awaitTrue(() -> window.session().snapshot().generation() > second && again.getText().equals("↻ Replay"));
        long fromHalf = window.session().snapshot().received();
        assertThat(fromHalf).as("played from the middle: about half the records").isBetween(1L, records - 1);
    }

    @Test
    void aFocusAskedForARecordingWaitsForItsListeners(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                      FxRobot robot) throws Exception {
        awaitRunning();
        java.nio.file.Path file = dir.resolve("two.tsk");
        writeRecording(file, 8, ListenerSet.empty().add("first", CpuSet.range(0, 3)).add("second", CpuSet.range(4, 7)),
                Profile.DESKTOP, 1_000, 1, 100);
        boolean[] knownBefore = new boolean[1];
        robot.interact(() -> {
            window.openRecording(file);
            knownBefore[0] = window.selectView(null, "second"); // as gui --open --focus: too early
            window.onceSourceListenersFollowed(() -> window.selectView("table", "second"));
        });
        assertThat(knownBefore[0]).as("the recording's listeners are not known as it opens").isFalse();
        awaitTrue(() -> window.model().listenersProperty().get().byName("second")
                .map(l -> l.id() == window.model().focusProperty().get()).orElse(false));
    }

    @Test
    void theReplayBarStepsOneSecondWhilePausedAndSeeks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                       FxRobot robot) throws Exception {
        awaitRunning();
        java.nio.file.Path file = dir.resolve("r.tsk");
        // 1,000 exits/s for 30 recorded seconds, so one step is about 1,000 records and the end is far away.
        writeRecording(file, 8, ListenerSet.empty().add("all", CpuSet.range(0, 7)), Profile.DESKTOP, 1_000, 30, 1000);
        robot.interact(() -> window.openRecording(file));
        awaitTrue(() -> window.session().snapshot().info().kind() == SourceKind.REPLAY
                && window.session().snapshot().received() > 0);
        robot.interact(() -> window.transport().togglePause());
        Thread.sleep(500);
        long before = window.session().snapshot().received();
        robot.clickOn("#replay-step");
        awaitTrue(() -> window.session().snapshot().received() > before);
        Thread.sleep(700);
        long afterStep = window.session().snapshot().received();
        assertThat(afterStep - before).isBetween(500L, 2_000L); // one recorded second, then paused again
        Thread.sleep(500);
        assertThat(window.session().snapshot().received()).isEqualTo(afterStep);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.PERIOD)
                .release(javafx.scene.input.KeyCode.PERIOD, javafx.scene.input.KeyCode.CONTROL); // the menu's shortcut
        awaitTrue(() -> window.session().snapshot().received() > afterStep);

        javafx.scene.control.Label position = robot.lookup("#replay-position").queryAs(javafx.scene.control.Label.class);
        robot.interact(() -> window.seekReplay(0.9));
        // the label follows at its next refresh (a step's position may show first)
        awaitTrue(() -> position.getText().contains(" of ")
                && Double.parseDouble(position.getText().replaceAll("^\\s*([0-9.]+).*$", "$1")) > 20);
    }

    @Test
    void theRecordButtonRecordsWhatRunsWithEveryMaskEdit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                          FxRobot robot) throws Exception {
        awaitRunning();
        java.nio.file.Path file = dir.resolve("rec.tsk");
        robot.interact(() -> window.startRecording(file));
        assertThat(window.isRecording()).isTrue();
        long atStart = window.session().snapshot().received();
        awaitTrue(() -> window.session().snapshot().received() > atStart + 1_000); // records before the edit
        robot.clickOn(cell(9)); // an edit while recording
        long atEdit = window.session().snapshot().received();
        awaitTrue(() -> window.session().snapshot().received() > atEdit + 1_000); // and after it
        robot.interact(window::stopRecording);
        awaitTrue(() -> !window.isRecording()); // the recorder's thread closes the file
        java.util.List<ListenerSet> masks = new java.util.ArrayList<>();
        long[] records = {0};
        try (io.taskscope.store.SessionReader r = ((io.taskscope.store.SessionReader.Session)
                io.taskscope.store.SessionReader.open(file)).reader()) {
            assertThat(r.header().sourceKind()).isEqualTo("sim");
            r.readAll(new io.taskscope.store.SessionReader.FrameVisitor() {
                @Override
                public void records(io.taskscope.core.RecordBlock block) {
                    records[0] += block.size();
                }

                @Override
                public void listeners(long nanos, ListenerSet set) {
                    masks.add(set);
                }
            });
            assertThat(r.intact()).isTrue();
        }
        assertThat(records[0]).isGreaterThan(1000);
        assertThat(masks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(masks.get(0).byName("a").orElseThrow().cpus()).isEqualTo(CpuSet.range(0, 3));
        assertThat(masks.get(masks.size() - 1).byName("a").orElseThrow().cpus().contains(9)).isTrue();
    }

    /** The unprivileged path: a helper process streams a session (here a simulator stands in for pkexec'd live). */
    @Test
    void aHelperProcessStreamsIntoTheWindow(FxRobot robot) throws Exception {
        awaitRunning();
        java.util.List<String> helper = new java.util.ArrayList<>(HelperCommand.self());
        helper.addAll(java.util.List.of("record", "--source", "sim", "--profile", "desktop", "--cpus", "12", "--rate",
                "3000", "--listener", "streamed=0-5", "--duration", "20s", "-o", "-"));
        robot.interact(() -> window.connectHelper(helper, "test helper"));
        awaitTrue(() -> window.grid().gridLayout().cpus() == 12 && window.session().snapshot().received() > 0);
        awaitTrue(() -> window.model().listenersProperty().get().byName("streamed").isPresent());
        assertThat(window.session().snapshot().info().description()).startsWith("test helper: sim: desktop");
    }

    @Test
    void switchingToLiveWorksWhereTheKernelAllowsIt(FxRobot robot) throws Exception {
        awaitRunning();
        LiveTestAccess.assumeLiveTaskstats();
        robot.interact(() -> window.switchTo(SourceKind.LIVE, null));
        awaitTrue(() -> window.currentKind() == SourceKind.LIVE);
        assertThat(window.session().snapshot().info().kind()).isEqualTo(SourceKind.LIVE);
        robot.interact(() -> window.switchTo(SourceKind.SIM, SIM));
        awaitTrue(() -> window.currentKind() == SourceKind.SIM && window.session().snapshot().received() > 0);
    }

    @Test
    void theIntroductionIsDismissedWithGotItOrEscapeAndCanBeShownAgain(FxRobot robot) throws Exception {
        awaitRunning();
        boolean[] dismissed = {false};
        robot.interact(() -> window.showWelcome(() -> dismissed[0] = true));
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();
        robot.clickOn("#welcome-ok");
        awaitTrue(() -> robot.lookup("#welcome").tryQuery().isEmpty());
        assertThat(dismissed[0]).isTrue();
        // the simulator ran underneath all along
        long received = window.session().snapshot().received();
        awaitTrue(() -> window.session().snapshot().received() > received);
        robot.interact(() -> window.showWelcome(() -> { }));
        robot.type(KeyCode.ESCAPE);
        awaitTrue(() -> robot.lookup("#welcome").tryQuery().isEmpty());
    }

    /** Every row of the grid is on screen with the cells of side {@code cell} or, for 0, smaller ones. */
    private boolean gridShowsEveryRow(double cell) {
        GridLayout g = window.grid().gridLayout();
        boolean cellOk = cell > 0 ? g.cell() == cell : g.cell() < GridLayout.MAX_CELL;
        return cellOk && window.grid().getViewportBounds().getHeight() >= window.grid().canvas().getHeight();
    }

    /** Rows of the exit table on screen (the first and last visible may be cut). */
    private int tableRowsOnScreen() {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) window.exitTable().table().lookup(".virtual-flow");
        return flow.getLastVisibleCell().getIndex() - flow.getFirstVisibleCell().getIndex() + 1;
    }

    private double gridHeight(FxRobot robot) {
        double[] h = new double[1];
        robot.interact(() -> h[0] = window.grid().getHeight());
        return h[0];
    }

    /** 1280x800 and 16 CPUs: the grid takes its two rows of cells, the table the rest (it showed 7 rows at 60 %). */
    @Test
    void theGridTakesWhatItsRowsNeedAndADraggedDividerIsKept(FxRobot robot) throws Exception {
        awaitRunning();
        robot.interact(() -> window.selectView("table", "all"));
        awaitTrue(() -> window.exitTable().table().getItems().size() > 100);
        awaitTrue(() -> gridShowsEveryRow(GridLayout.MAX_CELL));
        assertThat(tableRowsOnScreen()).isGreaterThanOrEqualTo(15);
        assertThat(window.gridShare()).as("nothing dragged yet").isNaN();
        double natural = gridHeight(robot);

        javafx.scene.Node divider = robot.lookup(".split-pane-divider").query();
        robot.drag(divider, MouseButton.PRIMARY).moveBy(0, -60).drop();
        // less room: the cells shrink so that every row stays in view
        awaitTrue(() -> gridShowsEveryRow(0));
        assertThat(gridHeight(robot)).isLessThan(natural - 40);
        double dragged = window.gridShare();
        assertThat(dragged).isBetween(0.05, 0.3);

        // dragged far down, the divider comes back to what the grid needs: more room would only be empty
        robot.drag(divider, MouseButton.PRIMARY).moveBy(0, 300).drop();
        awaitTrue(() -> gridShowsEveryRow(GridLayout.MAX_CELL));
        assertThat(window.gridShare()).isGreaterThan(dragged + 0.2);
        assertThat(gridHeight(robot)).isEqualTo(natural);

        // a remembered share is restored as if it had been dragged there
        robot.interact(() -> window.setGridShare(dragged));
        awaitTrue(() -> gridShowsEveryRow(0));
        assertThat(window.gridShare()).isEqualTo(dragged);
    }
}
