package io.taskscope.ui.shell;

import io.taskscope.testing.AppWindows;
import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.live.LiveTestAccess;
import io.taskscope.core.RecordKind;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.RecentExits;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.source.RegisteredListenerReport;
import io.taskscope.source.SourceKind;
import io.taskscope.testing.Await;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 in the app, against the real kernel: live "as registered" gives each listener a socket of its own. A
 * listener given a small buffer and a slow reader in its row loses in a storm, its loss shows in its row and on the
 * grid's CPUs, a big one loses nothing; a mask typed in re-registers its socket; and the source bar switches back to
 * per-CPU sockets. Headless (TestFX on Monocle).
 */
@ExtendWith(ApplicationExtension.class)
class RegisteredModeTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppWindows.shown(stage,
                ListenerSet.empty().add("slow", CpuSet.of(0, 1)).add("big", CpuSet.of(0, 1)), 1280, 800);
        window.setLiveRegistered(true);
    }

    @AfterEach
    void stop() {
        window.stop();
    }

    private Listener listener(String name) {
        return window.model().listenersProperty().get().byName(name).orElseThrow();
    }

    private SessionSnapshot.ListenerStats stats(String name) {
        return window.session().snapshot().listenerStats().stream().filter(st -> st.listener().name().equals(name))
                .findFirst().orElseThrow();
    }

    private RegisteredListenerReport socket(String name) {
        return stats(name).socket();
    }

    private void type(FxRobot robot, String id, String text) throws Exception {
        // a socket's buffer and reader fields join its row with the first figures that have them
        Await.until(id + " shown", () -> robot.lookup(id).tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.doubleClickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).type(KeyCode.ENTER);
    }

    @Test
    void aSlowListenersOwnSocketLosesInAStormAndAMaskEditReRegistersIt(FxRobot robot) throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        robot.interact(() -> window.start(SourceKind.LIVE, null));
        Await.until("live running with a socket per listener", () -> window.currentKind() == SourceKind.LIVE
                && socket("slow") != null && socket("big") != null);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(); // the switch's runnable shows live's controls after its kind
        assertThat(robot.lookup("#live-mode").queryAs(ChoiceBox.class).getValue().toString()).startsWith("as registered");
        assertThat(socket("slow").registeredOn()).isEqualTo(CpuSet.of(0, 1));

        int slow = listener("slow").id();
        type(robot, "#buffer-" + slow, "65536");
        type(robot, "#reader-" + slow, "2000");
        type(robot, "#buffer-" + listener("big").id(), "16777216");
        Await.until("slow's socket at 64 KiB, read at 2 000/s", () -> socket("slow").listener().recordsPerSecond() == 2_000
                && socket("slow").grantedBytes() == 65_536 && socket("big").grantedBytes() == 16 << 20);

        String exiter = LiveTestAccess.exiter().toString();
        LiveTestAccess.runPinned(0, exiter, "storm", "20000");
        LiveTestAccess.runPinned(1, exiter, "storm", "20000");
        Await.until("slow lost records in the storm", () -> stats("slow").lost() > 0);
        SessionSnapshot s = window.session().snapshot();
        RegisteredListenerReport lost = socket("slow");
        assertThat(lost.overflows()).as("the kernel said ENOBUFS to it").isPositive();
        for (int cpu = lost.lostOn().nextCpu(0); cpu >= 0; cpu = lost.lostOn().nextCpu(cpu + 1)) {
            assertThat(s.lostByCpu()[cpu]).as("the grid's red corner on CPU %d", cpu).isPositive();
        }
        assertThat(stats("big").lost()).as("16 MiB read at once loses nothing").isZero();
        Await.until("the row shows slow's loss", () -> !robot.lookup(".listeners-pane .lost").queryAllAs(Label.class)
                .stream().allMatch(l -> l.getText().equals("0")));

        // slow's views are what its own socket got, not every exit its CPUs sent; its heatmap shows what it lost
        Await.until("slow's table holds the exits its socket received", () -> {
            ViewSnapshot v = window.session().view(slow, Metric.LOST, RecentExits.DEFAULT_CAPACITY);
            return v.added() < RecentExits.DEFAULT_CAPACITY && v.table().stream()
                    .filter(r -> r.kind() == RecordKind.PID).count() == socket("slow").receivedTotal();
        });
        ViewSnapshot slowView = window.session().view(slow, Metric.LOST, 10);
        assertThat(java.util.Arrays.stream(slowView.cells()).sum()).as("slow's lost/s heatmap").isPositive();
        assertThat(window.session().view(ExitViews.ALL, Metric.EXITS, 10).added())
                .as("the machine's view has the exits slow lost").isGreaterThan(slowView.added() + lost.lostTotal() / 2);

        type(robot, "#cpulist-" + slow, "0");
        Await.until("slow's socket registered on CPU 0 alone", () -> socket("slow").registeredOn().equals(CpuSet.of(0)));
        long fromCpu1 = socket("slow").received()[1];
        long big1 = socket("big").received()[1]; // before the exits: the copies may come while they run
        LiveTestAccess.runPinned(1, exiter, "storm", "200");
        Await.until("big got CPU 1's exits", () -> socket("big").received()[1] > big1 + 200);
        assertThat(socket("slow").received()[1]).as("nothing more from CPU 1 once it left it").isEqualTo(fromCpu1);

        @SuppressWarnings("unchecked")
        ChoiceBox<String> mode = robot.lookup("#live-mode").queryAs(ChoiceBox.class);
        robot.interact(() -> mode.getSelectionModel().select(0)); // per-CPU sockets: live starts again
        Await.until("live running on per-CPU sockets alone", () -> window.currentKind() == SourceKind.LIVE
                && window.session().snapshot().state() == io.taskscope.source.SourceState.RUNNING
                && stats("slow").socket() == null && stats("slow").buffer() == null);
        assertThat(window.liveRegistered()).isFalse();
    }
}
