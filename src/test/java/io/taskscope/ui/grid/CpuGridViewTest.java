package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.testing.Await;
import io.taskscope.ui.base.AppModel;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The grid on its own, driven by the mouse and keyboard (TestFX on Monocle). */
@ExtendWith(ApplicationExtension.class)
class CpuGridViewTest {

    private AppModel model;
    private CpuGridView grid;

    @Start
    void start(Stage stage) {
        model = new AppModel(new Session(), ListenerSet.empty().add("a", CpuSet.range(0, 3)));
        grid = new CpuGridView(model);
        grid.setMachine(16, CpuSet.range(0, 15), List.of());
        Button elsewhere = new Button("elsewhere"); // takes the focus first, as the window's other controls would
        stage.setScene(new Scene(new VBox(elsewhere, grid), 800, 400));
        stage.show();
        elsewhere.requestFocus();
    }

    private CpuSet cpusOfA() {
        return model.listenersProperty().get().byName("a").orElseThrow().cpus();
    }

    private Point2D cell(int cpu) {
        GridLayout g = grid.gridLayout();
        return grid.canvas().localToScreen(g.x(cpu) + g.cell() / 2, g.y(cpu) + g.cell() / 2);
    }

    @Test
    void aClickGivesTheGridTheKeyboard(FxRobot robot) {
        robot.clickOn(cell(6));
        assertThat(cpusOfA()).isEqualTo(CpuSet.of(0, 1, 2, 3, 6));
        assertThat(grid.canvas().isFocused()).isTrue();
        robot.type(KeyCode.RIGHT).type(KeyCode.SPACE); // straight away, no Tab first
        assertThat(cpusOfA()).isEqualTo(CpuSet.of(0, 1, 2, 3, 6, 7));
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER); // a row is 8 CPUs here
        assertThat(cpusOfA()).isEqualTo(CpuSet.of(0, 1, 2, 3, 6, 7, 15));
    }

    @Test
    void theContextMenuClearsTheActiveListener(FxRobot robot) {
        robot.clickOn(cell(10), MouseButton.SECONDARY);
        robot.clickOn("Clear a's CPUs");
        assertThat(cpusOfA()).isEqualTo(CpuSet.empty());
    }

    @Test
    void theContextMenuAddsTheClickedCpu(FxRobot robot) {
        robot.clickOn(cell(10), MouseButton.SECONDARY);
        robot.clickOn("Add CPU 10 to").clickOn("a");
        assertThat(cpusOfA()).isEqualTo(CpuSet.of(0, 1, 2, 3, 10));
    }

    /** A wheel notch over the grid (Monocle's robot sends no wheel events, so it is fired as the toolkit would). */
    private void wheel(FxRobot robot, double deltaY, boolean control) {
        robot.interact(() -> javafx.event.Event.fireEvent(grid.canvas(), new ScrollEvent(ScrollEvent.SCROLL, 20, 20,
                20, 20, false, control, false, false, false, false, 0, deltaY, 0, deltaY,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
    }

    /** The grid's layout as the FX thread has it now. */
    private GridLayout layoutNow(FxRobot robot) {
        GridLayout[] now = new GridLayout[1];
        robot.interact(() -> now[0] = grid.gridLayout());
        return now[0];
    }

    private void giveTheGridHeight(FxRobot robot, double height) {
        robot.interact(() -> {
            grid.setPrefHeight(height);
            grid.setMaxHeight(height);
        });
    }

    @Test
    void theCellsGrowAndShrinkWithTheirAreaAndFitUndoesAZoom(FxRobot robot) throws Exception {
        giveTheGridHeight(robot, 110); // 16 CPUs are 2 rows of 8: about 100 px of it for the rows
        Await.until("the cells fit 110 px", () -> layoutNow(robot).height() <= 110
                && layoutNow(robot).cell() < GridLayout.MAX_CELL);
        double small = layoutNow(robot).cell();
        assertThat(small).isGreaterThan(GridLayout.MIN_CELL);
        giveTheGridHeight(robot, 300);
        Await.until("the cells grow to their bound", () -> layoutNow(robot).cell() == GridLayout.MAX_CELL);
        robot.interact(() -> grid.zoomBy(0.5));
        assertThat(layoutNow(robot).cell()).isEqualTo(GridLayout.MAX_CELL / 2);
        robot.interact(grid::zoomToFit);
        assertThat(layoutNow(robot).cell()).isEqualTo(GridLayout.MAX_CELL);
        giveTheGridHeight(robot, 110);
        Await.until("Fit keeps fitting: the cells shrink again", () -> layoutNow(robot).cell() == small);
    }

    /** Ten seconds at 20 frames a second: CPU 0 at 2,000 exits/s, CPU 1 at 720 (36 % of it), the rest idle. */
    private void runBusy(FxRobot robot) {
        robot.interact(() -> {
            long[] exits = new long[16];
            for (int frame = 1; frame <= 200; frame++) {
                exits[0] += 100;
                exits[1] += 36;
                grid.update(exits.clone(), new long[16], 0.05, frame * 50_000_000L);
            }
        });
    }

    private static javafx.scene.paint.Color pixel(javafx.scene.Node node, double x, double y) {
        return node.snapshot(null, null).getPixelReader().getColor((int) x, (int) y);
    }

    private static void assertSameColour(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
        assertThat(a.getRed()).isCloseTo(b.getRed(), org.assertj.core.api.Assertions.within(1.5 / 255));
        assertThat(a.getGreen()).isCloseTo(b.getGreen(), org.assertj.core.api.Assertions.within(1.5 / 255));
        assertThat(a.getBlue()).isCloseTo(b.getBlue(), org.assertj.core.api.Assertions.within(1.5 / 255));
    }

    @Test
    void theHeatLegendShowsTheScaleInTheCellsOwnColours(FxRobot robot) {
        runBusy(robot);
        assertThat(grid.heatLegend().scaleText()).isEqualTo("2.0k exits/s");
        robot.interact(() -> {
            GridLayout g = grid.gridLayout();
            // the busiest CPU has the colour of the bar's right end, one at 36 % of the scale the colour 36 % along
            int last = HeatLegend.BAR_WIDTH - 2; // inside the bar's frame
            assertSameColour(pixel(grid.canvas(), g.x(0) + 6, g.y(0) + 6), grid.heatLegend().colourAt(last));
            assertSameColour(pixel(grid.canvas(), g.x(1) + 6, g.y(1) + 6),
                    grid.heatLegend().colourAt((int) Math.round(0.36 * (HeatLegend.BAR_WIDTH - 1))));
            assertThat(pixel(grid.canvas(), g.x(1) + 6, g.y(1) + 6))
                    .isNotEqualTo(pixel(grid.canvas(), g.x(0) + 6, g.y(0) + 6));
        });
    }

    @Test
    void controlAndTheWheelZoom(FxRobot robot) {
        double before = grid.gridLayout().cell();
        wheel(robot, 40, true);
        double zoomedIn = grid.gridLayout().cell();
        wheel(robot, -40, true);
        wheel(robot, -40, true);
        assertThat(zoomedIn).isGreaterThan(before);
        assertThat(grid.gridLayout().cell()).isLessThan(before);
        wheel(robot, 40, false); // without Control the wheel scrolls, as in any pane
        assertThat(grid.gridLayout().cell()).isLessThan(before);
        assertThat(cpusOfA()).isEqualTo(CpuSet.range(0, 3)); // zooming edits nothing
    }
}
