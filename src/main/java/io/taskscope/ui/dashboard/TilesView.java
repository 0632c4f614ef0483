package io.taskscope.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.chart.ChartData;
import eu.hansolo.tilesfx.skins.BarChartItem;
import io.taskscope.core.DelayClass;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.views.CommandBoard;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FocusBox;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dashboard of TilesFX tiles for the focused listener (or the whole machine): records/s sparkline, records lost,
 * mean delay per event of each class, the commands that waited longest, and exits by CPU on small machines. Fed
 * aggregates a few times a second, never records; no animation.
 */
public final class TilesView extends VBox {

    private static final int TILE = 210;
    private static final int MATRIX_MAX_CPUS = 64;

    private final AppModel model;
    private final Tile rate;
    private final Tile lost;
    private final Tile delays;
    private final Tile leaders;
    private final Tile matrix;
    private final Tile distribution;
    private final javafx.scene.layout.GridPane percentiles = new javafx.scene.layout.GridPane();
    private final Label[][] percentileCells = new Label[DelayClass.values().length][5];
    private final List<BarChartItem> delayItems = new ArrayList<>();
    private static final int LEADERS = 6;
    private final VBox leaderRows = new VBox();
    private final List<Label> leaderNames = new ArrayList<>();
    private final List<Label> leaderValues = new ArrayList<>();
    private long previousDelivered = -1;
    private long previousNanos;
    private long[] previousExits = new long[0];

    public TilesView(AppModel model, FocusBox focus) {
        this.model = model;
        getStyleClass().add("tiles-view");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        rate = TileBuilder.create().skinType(Tile.SkinType.SPARK_LINE).prefSize(TILE, TILE).title("Records per second")
                .minValue(0).maxValue(1e12).decimals(0).averagingPeriod(120).animated(false).build();
        lost = TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(TILE, TILE).title("Lost records")
                .minValue(0).maxValue(1e18).decimals(0).animated(false).build();
        Color[] colours = {Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#009E73"), Color.web("#F0E442"),
                Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#CC79A7"), Color.web("#999999")};
        for (DelayClass c : DelayClass.values()) {
            delayItems.add(new BarChartItem(c.label(), 0, colours[c.ordinal()]));
        }
        delays = TileBuilder.create().skinType(Tile.SkinType.BAR_CHART).prefSize(TILE * 1.6, TILE)
                .title("Mean delay per event (µs)").barChartItems(delayItems).decimals(1).animated(false).build();
        for (int i = 0; i < LEADERS; i++) {
            Label name = new Label();
            Label value = new Label();
            name.setTextFill(Color.web("#dddddd"));
            value.setTextFill(Color.web("#dddddd"));
            javafx.scene.layout.Region spring = new javafx.scene.layout.Region();
            HBox.setHgrow(spring, javafx.scene.layout.Priority.ALWAYS);
            HBox row = new HBox(6, name, spring, value);
            leaderNames.add(name);
            leaderValues.add(value);
            leaderRows.getChildren().add(row);
        }
        leaderRows.setSpacing(7);
        leaders = TileBuilder.create().skinType(Tile.SkinType.CUSTOM).prefSize(TILE * 1.4, TILE)
                .title("Commands by total delay").graphic(leaderRows).animated(false).build();
        matrix = TileBuilder.create().skinType(Tile.SkinType.MATRIX).prefSize(TILE, TILE).title("Exits by CPU")
                .matrixSize(8, 12).minValue(0).maxValue(100).animated(false).build();
        percentiles.setHgap(10);
        percentiles.setVgap(1);
        String[] heads = {"class", "tasks", "p50", "p90", "p99", "max"};
        for (int c = 0; c < heads.length; c++) {
            percentiles.add(tileLabel(heads[c], true), c, 0);
        }
        for (DelayClass c : DelayClass.values()) {
            percentiles.add(tileLabel(c.label(), false), 0, c.ordinal() + 1);
            for (int col = 1; col < heads.length; col++) {
                Label cell = tileLabel("", false);
                percentileCells[c.ordinal()][col - 1] = cell;
                percentiles.add(cell, col, c.ordinal() + 1);
            }
        }
        distribution = TileBuilder.create().skinType(Tile.SkinType.CUSTOM).prefSize(TILE * 2.4, TILE * 1.25)
                .title("Delay per task (mean per event): distribution").graphic(percentiles).animated(false).build();
        FlowPane tiles = new FlowPane(8, 8, rate, lost, delays, leaders, distribution, matrix);
        tiles.setId("tiles");
        HBox bar = new HBox(8, new Label("Showing"), focus);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, tiles);
        model.focusProperty().addListener((obs, o, n) -> previousDelivered = -1);
    }

    private static Label tileLabel(String text, boolean header) {
        Label l = new Label(text);
        l.setTextFill(header ? Color.web("#9aa0a6") : Color.web("#dddddd"));
        l.setFont(javafx.scene.text.Font.font(11));
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** For tests: the leaderboard's lines as shown. */
    public List<String> leaderLines() {
        return leaderNames.stream().map(Label::getText).filter(t -> !t.isEmpty()).toList();
    }

    public double shownRate() {
        return rate.getValue();
    }

    /** The machine-wide numbers (records/s, lost, exits by CPU) from a session snapshot. */
    public void update(SessionSnapshot s) {
        int focus = model.focusProperty().get();
        long delivered;
        long lostCount;
        if (focus == ExitViews.ALL) {
            delivered = s.received();
            lostCount = s.lost();
        } else {
            var st = s.listenerStats().stream().filter(x -> x.listener().id() == focus).findFirst().orElse(null);
            delivered = st == null ? 0 : st.delivered();
            lostCount = st == null ? 0 : st.lost();
        }
        double seconds = (s.nanoTime() - previousNanos) / 1e9;
        if (previousDelivered >= 0 && seconds > 0) {
            rate.setValue(Math.max(0, (delivered - previousDelivered) / seconds));
        }
        previousDelivered = delivered;
        previousNanos = s.nanoTime();
        lost.setValue(lostCount);
        lost.setText(String.format(Locale.ROOT, "%.2f%% of what was sent", 100.0 * lostCount
                / Math.max(1, lostCount + delivered)));
        updateMatrix(s);
    }

    private void updateMatrix(SessionSnapshot s) {
        long[] exits = s.exitsByCpu();
        boolean small = exits.length <= MATRIX_MAX_CPUS;
        matrix.setVisible(small);
        matrix.setManaged(small);
        if (!small) {
            return;
        }
        if (previousExits.length != exits.length) {
            previousExits = exits.clone();
            matrix.setMatrixSize(exits.length, 12); // a dot column per CPU, its height the CPU's share of exits
            return;
        }
        List<ChartData> data = new ArrayList<>(exits.length);
        double max = 1;
        for (int cpu = 0; cpu < exits.length; cpu++) {
            max = Math.max(max, exits[cpu] - previousExits[cpu]);
        }
        for (int cpu = 0; cpu < exits.length; cpu++) {
            data.add(new ChartData("CPU " + cpu, 100 * (exits[cpu] - previousExits[cpu]) / max));
        }
        previousExits = exits.clone();
        matrix.setChartData(data);
    }

    /** Delay means and leaders from the focused listener's view data. */
    public void update(ViewSnapshot v) {
        if (v.delays() != null) {
            for (DelayClass c : DelayClass.values()) {
                Histogram h = v.delays()[c.ordinal()];
                delayItems.get(c.ordinal()).setValue(h.getTotalCount() == 0 ? 0 : h.getMean() / 1_000.0);
                Label[] row = percentileCells[c.ordinal()];
                boolean any = h.getTotalCount() > 0;
                long implausible = v.implausible()[c.ordinal()];
                // the tasks whose total of this class cannot be true: left out (or, when asked, counted) and said so
                row[0].setText(String.format(Locale.ROOT, "%,d", h.getTotalCount())
                        + (implausible == 0 ? "" : String.format(Locale.ROOT, " (%s%,d ⚠)",
                        v.withImplausible() ? "incl. " : "+", implausible)));
                row[0].setTooltip(implausible == 0 ? null : new javafx.scene.control.Tooltip(String.format(Locale.ROOT,
                        "%,d tasks had a %s total longer than they lived: %s (View → Include implausible delays)",
                        implausible, c.label(), v.withImplausible() ? "counted here" : "left out of these figures")));
                row[1].setText(any ? io.taskscope.core.Units.nanos(h.getValueAtPercentile(50)) : "");
                row[2].setText(any ? io.taskscope.core.Units.nanos(h.getValueAtPercentile(90)) : "");
                row[3].setText(any ? io.taskscope.core.Units.nanos(h.getValueAtPercentile(99)) : "");
                row[4].setText(any ? io.taskscope.core.Units.nanos(h.getMaxValue()) : "");
            }
        }
        List<CommandBoard.Entry> top = v.leaders();
        for (int i = 0; i < LEADERS; i++) {
            boolean has = i < top.size();
            leaderNames.get(i).setText(has ? (i + 1) + ". " + top.get(i).comm() + "  ×" + top.get(i).exits() : "");
            leaderValues.get(i).setText(has ? io.taskscope.core.Units.nanos(top.get(i).delayNanos()) : "");
        }
    }
}
