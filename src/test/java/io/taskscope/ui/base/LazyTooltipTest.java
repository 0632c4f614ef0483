package io.taskscope.ui.base;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A tooltip is made when the pointer first enters its control, shows the newest text, and goes when unset. */
@ExtendWith(ApplicationExtension.class)
class LazyTooltipTest {
    private Button plain;
    private Button other;

    @Start
    void start(Stage stage) {
        plain = new Button("plain");
        other = new Button("other");
        stage.setScene(new Scene(new HBox(40, plain, other), 400, 100));
        stage.show();
    }

    @Test
    void madeOnEntryWithTheNewestTextThenFollowsAndGoes(FxRobot robot) throws Exception {
        robot.interact(() -> {
            LazyTooltip.set(plain, "first");
            LazyTooltip.set(plain, "second"); // before entry: only the text changes
        });
        assertThat(plain.getTooltip()).isNull();
        assertThat(LazyTooltip.text(plain)).isEqualTo("second");

        robot.moveTo(plain);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> plain.getTooltip() != null);
        assertThat(plain.getTooltip().getText()).isEqualTo("second");
        assertThat(other.getTooltip()).isNull();

        var made = plain.getTooltip();
        robot.interact(() -> LazyTooltip.set(plain, "third"));
        assertThat(plain.getTooltip()).isSameAs(made); // the one made is kept, its text changed
        assertThat(made.getText()).isEqualTo("third");

        robot.interact(() -> LazyTooltip.set(plain, null));
        assertThat(plain.getTooltip()).isNull();
        assertThat(LazyTooltip.text(plain)).isNull();
        robot.moveTo(other).moveTo(plain);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(plain.getTooltip()).isNull(); // unset stays unset on the next entry

        robot.interact(() -> LazyTooltip.set(plain, "again"));
        robot.moveTo(other).moveTo(plain);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> plain.getTooltip() != null);
        assertThat(plain.getTooltip().getText()).isEqualTo("again");
    }
}
