package io.taskscope.ui.listeners;

import io.taskscope.testing.AppWindows;
import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.shell.MainWindow;
import javafx.css.PseudoClass;
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
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The listeners pane in the window, on the simulator, driven as a user would (TestFX on Monocle). */
@ExtendWith(ApplicationExtension.class)
class ListenersPaneTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppWindows.shown(stage,
                ListenerSet.empty().add("a", CpuSet.range(0, 3)).add("b", CpuSet.range(8, 11)), 1280, 800);
        window.start(SourceKind.SIM, SimSettings.of(Profile.DESKTOP, 16, 2_000, 1, 1));
    }

    @AfterEach
    void stop() {
        window.stop();
    }

    private static void awaitTrue(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private Listener listener(String name) {
        return window.model().listenersProperty().get().byName(name).orElseThrow();
    }

    private TextField field(FxRobot robot, String kind, String listener) {
        return robot.lookup("#" + kind + "-" + listener(listener).id()).queryAs(TextField.class);
    }

    private void replaceText(FxRobot robot, TextField field, String text) {
        robot.doubleClickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
    }

    private ListenerBuffer.Settings bufferInSession(String name) {
        return window.session().snapshot().listenerStats().stream()
                .filter(st -> st.listener().name().equals(name)).findFirst().orElseThrow().buffer();
    }

    @Test
    void escapeAfterARefusedCpulistShowsTheMaskInForceAgain(FxRobot robot) throws Exception {
        TextField cpulist = field(robot, "cpulist", "b");
        Label error = robot.lookup("#cpulist-error").queryAs(Label.class);
        replaceText(robot, cpulist, "8-99");
        assertThat(error.isVisible()).isTrue();
        assertThat(cpulist.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("invalid"));
        robot.type(KeyCode.ESCAPE);
        assertThat(cpulist.getText()).isEqualTo("8-11");
        assertThat(error.isVisible()).isFalse();
        assertThat(cpulist.getPseudoClassStates()).doesNotContain(PseudoClass.getPseudoClass("invalid"));
        assertThat(listener("b").cpus()).isEqualTo(CpuSet.range(8, 11));
        robot.type(KeyCode.TAB); // leaving the field changes nothing
        assertThat(listener("b").cpus()).isEqualTo(CpuSet.range(8, 11));
        assertThat(window.model().canUndo()).isFalse();
    }

    @Test
    void aBufferEditIsUndoneWithControlZ(FxRobot robot) throws Exception {
        // the simulator's own fields join the row once the simulator's figures come (before, they are not in the scene)
        awaitTrue(() -> robot.lookup("#buffer-" + listener("a").id()).tryQuery().map(javafx.scene.Node::isVisible)
                .orElse(false) && bufferInSession("a") != null);
        TextField buffer = field(robot, "buffer", "a");
        replaceText(robot, buffer, "50000");
        robot.type(KeyCode.ENTER);
        assertThat(window.model().buffer(listener("a").id()).bytes()).isEqualTo(50_000);
        assertThat(bufferInSession("a").bytes()).isEqualTo(50_000);
        // Ctrl+Z in a text field undoes typing there; the window's undo takes it from anywhere else
        robot.clickOn("#active-" + listener("a").id());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(window.model().buffer(listener("a").id())).isEqualTo(ListenerBuffer.Settings.defaults());
        assertThat(bufferInSession("a")).isEqualTo(ListenerBuffer.Settings.defaults());
        awaitTrue(() -> buffer.getText().equals(Integer.toString(ListenerBuffer.DEFAULT_BYTES))); // at its refresh
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertThat(bufferInSession("a").bytes()).isEqualTo(50_000);
    }

    @Test
    void theColourSwatchOpensThePaletteAndAPickRecoloursTheListener(FxRobot robot) throws Exception {
        int id = listener("b").id();
        javafx.scene.Node swatch = robot.lookup("#colour-" + id).query();
        assertThat(swatch).as("a plain swatch until it is clicked").isNotInstanceOf(javafx.scene.control.ColorPicker.class);
        robot.clickOn(swatch);
        javafx.scene.control.ColorPicker picker = robot.lookup("#colour-" + id)
                .queryAs(javafx.scene.control.ColorPicker.class);
        awaitTrue(picker::isShowing);
        assertThat(picker.getValue()).isEqualTo(io.taskscope.ui.base.Palette.fx(listener("b").rgb()));
        // the palette's first square (its colours do not include the listener's own)
        javafx.scene.shape.Rectangle square = robot.lookup(".color-square").queryAll().stream()
                .flatMap(n -> n.lookupAll("Rectangle").stream()).map(javafx.scene.shape.Rectangle.class::cast)
                .filter(r -> r.getFill() instanceof javafx.scene.paint.Color c
                        && !c.equals(picker.getValue()) && c.getOpacity() == 1)
                .findFirst().orElseThrow();
        javafx.scene.paint.Color chosen = (javafx.scene.paint.Color) square.getFill();
        robot.clickOn(square);
        awaitTrue(() -> io.taskscope.ui.base.Palette.fx(listener("b").rgb()).equals(chosen));
        assertThat(picker.isShowing()).isFalse();
        assertThat(picker.getParent()).as("the picker stays in the swatch's place").isSameAs(
                robot.lookup("#cpulist-" + id).query().getParent());
    }

    /** The simulator's fields join their row where they stand: Tab goes from a row's mask to its buffer and reader. */
    @Test
    void tabGoesFromTheMaskToTheBufferAndReaderOfTheSameRow(FxRobot robot) throws Exception {
        int a = listener("a").id();
        awaitTrue(() -> robot.lookup("#reader-" + listener("b").id()).tryQuery().isPresent());
        robot.clickOn("#cpulist-" + a);
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#buffer-" + a).query().isFocused()).as("Tab from a's mask").isTrue();
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#reader-" + a).query().isFocused()).as("Tab from a's buffer").isTrue();
    }
}
