package io.taskscope.ui.shell;

import io.taskscope.testing.AppWindows;
import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.live.LiveTestAccess;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.testing.Await;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, item 2, as the user met it: web 0-15, batch 0-1,16-31,34-40,48-55, db 32-47 on a 64-CPU simulation,
 * then a machine with fewer CPUs (a small simulation, or this machine live), then back. The masks must survive
 * whole, the pane must say what lies beyond the machine, routing must use only the CPUs it has, and Ctrl+Z must
 * work across the switch. Also item 10's parts: the introduction names the source that runs, and no source button
 * keeps the focus ring. Headless (TestFX on Monocle).
 */
@ExtendWith(ApplicationExtension.class)
class SourceSwitchTest {

    private static final CpulistLimits ANY = CpulistLimits.forMachine(64);
    private static final CpuSet WEB = CpuSet.range(0, 15);
    private static final CpuSet BATCH = CpuSet.parse("0-1,16-31,34-40,48-55", ANY).orElseThrow();
    private static final CpuSet DB = CpuSet.range(32, 47);
    private static final SimSettings SIM64 = SimSettings.of(Profile.BUILD, 64, 20_000, 1, 1);
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private MainWindow window;

    @Start
    void start(Stage stage) {
        // db starts with no CPUs: its 32-47 is typed in, so there is an edit to undo after the switch
        window = AppWindows.shown(stage, ListenerSet.empty().add("web", WEB).add("batch", BATCH)
                .add("db", CpuSet.empty()), 1280, 800);
        window.start(SourceKind.SIM, SIM64);
    }

    @AfterEach
    void stop() {
        window.stop();
    }

    private Listener listener(String name) {
        return window.model().listenersProperty().get().byName(name).orElseThrow();
    }

    private CpuSet routed(String name) {
        return window.session().listeners().byName(name).map(Listener::cpus).orElseThrow();
    }

    private long deliveredTo(String name) {
        SessionSnapshot s = window.session().snapshot();
        return s.listenerStats().stream().filter(st -> st.listener().name().equals(name)).findFirst().orElseThrow()
                .delivered();
    }

    private void awaitMachine(SourceKind kind, int cpus) throws Exception {
        Await.until("a running " + kind + " source of " + cpus + " CPUs", () -> {
            SessionSnapshot s = window.session().snapshot();
            return s.info() != null && s.info().kind() == kind && s.info().cpuCount() == cpus
                    && window.grid().gridLayout().cpus() == cpus && window.model().limitsProperty().get()
                    .nrCpuIds() == cpus;
        });
    }

    private TextField cpulist(FxRobot robot, String name) {
        return robot.lookup("#cpulist-" + listener(name).id()).queryAs(TextField.class);
    }

    private Label beyond(FxRobot robot, String name) {
        return robot.lookup("#cpulist-beyond-" + listener(name).id()).queryAs(Label.class);
    }

    private String statusText(FxRobot robot) {
        return robot.lookup("#status").queryAs(StatusBar.class).getText();
    }

    private void typeMask(FxRobot robot, String name, String text) {
        robot.doubleClickOn(cpulist(robot, name));
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).type(KeyCode.ENTER);
    }

    /** Ctrl+Z / Ctrl+Y for the window, not for a text field's own typing: the focus goes to a row's radio first. */
    private void windowKeys(FxRobot robot, KeyCode key) throws Exception {
        Listener first = window.model().listenersProperty().get().listeners().get(0);
        String radio = "#active-" + first.id();
        // The pane makes a new listener set's rows on its next update, a moment after the model has the set, and a
        // new set may reuse an old row's id: wait for the row that shows this listener's mask, in the scene.
        Await.until("the row of " + first.name() + " shown", () -> robot.lookup(radio).tryQuery()
                .filter(n -> n.getScene() != null).isPresent()
                && robot.lookup("#cpulist-" + first.id()).tryQuery().map(n -> ((TextField) n).getText())
                        .filter(first.cpus().toCpulist()::equals).isPresent());
        robot.clickOn(radio);
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    /** The layout of the issue, made on 64 CPUs: db's mask typed into its field. */
    private void makeTheLayout(FxRobot robot) throws Exception {
        awaitMachine(SourceKind.SIM, 64);
        typeMask(robot, "db", "32-47");
        Await.until("db on 32-47", () -> listener("db").cpus().equals(DB));
    }

    /** On a machine of {@code cpus} CPUs: every mask whole, the part beyond said under its row, routing cut. */
    private void assertKeptOn(FxRobot robot, int cpus) throws Exception {
        Map<String, CpuSet> masks = Map.of("web", WEB, "batch", BATCH, "db", DB);
        for (Map.Entry<String, CpuSet> m : masks.entrySet()) {
            String name = m.getKey();
            CpuSet.Split split = m.getValue().splitAt(cpus);
            assertThat(listener(name).cpus()).as(name + " as defined").isEqualTo(m.getValue());
            assertThat(routed(name)).as(name + " as routed").isEqualTo(split.inRange());
            assertThat(cpulist(robot, name).getText()).isEqualTo(m.getValue().toCpulist());
            assertThat(cpulist(robot, name).getPseudoClassStates()).doesNotContain(INVALID);
            Label note = beyond(robot, name);
            assertThat(note.isVisible()).as(name + "'s note shown").isEqualTo(split.hasBeyond());
            if (split.hasBeyond()) {
                assertThat(note.getText()).contains(split.beyond().toCpulist() + ": beyond this machine's "
                        + cpus + " CPU");
            }
        }
        assertThat(robot.lookup("#cpulist-error").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void theLayoutSurvivesASmallerMachineWholeAndUndoWorksAcrossTheSwitch(FxRobot robot) throws Exception {
        makeTheLayout(robot);
        robot.interact(() -> window.switchTo(SourceKind.SIM, SimSettings.of(Profile.FORK_STORM, 2, 20_000, 1, 1)));
        awaitMachine(SourceKind.SIM, 2);
        assertKeptOn(robot, 2);
        assertThat(beyond(robot, "web").getText()).isEqualTo("↳ 2-15: beyond this machine's 2 CPUs");
        assertThat(beyond(robot, "db").getText()).isEqualTo("↳ 32-47: beyond this machine's 2 CPUs; db receives "
                + "nothing here");
        assertThat(statusText(robot)).contains("web, batch, db keep their CPUs beyond this machine's 2 CPUs");
        // routing uses CPUs 0-1 only: web gets records there, db (none of its CPUs exist) gets none
        Await.until("records for web on CPUs 0-1", () -> deliveredTo("web") > 1_000);
        assertThat(deliveredTo("db")).isZero();

        windowKeys(robot, KeyCode.Z); // the switch changed no listener: Ctrl+Z takes back db's edit
        Await.until("db's edit undone", () -> listener("db").cpus().isEmpty());
        assertThat(statusText(robot)).startsWith("Undone: db's CPUs (no CPUs) → 32-47.");
        windowKeys(robot, KeyCode.Y);
        Await.until("db's edit redone", () -> listener("db").cpus().equals(DB));
        assertThat(statusText(robot)).startsWith("Redone: db's CPUs (no CPUs) → 32-47.");
        assertKeptOn(robot, 2);

        robot.interact(() -> window.switchTo(SourceKind.SIM, SIM64));
        awaitMachine(SourceKind.SIM, 64);
        assertKeptOn(robot, 64);
        Await.until("records for db on 32-47", () -> deliveredTo("db") > 0);
    }

    @Test
    void theLayoutSurvivesThisMachineLiveWholeAndComesBack(FxRobot robot) throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        makeTheLayout(robot);
        robot.interact(() -> window.switchTo(SourceKind.LIVE, null));
        Await.until("live running", () -> window.currentKind() == SourceKind.LIVE
                && window.session().snapshot().info().kind() == SourceKind.LIVE);
        int cpus = window.session().snapshot().info().cpuCount();
        awaitMachine(SourceKind.LIVE, cpus);
        assertKeptOn(robot, cpus);
        // an exit on CPU 0 reaches web (0 is in every machine), never a listener with no CPU here
        Await.until("an exit on CPU 0 delivered to web", () -> {
            LiveTestAccess.runPinned(0, "true");
            return deliveredTo("web") > 0;
        });
        if (DB.splitAt(cpus).inRange().isEmpty()) {
            assertThat(deliveredTo("db")).isZero();
        }
        robot.interact(() -> window.switchTo(SourceKind.SIM, SIM64));
        awaitMachine(SourceKind.SIM, 64);
        assertKeptOn(robot, 64);
    }

    /** A 16-CPU recording with its own listener, one second of records. */
    private static Path recording(Path dir) throws Exception {
        Path file = dir.resolve("r.tsk");
        io.taskscope.store.SessionHeader header = new io.taskscope.store.SessionHeader(1, "h", "", 16, "0-15",
                "0-15", 16, "sim", "sim: test", 0, 0);
        try (io.taskscope.store.SessionWriter w = io.taskscope.store.SessionWriter.create(file, header)) {
            w.listeners(0, ListenerSet.empty().add("recorded", CpuSet.range(8, 15)));
            io.taskscope.sim.SimBench.Generator g = io.taskscope.sim.SimBench.generator(Profile.BUILD, 16, 2_000, 1);
            io.taskscope.core.RecordBlock b = new io.taskscope.core.RecordBlock(2_000);
            g.fill(b, 2_000);
            w.records(b);
        }
        return file;
    }

    @Test
    void aRecordingsListenersCanBeUndoneAndNeverReplaceTheLayout(@TempDir Path dir, FxRobot robot) throws Exception {
        makeTheLayout(robot);
        ListenerSet mine = window.model().listenersProperty().get();
        Path file = recording(dir);
        robot.interact(() -> window.openRecording(file));
        Await.until("the recording's listeners shown", () -> window.model().listenersProperty().get()
                .byName("recorded").isPresent());
        awaitMachine(SourceKind.REPLAY, 16);

        windowKeys(robot, KeyCode.Z);
        Await.until("the layout back on the replay", () -> window.model().listenersProperty().get().equals(mine));
        assertThat(statusText(robot)).startsWith("Undone: the recording's listeners took over.");
        assertThat(routed("web")).isEqualTo(WEB);
        windowKeys(robot, KeyCode.Y);
        Await.until("the recording's listeners again", () -> window.model().listenersProperty().get()
                .byName("recorded").isPresent());

        robot.interact(() -> window.switchTo(SourceKind.SIM, SIM64)); // away from the recording
        awaitMachine(SourceKind.SIM, 64);
        Await.until("the layout back", () -> window.model().listenersProperty().get().equals(mine));
        assertThat(statusText(robot)).startsWith("Your listeners are back");
        assertThat(window.model().userListeners()).isEqualTo(mine);
        assertKeptOn(robot, 64);
    }

    @Test
    void theIntroductionNamesTheSourceThatRunsAndFollowsASwitch(@TempDir Path dir, FxRobot robot) throws Exception {
        awaitMachine(SourceKind.SIM, 64);
        robot.interact(() -> window.showWelcome(() -> { }));
        Label intro = robot.lookup("#welcome-intro").queryAs(Label.class);
        assertThat(intro.getText()).contains("the built-in simulator: a busy machine of 64 CPUs (profile build)");
        Path file = recording(dir);
        robot.interact(() -> window.openRecording(file));
        Await.until("the introduction names the recording", () -> intro.getText()
                .contains("the recording r.tsk, replaying: the exits on its 16 CPUs"));
        assertThat(intro.getText()).doesNotContain("simulator");
        assertThat(robot.lookup("#welcome-next").queryAs(Label.class).getText()).contains("replay bar");
        robot.clickOn("#welcome-ok");
        Await.until("the grid has the keyboard", () -> window.grid().canvas().isFocused());
    }

    @Test
    void noSourceButtonKeepsTheFocusOnceItsSourceRuns(FxRobot robot) throws Exception {
        awaitMachine(SourceKind.SIM, 64);
        Await.until("the grid has the keyboard from the start", () -> window.grid().canvas().isFocused());
        long generation = window.session().snapshot().generation();
        robot.clickOn("#source-sim");
        Await.until("the simulator restarted", () -> window.session().snapshot().generation() > generation);
        Await.until("the grid has the keyboard again", () -> window.grid().canvas().isFocused());
        assertThat(robot.lookup("#source-sim").query().isFocused()).isFalse();
    }
}
