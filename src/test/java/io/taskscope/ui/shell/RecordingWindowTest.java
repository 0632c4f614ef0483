package io.taskscope.ui.shell;

import io.taskscope.testing.AppWindows;
import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.store.SessionReader;
import io.taskscope.store.TinyDisk;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The record button as a user sees it, headless: stopping never blocks the window, a full disk is shown at once. */
@ExtendWith(ApplicationExtension.class)
class RecordingWindowTest {

    private static final SimSettings SIM = SimSettings.of(Profile.FORK_STORM, 16, 20_000, 1, 1);
    private MainWindow window;
    private TinyDisk disk;

    @Start
    void start(Stage stage) {
        window = AppWindows.shown(stage, ListenerSet.empty().add("a", CpuSet.range(0, 3)), 1280, 800);
        window.start(SourceKind.SIM, SIM);
    }

    @AfterEach
    void stop() throws Exception {
        window.stop();
        if (disk != null) {
            awaitTrue(() -> !window.isRecording()); // its file is closed: the tmpfs can go
            disk.close();
        }
    }

    /** A guard against a hang, not a measure: the conditions come true in well under a second here. */
    private static void awaitTrue(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private long received() {
        return window.session().snapshot().received();
    }

    private static long recordsIn(Path file) throws Exception {
        long[] n = {0};
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            r.readAll(block -> n[0] += block.size());
        }
        return n[0];
    }

    @Test
    void stoppingShowsStoppingThenTheRecordingsCountAndItIsARecentRecording(@TempDir Path dir, FxRobot robot)
            throws Exception {
        awaitTrue(() -> received() > 0);
        Path file = dir.resolve("rec.tsk");
        robot.interact(() -> window.startRecording(file));
        long started = received();
        awaitTrue(() -> received() > started + 2_000);
        Label chip = robot.lookup("#recording-chip").queryAs(Label.class);
        ToggleButton button = robot.lookup("#record").queryAs(ToggleButton.class);
        AtomicReference<String> whileStopping = new AtomicReference<>();
        robot.interact(() -> {
            window.stopRecording();
            // the end comes by runLater: within this one FX task the recording can only be stopping
            io.taskscope.ui.recording.RecordingChip c = (io.taskscope.ui.recording.RecordingChip) chip;
            c.refresh();
            whileStopping.set(c.getText() + (button.isDisable() ? " [button disabled]" : ""));
        });
        assertThat(whileStopping.get()).startsWith("● Stopping…").endsWith("[button disabled]");

        awaitTrue(() -> !window.isRecording());
        StatusBar status = robot.lookup("#status").queryAs(StatusBar.class);
        long records = recordsIn(file);
        assertThat(records).isGreaterThan(2_000);
        String count = String.format(java.util.Locale.ROOT, "%,d", records);
        assertThat(status.getText()).isEqualTo("Recorded " + count + " records to " + file);
        assertThat(chip.getText()).isEqualTo("✓ Recorded " + count + " records");
        assertThat(button.isDisable()).isFalse();
        assertThat(button.isSelected()).isFalse();
        assertThat(window.recentFiles()).startsWith(file);
    }

    @Test
    void aDiskThatFillsUpStopsTheChipWithAnErrorAndTheFileKeepsItsCompleteChunks(@TempDir Path dir, FxRobot robot)
            throws Exception {
        awaitTrue(() -> received() > 0);
        disk = TinyDisk.mount(dir.resolve("tiny"), "4m");
        Path file = disk.dir().resolve("rec.tsk");
        robot.interact(() -> window.startRecording(file));
        assertThat(window.isRecording()).isTrue();

        awaitTrue(() -> !window.isRecording()); // nobody stops it: the full disk does
        Label chip = robot.lookup("#recording-chip").queryAs(Label.class);
        StatusBar status = robot.lookup("#status").queryAs(StatusBar.class);
        ToggleButton button = robot.lookup("#record").queryAs(ToggleButton.class);
        assertThat(chip.getText()).isEqualTo("● REC failed: the disk is full");
        assertThat(chip.getStyleClass()).contains("failed");
        assertThat(chip.isVisible()).isTrue();
        assertThat(button.isSelected()).isFalse();
        long kept = recordsIn(file);
        assertThat(kept).isPositive();
        assertThat(status.getText()).isEqualTo(String.format(java.util.Locale.ROOT,
                "Recording failed: the disk is full. The first %,d records are kept in %s", kept, file));
        assertThat(status.getPseudoClassStates()).as("the line is shown as an error")
                .anyMatch(p -> p.getPseudoClassName().equals("error"));
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            assertThat(r.tornTail()).isNotNull();
        }
        assertThat(window.recentFiles()).as("what was kept can be replayed").startsWith(file);
        long after = received();
        awaitTrue(() -> received() > after); // the source goes on without its recorder
        robot.interact(() -> {
            // the chip is not refreshed away, and stays until clicked
            ((io.taskscope.ui.recording.RecordingChip) chip).refresh();
        });
        assertThat(chip.getText()).isEqualTo("● REC failed: the disk is full");
        robot.clickOn(chip);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chip.isVisible()).isFalse();
    }
}
