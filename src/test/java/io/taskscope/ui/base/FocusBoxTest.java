package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** The "Showing" box keeps showing whose records the views show when the listeners change (it went blank). */
@ExtendWith(ApplicationExtension.class)
class FocusBoxTest {
    private AppModel model;
    private FocusBox box;

    @Start
    void start(Stage stage) {
        model = new AppModel(new Session(), ListenerSet.empty().add("web", CpuSet.range(0, 3))
                .add("db", CpuSet.range(4, 7)));
        box = new FocusBox(model);
        stage.setScene(new Scene(new StackPane(box), 300, 80));
        stage.show();
    }

    /** What the box's button shows (the cell its skin draws the value in). */
    private String shown() {
        return box.lookupAll(".list-cell").stream().filter(n -> n.getParent() == box || n.getParent().getParent() == box)
                .map(n -> ((ListCell<?>) n).getText()).findFirst().orElse("no cell");
    }

    @Test
    void addingAListenerKeepsTheFocusShown(FxRobot robot) {
        int db = model.listenersProperty().get().byName("db").orElseThrow().id();
        robot.interact(() -> model.focusProperty().set(db));
        assertThat(shown()).isEqualTo("db");
        robot.interact(() -> model.edit(model.listenersProperty().get().add("batch", CpuSet.of(8))));
        assertThat(shown()).isEqualTo("db");
        assertThat(model.focusProperty().get()).isEqualTo(db);
        assertThat(box.getItems()).hasSize(4); // All CPUs and three listeners
    }

    @Test
    void renamingTheFocusedListenerShowsItsNewName(FxRobot robot) {
        int web = model.listenersProperty().get().byName("web").orElseThrow().id();
        robot.interact(() -> model.focusProperty().set(web));
        robot.interact(() -> model.edit(model.listenersProperty().get().rename(web, "frontend")));
        assertThat(shown()).isEqualTo("frontend");
    }
}
