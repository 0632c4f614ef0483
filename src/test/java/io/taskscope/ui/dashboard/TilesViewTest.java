package io.taskscope.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.source.SourceState;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FocusBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The dashboard as a user sees it: every tile in view in a short tab, the window's colours, a rate from real samples. */
@ExtendWith(ApplicationExtension.class)
class TilesViewTest {

    private static final long S = 1_000_000_000L;
    private TilesView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AppModel model = new AppModel(new Session(), ListenerSet.empty().add("all", CpuSet.range(0, 15)));
        model.focusProperty().set(io.taskscope.session.views.ExitViews.ALL); // the machine's counts
        view = new TilesView(model, new FocusBox(model));
        // about what the dashboard tab gets in a 1280x800 window with the grid above it
        stage.setScene(new Scene(view, 1280, 250));
        // the FX toolkit, and its primary stage, outlive a test class: a size another test left must not count
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(250);
        stage.show();
    }

    private static SessionSnapshot counts(long nanos, long generation, long received) {
        return new SessionSnapshot(nanos, generation, null, SourceState.RUNNING, "", 16, received, 0, 0, new long[16],
                new long[16], CpuSet.range(0, 15), ListenerSet.empty(), List.of(), 0);
    }

    private List<Tile> tiles() {
        return view.lookupAll(".tile").stream().filter(Tile.class::isInstance).map(Tile.class::cast)
                .filter(Node::isManaged).toList();
    }

    @Test
    void everyTileIsInViewWithoutScrolling(FxRobot robot) {
        robot.interact(() -> view.update(counts(S, 1, 0))); // 16 CPUs: the exits-by-CPU tile too
        robot.interact(() -> { });
        ScrollPane scroll = (ScrollPane) view.lookup(".tiles-scroll");
        Bounds viewport = scroll.getViewportBounds();
        assertThat(tiles()).hasSize(6).allSatisfy(t -> {
            Bounds b = t.getBoundsInParent();
            assertThat(b.getMaxX()).isLessThanOrEqualTo(viewport.getWidth() + 0.5);
            assertThat(b.getMaxY()).isLessThanOrEqualTo(viewport.getHeight() + 0.5);
        });
        assertThat(view.tileUnit()).isGreaterThanOrEqualTo(TileLayout.MIN_UNIT);
        double small = view.tileUnit();
        robot.interact(() -> { // within Monocle's screen (headless.geometry)
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1560);
        });
        robot.interact(() -> stage.setHeight(400));
        robot.interact(() -> { });
        assertThat(view.tileUnit()).isGreaterThan(small);
    }

    @Test
    void theTilesTakeTheWindowsTheme(FxRobot robot) {
        robot.interact(() -> view.setDark(false));
        assertThat(tiles()).allSatisfy(t -> assertThat(t.getBackgroundColor()).isEqualTo(TilesTheme.LIGHT.background()));
        assertThat(TilesTheme.LIGHT.background().getBrightness()).isGreaterThan(0.9);
        robot.interact(() -> view.setDark(true));
        assertThat(tiles()).allSatisfy(t -> assertThat(t.getBackgroundColor()).isEqualTo(TilesTheme.DARK.background()));
        assertThat(TilesTheme.DARK.background().getBrightness()).isLessThan(0.3);
    }

    @Test
    void theSparklineStartsAtTheFirstRealRate(FxRobot robot) {
        robot.interact(() -> view.update(counts(10 * S, 1, 5_000)));
        assertThat(view.rateSamples()).isEmpty(); // one count is no rate: nothing drawn, rather than a 0
        robot.interact(() -> view.update(counts(11 * S, 1, 8_000)));
        robot.interact(() -> view.update(counts(12 * S, 1, 12_000)));
        assertThat(view.rateSamples()).hasSize(2);
        assertThat(view.rateSamples().get(0)).isCloseTo(3_000, within(1e-6));
        assertThat(view.shownRate()).isCloseTo(4_000, within(1e-6));
        robot.interact(() -> view.update(counts(13 * S, 2, 100))); // another source
        assertThat(view.rateSamples()).isEmpty();
    }
}
