package io.taskscope.ui.source;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** Source → Remote machine as a user meets it: a host ssh would read as an option cannot be confirmed. */
@ExtendWith(ApplicationExtension.class)
class RemoteHostDialogTest {

    private Stage stage;
    private Dialog<String> dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            if (dialog != null && dialog.isShowing()) {
                dialog.close();
            }
        });
    }

    private Node ok() {
        return dialog.getDialogPane().lookupButton(ButtonType.OK);
    }

    private String problem(FxRobot robot) {
        return robot.lookup("#remote-host-problem").queryAs(Label.class).getText();
    }

    @Test
    void anOptionInTheHostFieldIsRefusedAndAHostIsTaken(FxRobot robot) {
        robot.interact(() -> {
            dialog = RemoteHostDialog.create(stage);
            dialog.show();
        });
        assertThat(ok().isDisabled()).isTrue(); // nothing typed yet
        assertThat(problem(robot)).isEmpty();

        robot.clickOn("#remote-host").write("-oProxyCommand=touch /tmp/x");
        assertThat(ok().isDisabled()).isTrue();
        assertThat(problem(robot)).contains("cannot begin with '-'");

        robot.interact(() -> robot.lookup("#remote-host").queryAs(TextField.class).setText("me@my box"));
        assertThat(ok().isDisabled()).isTrue();
        assertThat(problem(robot)).contains("no spaces");

        robot.interact(() -> robot.lookup("#remote-host").queryAs(TextField.class).setText("  me@box  "));
        assertThat(ok().isDisabled()).isFalse();
        assertThat(problem(robot)).isEmpty();
        robot.clickOn((Node) ok());
        assertThat(dialog.isShowing()).isFalse();
        assertThat(dialog.getResult()).isEqualTo("me@box");
    }
}
