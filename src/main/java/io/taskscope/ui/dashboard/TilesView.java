package io.taskscope.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.chart.ChartData;
import eu.hansolo.tilesfx.skins.BarChartItem;
import io.taskscope.core.DelayClass;
import io.taskscope.core.Units;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.views.CommandBoard;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FocusBox;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dashboard of TilesFX tiles for the focused listener (or the whole machine): records/s over the last minute,
 * records lost, mean delay per event of each class, the commands that waited longest, per-class percentiles, and
 * exits by CPU on small machines. Fed aggregates a few times a second, never records; no animation. The tiles take
 * the size the tab gives them ({@link TileLayout}) and the window's theme.
 */
public final class TilesView extends VBox {

    private static final int MATRIX_MAX_CPUS = 64;
    /**
     * The tiles' sizes in units, in their order on screen: records/s, lost, delays, leaders, distribution, and last
     * exits by CPU (shown on small machines only). A tile under about 160 px wide gets TilesFX's smallest titles.
     */
    static final List<TileLayout.Span> SPANS = List.of(new TileLayout.Span(1.4, 1), new TileLayout.Span(1.2, 1),
            new TileLayout.Span(1.6, 1), new TileLayout.Span(1.5, 1), new TileLayout.Span(2.4, 1),
            new TileLayout.Span(1.2, 1));
    private static final int LEADERS = 6;
    private static final Color[] CLASS_COLOURS = {Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#009E73"),
            Color.web("#F0E442"), Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#CC79A7"),
            Color.web("#999999")};

    private final AppModel model;
    private final Tile rate;
    private final Tile lost;
    private final Tile delays;
    private final Tile leaders;
    private final Tile matrix;
    private final Tile distribution;
    private final FlowPane tiles;
    private final ScrollPane scroll;
    private final SparkChart spark = new SparkChart();
    private final Label rateValue = new Label("–");
    private final RateHistory history = new RateHistory();
    private final RecordRate recordRate = new RecordRate();
    private final GridPane percentiles = new GridPane();
    private final Label[][] percentileCells = new Label[DelayClass.values().length][5];
    private final List<Label> percentileHeads = new ArrayList<>();
    private final List<BarChartItem> delayItems = new ArrayList<>();
    private final VBox leaderRows = new VBox();
    private final List<Label> leaderNames = new ArrayList<>();
    private final List<Label> leaderValues = new ArrayList<>();
    private TilesTheme theme = TilesTheme.LIGHT;
    private double unit = TileLayout.MAX_UNIT;
    private double shownRate;
    private long[] previousExits = new long[0];
    /** The source generation the rate history is of. */
    private long historyGeneration = Long.MIN_VALUE;

    public TilesView(AppModel model, FocusBox focus) {
        this.model = model;
        getStyleClass().add("tiles-view");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        rateValue.setId("rate-value");
        rateValue.setMaxWidth(Double.MAX_VALUE);
        rateValue.setAlignment(Pos.CENTER_RIGHT);
        VBox.setVgrow(spark, Priority.ALWAYS);
        rate = tile(Tile.SkinType.CUSTOM, "Records per second").graphic(new VBox(2, rateValue, spark)).build();
        lost = tile(Tile.SkinType.NUMBER, "Lost records").minValue(0).maxValue(1e18).decimals(0).build();
        for (DelayClass c : DelayClass.values()) {
            delayItems.add(new BarChartItem(c.label(), 0, CLASS_COLOURS[c.ordinal()]));
        }
        delays = tile(Tile.SkinType.BAR_CHART, "Mean delay per event (µs)").barChartItems(delayItems).decimals(1).build();
        for (int i = 0; i < LEADERS; i++) {
            Label name = new Label();
            name.setMinWidth(0); // a long command name gives way (with an ellipsis), its delay never does
            Label value = new Label();
            value.setMinWidth(Region.USE_PREF_SIZE);
            Region spring = new Region();
            HBox.setHgrow(spring, Priority.ALWAYS);
            leaderNames.add(name);
            leaderValues.add(value);
            leaderRows.getChildren().add(new HBox(6, name, spring, value));
        }
        leaders = tile(Tile.SkinType.CUSTOM, "Commands by total delay").graphic(leaderRows).build();
        matrix = tile(Tile.SkinType.MATRIX, "Exits by CPU").matrixSize(8, 12).minValue(0).maxValue(100).build();
        buildPercentiles();
        distribution = tile(Tile.SkinType.CUSTOM, "Delay per task (mean per event): distribution")
                .graphic(percentiles).build();
        tiles = new FlowPane(TileLayout.GAP, TileLayout.GAP, rate, lost, delays, leaders, distribution, matrix);
        tiles.setId("tiles");
        scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("tiles-scroll");
        scroll.viewportBoundsProperty().addListener((obs, o, n) -> resizeTiles());
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Showing"), focus);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, scroll);
        model.focusProperty().addListener((obs, o, n) -> startOver());
        setDark(false);
    }

    private static TileBuilder<?> tile(Tile.SkinType skin, String title) {
        return TileBuilder.create().skinType(skin).title(title).animated(false);
    }

    private void buildPercentiles() {
        percentiles.setHgap(10);
        percentiles.setVgap(1);
        String[] heads = {"class", "tasks", "p50", "p90", "p99", "max"};
        for (int c = 0; c < heads.length; c++) {
            Label head = tileLabel(heads[c]);
            percentileHeads.add(head);
            percentiles.add(head, c, 0);
        }
        for (DelayClass c : DelayClass.values()) {
            Label name = tileLabel(c.label());
            percentiles.add(name, 0, c.ordinal() + 1);
            for (int col = 1; col < heads.length; col++) {
                Label cell = tileLabel("");
                percentileCells[c.ordinal()][col - 1] = cell;
                percentiles.add(cell, col, c.ordinal() + 1);
            }
        }
    }

    private static Label tileLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private List<Tile> allTiles() {
        return List.of(rate, lost, delays, leaders, distribution, matrix);
    }

    /** Light or dark tiles, as the window is. */
    public void setDark(boolean on) {
        theme = TilesTheme.of(on);
        for (Tile t : allTiles()) {
            t.setBackgroundColor(theme.background());
            t.setBorderColor(theme.border());
            t.setBorderWidth(1);
            t.setForegroundColor(theme.text());
            t.setTitleColor(theme.title());
            t.setTextColor(theme.muted());
            t.setValueColor(theme.value());
            t.setUnitColor(theme.muted());
            t.setBarBackgroundColor(theme.track());
        }
        for (BarChartItem item : delayItems) {
            item.setNameColor(theme.text());
            item.setValueColor(theme.text());
            item.setBarBackgroundColor(theme.track());
        }
        rateValue.setTextFill(theme.value());
        leaderNames.forEach(l -> l.setTextFill(theme.text()));
        leaderValues.forEach(l -> l.setTextFill(theme.text()));
        percentileHeads.forEach(l -> l.setTextFill(theme.muted()));
        percentiles.getChildren().stream().filter(n -> !percentileHeads.contains(n))
                .forEach(n -> ((Label) n).setTextFill(theme.text()));
        spark.show(history, theme, sparkFont());
    }

    /** Sizes the tiles to the space the tab gives (scrolling only when even the smallest do not fit). */
    private void resizeTiles() {
        double width = scroll.getViewportBounds().getWidth() - 1; // FlowPane wraps at whole pixels
        double height = scroll.getViewportBounds().getHeight();
        if (width <= 0 || height <= 0) {
            return;
        }
        List<TileLayout.Span> spans = spans();
        TileLayout fit = TileLayout.fit(spans, width, height);
        unit = fit.unit();
        scroll.setVbarPolicy(fit.fits() ? ScrollPane.ScrollBarPolicy.NEVER : ScrollPane.ScrollBarPolicy.AS_NEEDED);
        List<Tile> shown = shownTiles();
        for (int i = 0; i < shown.size(); i++) {
            shown.get(i).setPrefSize(spans.get(i).widthAt(unit), spans.get(i).heightAt(fit.tall()));
            shown.get(i).setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            shown.get(i).setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        }
        // inline styles: the app's stylesheet sets the font size, and a stylesheet outranks setFont
        String text = fontSize(Math.max(9.5, Math.min(13, unit * 0.062)));
        leaderNames.forEach(l -> l.setStyle(text));
        leaderValues.forEach(l -> l.setStyle(text));
        leaderRows.setSpacing(Math.max(2, unit * 0.03));
        String small = fontSize(Math.max(9, Math.min(12, unit * 0.052)));
        percentiles.getChildren().forEach(n -> n.setStyle(small));
        rateValue.setStyle(fontSize(unit * 0.17));
        spark.show(history, theme, sparkFont());
    }

    private static String fontSize(double px) {
        return String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", px);
    }

    private double sparkFont() {
        return Math.max(9, Math.min(11, unit * 0.05));
    }

    private List<Tile> shownTiles() {
        return allTiles().stream().filter(Tile::isManaged).toList();
    }

    /** Each shown tile's size in units, in their order on screen. */
    private List<TileLayout.Span> spans() {
        return SPANS.subList(0, shownTiles().size()); // only the last, exits by CPU, is ever hidden
    }

    /** A new focus or source: the rate's history is someone else's. */
    private void startOver() {
        recordRate.reset();
        history.clear();
        shownRate = 0;
        rateValue.setText("–");
        spark.show(history, theme, sparkFont());
    }

    /** For tests: the leaderboard's lines as shown. */
    public List<String> leaderLines() {
        return leaderNames.stream().map(Label::getText).filter(t -> !t.isEmpty()).toList();
    }

    public double shownRate() {
        return shownRate;
    }

    /** For tests: the samples the sparkline draws, oldest first. */
    public List<Double> rateSamples() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            out.add(history.value(i));
        }
        return out;
    }

    /** For tests: the side of a one-unit tile now, px. */
    public double tileUnit() {
        return unit;
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
        if (s.generation() != historyGeneration) {
            history.clear(); // another source: its counts, and its rate, start again
            historyGeneration = s.generation();
        }
        double perSecond = recordRate.next(s.generation(), delivered, s.nanoTime());
        if (!Double.isNaN(perSecond)) {
            shownRate = perSecond;
            history.add(s.nanoTime(), perSecond);
            rateValue.setText(String.format(Locale.ROOT, "%,.0f", perSecond));
        }
        spark.show(history, theme, sparkFont());
        lost.setValue(lostCount);
        lost.setText(String.format(Locale.ROOT, "%.2f%% of what was sent", 100.0 * lostCount
                / Math.max(1, lostCount + delivered)));
        updateMatrix(s);
    }

    private void updateMatrix(SessionSnapshot s) {
        long[] exits = s.exitsByCpu();
        boolean small = exits.length <= MATRIX_MAX_CPUS;
        if (matrix.isManaged() != small) {
            matrix.setVisible(small);
            matrix.setManaged(small);
            resizeTiles(); // one tile more or less: the others may grow or shrink
        }
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
                row[0].setTooltip(implausible == 0 ? null : new Tooltip(String.format(Locale.ROOT,
                        "%,d tasks had a %s total longer than they lived: %s (View → Include implausible delays)",
                        implausible, c.label(), v.withImplausible() ? "counted here" : "left out of these figures")));
                row[1].setText(any ? Units.nanos(h.getValueAtPercentile(50)) : "");
                row[2].setText(any ? Units.nanos(h.getValueAtPercentile(90)) : "");
                row[3].setText(any ? Units.nanos(h.getValueAtPercentile(99)) : "");
                row[4].setText(any ? Units.nanos(h.getMaxValue()) : "");
            }
        }
        List<CommandBoard.Entry> top = v.leaders();
        for (int i = 0; i < LEADERS; i++) {
            boolean has = i < top.size();
            leaderNames.get(i).setText(has ? (i + 1) + ". " + top.get(i).comm() + "  ×" + top.get(i).exits() : "");
            leaderValues.get(i).setText(has ? Units.nanos(top.get(i).delayNanos()) : "");
        }
    }
}
