package io.taskscope.ui.heatmap;

import io.taskscope.core.CpuSet;
import io.taskscope.core.DelayClass;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.TableRows;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FocusBox;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The heatmap as a user sees it, fed a hand-made snapshot: row heights, groups, the time axis, what a click picks. */
@ExtendWith(ApplicationExtension.class)
class HeatmapViewTest {

    private static final int CPUS = 64;
    private static final int SECONDS = 30;
    private static final long LATEST = Instant.parse("2026-03-14T12:03:40Z").getEpochSecond();

    private HeatmapView view;
    private Stage stage;
    private final List<long[]> clicks = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AppModel model = new AppModel(new Session(), ListenerSet.empty().add("all", CpuSet.range(0, CPUS - 1)));
        view = new HeatmapView(new FocusBox(model), (cpu, second) -> clicks.add(new long[]{cpu, second}));
        stage.setScene(new Scene(view, 1100, 300));
        // the FX toolkit, and its primary stage, outlive a test class: a size another test left must not count
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1100);
        stage.setHeight(300);
        stage.show();
    }

    /** Exits: CPU c has c + 1 exits every second, so a group's busiest CPU is its last. */
    private static ViewSnapshot snapshot() {
        double[] cells = new double[CPUS * SECONDS];
        for (int cpu = 0; cpu < CPUS; cpu++) {
            for (int s = 0; s < SECONDS; s++) {
                cells[cpu * SECONDS + s] = cpu + 1;
            }
        }
        return new ViewSnapshot(-1, Metric.EXITS, CpuSet.range(0, CPUS - 1).toArray(), LATEST, SECONDS, cells, null,
                new double[DelayClass.values().length * CPUS], TableRows.empty(), 0, null, List.of(),
                new long[DelayClass.values().length], false, null);
    }

    @Test
    void manyCpusInALowWindowGatherIntoReadableGroups(FxRobot robot) {
        robot.interact(() -> view.update(snapshot(), false));
        StripLayout layout = view.stripLayout();
        assertThat(layout.rowHeight()).isGreaterThanOrEqualTo(StripLayout.MIN_ROW);
        assertThat(layout.groups().size()).isGreaterThan(1);
        assertThat(layout.rows() * layout.groups().size()).isGreaterThanOrEqualTo(CPUS);
        assertThat(view.timeLabels()).startsWith("-30 s").endsWith("now");
        Point2D cell = view.centerOf(9, LATEST);
        int row = layout.rowAt(cell.getY());
        assertThat(view.describeAt(cell.getX(), cell.getY())).startsWith(layout.groups().describe(row) + " at ")
                .contains("exits/s: ");
    }

    @Test
    void theStripGrowsWithTheWindow(FxRobot robot) {
        robot.interact(() -> view.update(snapshot(), false));
        int low = view.stripLayout().rows();
        double lowHeight = view.canvas().getHeight();
        robot.interact(() -> stage.setHeight(stage.getHeight() + 500));
        robot.interact(() -> { }); // a layout pass
        assertThat(view.canvas().getHeight()).isGreaterThan(lowHeight + 400);
        assertThat(view.stripLayout().rows()).isGreaterThan(low);
        assertThat(view.stripLayout().rowHeight()).isGreaterThanOrEqualTo(StripLayout.MIN_ROW);
    }

    @Test
    void aReplaysAxisIsTheRecordingsClockAndTheTooltipAgrees(FxRobot robot) {
        robot.interact(() -> view.update(snapshot(), true));
        assertThat(view.timeLabels()).isNotEmpty().allMatch(t -> t.matches("\\d\\d:\\d\\d:\\d\\d"));
        String newest = String.format("%tT", LATEST * 1000);
        assertThat(view.timeLabels()).contains(String.format("%tT", (LATEST - 5) * 1000));
        Point2D cell = view.centerOf(0, LATEST);
        assertThat(view.describeAt(cell.getX(), cell.getY())).contains(" at " + newest);
        robot.interact(() -> view.update(snapshot(), false)); // back to a running source
        assertThat(view.timeLabels()).endsWith("now");
    }

    @Test
    void aClickOnAGroupShowsItsBusiestCpuThatSecond(FxRobot robot) {
        robot.interact(() -> view.update(snapshot(), false));
        CpuGroups groups = view.stripLayout().groups();
        Point2D cell = view.centerOf(0, LATEST - 3);
        robot.clickOn(view.canvas().localToScreen(cell));
        robot.interact(() -> { });
        assertThat(clicks).hasSize(1);
        int[] first = groups.cpusOf(0);
        assertThat(clicks.get(0)).containsExactly(first[first.length - 1], LATEST - 3);
    }
}
