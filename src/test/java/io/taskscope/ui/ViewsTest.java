package io.taskscope.ui;

import io.taskscope.testing.AppWindows;
import io.taskscope.core.CpuSet;
import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.views.Metric;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.base.Settings;
import io.taskscope.ui.shell.MainWindow;
import io.taskscope.ui.table.PlainTextCell;
import io.taskscope.ui.table.RecordDetails;
import javafx.geometry.Point2D;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-listener views, headless: the exit table and the heatmap. */
@ExtendWith(ApplicationExtension.class)
class ViewsTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppWindows.shown(stage,
                ListenerSet.empty().add("io", CpuSet.range(0, 3)).add("rest", CpuSet.range(4, 7)), 1280, 900);
        window.start(SourceKind.SIM, SimSettings.of(Profile.MEMORY_PRESSURE, 8, 3_000, 5, 1));
    }

    @AfterEach
    void stop() {
        window.stop();
    }

    private static void awaitTrue(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private TableView<ExitRecord> table() {
        return window.exitTable().table();
    }

    @Test
    void anUnknownFocusIsRefusedButTheAskedViewIsShown(FxRobot robot) {
        boolean[] known = {true};
        robot.interact(() -> known[0] = window.selectView("heatmap", "nobody"));
        assertThat(known[0]).isFalse();
        javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Heatmap");
    }

    @Test
    void theTableFillsWithTheFocusedListenersExitsNewestFirst(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "io"));
        awaitTrue(() -> table().getItems().size() > 50 && table().getItems().get(0) != null);
        List<ExitRecord> items = made(table().getItems());
        assertThat(items).allSatisfy(r -> assertThat(r.cpu()).isBetween(0, 3));
        assertThat(items.get(0).receivedNanos()).isGreaterThanOrEqualTo(items.get(items.size() - 1).receivedNanos());
        robot.interact(() -> window.selectView("table", "all"));
        awaitTrue(() -> made(table().getItems()).stream().anyMatch(r -> r.cpu() >= 4));
    }

    @Test
    void onlyTheRowsNearTheScreenGetRecordsUntilTheUserScrollsThere(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "all"));
        awaitTrue(() -> table().getItems().size() > 2_000 && table().getItems().get(0) != null);
        assertThat(table().getItems().get(0)).isNotNull();
        assertThat(table().getItems().get(table().getItems().size() - 1)).isNull();
        robot.interact(() -> table().scrollTo(1_900));
        awaitTrue(() -> table().getItems().size() > 1_900 && table().getItems().get(1_900) != null);
        // freezing asks for every row, so a frozen table scrolls without holes
        freeze(robot);
        assertThat(table().getItems()).doesNotContainNull();
    }

    @Test
    void aCellCutsTextThatDoesNotFitWithAnEllipsisAndShowsItWholeWhenWide(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "all"));
        awaitTrue(() -> table().getItems().size() > 5 && table().getItems().get(0) != null);
        freeze(robot);
        TableColumn<ExitRecord, ?> comm = column("comm");
        robot.interact(() -> comm.setPrefWidth(34));
        awaitTrue(() -> commCells(robot, comm).stream().anyMatch(c -> c.shownText().endsWith("…")
                && ((String) c.getItem()).startsWith(c.shownText().substring(0, c.shownText().length() - 1))));
        robot.interact(() -> comm.setPrefWidth(220));
        awaitTrue(() -> !commCells(robot, comm).isEmpty()
                && commCells(robot, comm).stream().allMatch(c -> c.shownText().equals(c.getItem())));
    }

    private static List<PlainTextCell<?>> commCells(FxRobot robot, TableColumn<ExitRecord, ?> comm) {
        return robot.lookup(".table-cell").queryAll().stream().filter(PlainTextCell.class::isInstance)
                .<PlainTextCell<?>>map(c -> (PlainTextCell<?>) c).filter(c -> c.getTableColumn() == comm && c.getItem() != null)
                .toList();
    }

    /** Freezes the table and waits until it is (at its next refresh, with every row's record). */
    private static void freeze(FxRobot robot) throws Exception {
        robot.clickOn("#freeze");
        awaitTrue(() -> robot.lookup("#table-count").queryAs(javafx.scene.control.Label.class).getText()
                .endsWith("frozen"));
    }

    private static List<ExitRecord> made(List<ExitRecord> rows) {
        return rows.stream().filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void sortingIsNumericAndFreezingStopsUpdates(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "io"));
        awaitTrue(() -> table().getItems().size() > 50);
        TableColumn<ExitRecord, ?> lifetime = column("lifetime");
        robot.interact(() -> {
            table().getSortOrder().setAll(List.of(lifetime));
            lifetime.setSortType(TableColumn.SortType.DESCENDING);
        });
        awaitTrue(() -> isSortedByLifetimeDescending(List.copyOf(table().getItems())));
        freeze(robot);
        int frozen = table().getItems().size();
        ExitRecord first = table().getItems().get(0);
        // enough new records that an unfrozen table would have shown others, and frames to show them in
        long atFreeze = window.session().snapshot().received();
        awaitTrue(() -> window.session().snapshot().received() > atFreeze + 5_000);
        for (int frame = 0; frame < 5; frame++) {
            robot.interact(() -> window.frames().refreshView());
        }
        assertThat(table().getItems().get(0)).isSameAs(first);
        assertThat(table().getItems()).hasSize(frozen);
    }

    private static boolean isSortedByLifetimeDescending(List<ExitRecord> items) {
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).lifetimeNanos() > items.get(i - 1).lifetimeNanos()) {
                return false;
            }
        }
        return items.size() > 1;
    }

    @SuppressWarnings("unchecked")
    private TableColumn<ExitRecord, ?> column(String id) {
        return (TableColumn<ExitRecord, ?>) table().getColumns().stream().filter(c -> id.equals(c.getId()))
                .findFirst().orElseThrow();
    }

    /** The visible columns' widths, summed, and whether every header shows its whole label. */
    private double visibleWidth() {
        return table().getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
    }

    private boolean headersWhole() {
        return table().getVisibleLeafColumns().stream().map(c -> (javafx.scene.control.Label) c.getGraphic())
                .allMatch(l -> l.getWidth() >= l.prefWidth(-1) - 0.5);
    }

    /** The width the rows have: the table's, less its vertical scroll bar. */
    private double tableInnerWidth() {
        return ((javafx.scene.layout.Region) table().lookup(".clipped-container")).getWidth();
    }

    @Test
    void theColumnsFillTheWidthUnderWholeHeadersThatSayWhatTheyHold(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "all"));
        awaitTrue(() -> table().getItems().size() > 50);
        // the default columns fit 1280 pixels: they fill it, with no strip left over and no sideways scrolling
        awaitTrue(() -> Math.abs(visibleWidth() - tableInnerWidth()) <= 2 && headersWhole());
        javafx.scene.control.Label cpuDelay = (javafx.scene.control.Label) column("cpu.pct").getGraphic();
        assertThat(cpuDelay.getText()).isEqualTo("CPU\ndelay\n% of life"); // a wait, not CPU usage
        assertThat(cpuDelay.getTooltip().getText()).contains("cpu_delay_total").contains("not CPU used");
        assertThat(robot.lookup("#columns").queryAs(javafx.scene.control.MenuButton.class).getItems())
                .extracting(javafx.scene.control.MenuItem::getText).contains("CPU delay % of life", "command");

        // every column shown: wider than the window, so kept at their natural widths and scrolled, none squeezed
        robot.interact(() -> table().getColumns().forEach(c -> c.setVisible(true)));
        awaitTrue(() -> visibleWidth() > tableInnerWidth() + 1000 && headersWhole());
        robot.interact(() -> window.exitTable().setVisibleColumns(List.of()));
        awaitTrue(() -> Math.abs(visibleWidth() - tableInnerWidth()) <= 2);
    }

    @Test
    void filtersByTextAndByDelayThreshold(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "all"));
        awaitTrue(() -> table().getItems().size() > 200);
        robot.clickOn("#freeze");
        robot.clickOn("#table-search").write("python3");
        awaitTrue(() -> !table().getItems().isEmpty()
                && table().getItems().stream().allMatch(r -> r.comm().contains("python3")));
        robot.doubleClickOn("#table-search").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .type(KeyCode.BACK_SPACE);
        robot.interact(() -> thresholdClass().setValue(DelayClass.CPU));
        robot.clickOn("#threshold-percent").write("1");
        awaitTrue(() -> table().getItems().stream().allMatch(r -> r.percentOfLifetime(DelayClass.CPU) > 1));
    }

    @SuppressWarnings("unchecked")
    private javafx.scene.control.ComboBox<DelayClass> thresholdClass() {
        return (javafx.scene.control.ComboBox<DelayClass>) window.exitTable().lookup("#threshold-class");
    }

    @Test
    void doubleClickShowsEveryFieldOfTheRecord(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "io"));
        awaitTrue(() -> table().getItems().size() > 5);
        freeze(robot);
        ExitRecord first = table().getItems().get(0);
        robot.interact(() -> {
            table().requestFocus();
            table().getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        awaitTrue(() -> robot.lookup("#record-details").tryQuery().isPresent());
        TableView<RecordDetails.Line> details = robot.lookup("#record-details").queryTableView();
        assertThat(details.getItems()).extracting(RecordDetails.Line::field).contains("ac_pid", "blkio_delay_total",
                "irq_delay_min", "ac_comm");
        assertThat(details.getItems()).anySatisfy(l -> {
            assertThat(l.field()).isEqualTo("ac_pid");
            assertThat(l.raw()).isEqualTo(Long.toString(first.get(io.taskscope.core.TaskstatsField.AC_PID)));
        });
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != window.grid().getScene().getWindow())
                .toList().forEach(w -> ((Stage) w).close()));
    }

    @Test
    void clickingAHeatmapCellFiltersTheTableToThatCpuAndSecond(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("heatmap", "io"));
        var heatmap = window.heatmap();
        awaitTrue(() -> heatmap.latestSecond() != Long.MIN_VALUE);
        long firstSeen = heatmap.latestSecond();
        awaitTrue(() -> heatmap.latestSecond() >= firstSeen + 2); // a whole second after the first one seen
        // The strip moves left when a new second comes; paused, it holds still between working out the cell's place
        // and the click (under load a second came in between, and the click filtered the next second)
        robot.interact(() -> window.session().source().pausing().orElseThrow().pause());
        long shownBefore = heatmap.updates();
        awaitTrue(() -> heatmap.updates() >= shownBefore + 2); // the records in flight at the pause are shown
        long second = heatmap.latestSecond() - 1;
        Point2D[] at = new Point2D[1];
        robot.interact(() -> at[0] = heatmap.centerOf(1, second)); // CPU 1's row (or its group's), that second
        assertThat(at[0]).isNotNull();
        int[] group = heatmap.stripLayout().groups().cpusOf(heatmap.stripLayout().rowAt(at[0].getY()));
        robot.clickOn(heatmap.canvas().localToScreen(at[0]));
        awaitTrue(() -> !table().getItems().isEmpty());
        int cpu = table().getItems().get(0).cpu();
        assertThat(group).contains(cpu);
        assertThat(table().getItems()).allSatisfy(r -> {
            assertThat(r.cpu()).isEqualTo(cpu);
            assertThat(Math.floorDiv(r.receivedNanos(), 1_000_000_000L)).isEqualTo(second);
        });
    }

    @Test
    void theDashboardShowsRatesAndTheCommandsThatWaitedLongest(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("tiles", "io"));
        awaitTrue(() -> window.tiles().shownRate() > 0 && !window.tiles().leaderLines().isEmpty());
        assertThat(window.tiles().leaderLines().get(0)).startsWith("1. ");
    }

    @Test
    void heatmapMetricsIncludeEveryDelayClass(FxRobot robot) {
        assertThat(window.heatmap().metricBox().getItems()).contains(Metric.EXITS, Metric.LOST,
                Metric.mean(DelayClass.THRASHING), Metric.total(DelayClass.IRQ));
    }

    @Test
    void hiddenColumnsAreRemembered(@TempDir Path dir, FxRobot robot) throws Exception {
        robot.interact(() -> column("comm").setVisible(false));
        Settings s = new Settings();
        s.tableColumns = window.exitTable().visibleColumns();
        s.save(dir.resolve("settings.properties"));
        Settings back = Settings.load(dir.resolve("settings.properties"));
        assertThat(back.tableColumns).doesNotContain("comm").contains("pid", "time");
        robot.interact(() -> window.exitTable().setVisibleColumns(back.tableColumns));
        assertThat(column("comm").isVisible()).isFalse();
        assertThat(column("pid").isVisible()).isTrue();
    }

    @Test
    void theTableIsMadeWhenItsTabIsFirstShownWithTheColumnsAskedForBefore(FxRobot robot) {
        // the first window shows the listeners tab: no table in the scene yet, and asking for its columns makes none
        assertThat(robot.lookup(".table-view").tryQuery()).isEmpty();
        robot.interact(() -> window.setTableColumns(List.of("time", "pid")));
        assertThat(window.tableColumns()).containsExactly("time", "pid");
        assertThat(robot.lookup(".table-view").tryQuery()).isEmpty();

        robot.interact(() -> window.selectView("table", "io"));
        assertThat(robot.lookup(".table-view").tryQuery()).isPresent();
        assertThat(column("pid").isVisible()).isTrue();
        assertThat(column("comm").isVisible()).isFalse();
        assertThat(window.tableColumns()).containsExactlyInAnyOrder("time", "pid");
    }
}
