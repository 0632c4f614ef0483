package io.taskscope.ui.heatmap;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.Units;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.ui.base.AxisLabels;
import io.taskscope.ui.base.FocusBox;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.time.ZoneId;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * CPU × time for the focused listener: a row per CPU of its mask (or per CPU group when rows would be thinner than
 * {@link StripLayout#MIN_ROW}), a column per second over the last minutes, colour = the chosen metric (exits/s,
 * lost/s, or a delay class's mean per event or total). Viridis colours, linear or log scale, a legend with units, a
 * tooltip with the cell's CPUs, time, value and top commands; a click filters the table to that CPU and second.
 * Below, which class of waiting dominates on each CPU. The strip takes the height the view is given; only below a
 * readable minimum does the view scroll.
 */
public final class HeatmapView extends VBox {

    /** The strip never gets shorter than a few readable rows and its time axis. */
    static final double MIN_STRIP = StripLayout.TOP + StripLayout.BOTTOM + 4 * StripLayout.MIN_ROW;
    private static final double LEGEND_RAMP = 160;

    private final ComboBox<Metric> metric = new ComboBox<>();
    private final ToggleButton log = new ToggleButton("Log scale");
    private final Canvas canvas = new Canvas(600, 300);
    private final Canvas legend = new Canvas(360, 34);
    private final Canvas classCanvas = new Canvas(600, 1);
    private final Tooltip tip = new Tooltip();
    private final Tooltip classTip = new Tooltip();
    private final TextMeasure text = new TextMeasure(Font.font(11));
    /** The class chart's rows are a line of small text each: that chart is a side note to the strip. */
    private final TextMeasure smallText = new TextMeasure(Font.font(9.5));
    private final StripPainter painter = new StripPainter();
    private final BiConsumer<Integer, Long> onCell;
    private ViewSnapshot shown;
    private long updates;
    private boolean recordingTime;
    private HeatmapTheme theme = HeatmapTheme.LIGHT;
    private StripLayout layout;
    private ClassChartLayout classLayout;
    private double[] grouped = new double[0];
    private double[] shares = new double[0];
    private HeatScale scale = new HeatScale(0, true);
    private List<AxisLabels.Placed> ticks = List.of();

    public HeatmapView(FocusBox focus, BiConsumer<Integer, Long> onCell) {
        this.onCell = onCell;
        getStyleClass().add("heatmap");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        metric.getItems().addAll(Metric.all());
        metric.setValue(Metric.EXITS);
        metric.setId("heatmap-metric");
        metric.setVisibleRowCount(20);
        log.setId("heatmap-log");
        log.setSelected(true);
        log.setOnAction(e -> redraw());
        HBox bar = new HBox(8, new Label("Showing"), focus, new Label("colour"), metric, log, legend);
        bar.setAlignment(Pos.CENTER_LEFT);
        Pane holder = new Pane(canvas);
        holder.setMinHeight(MIN_STRIP);
        holder.setPrefHeight(MIN_STRIP);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener((obs, o, n) -> redraw());
        canvas.heightProperty().addListener((obs, o, n) -> redraw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        classCanvas.widthProperty().bind(holder.widthProperty());
        classCanvas.setHeight(new ClassChartLayout(600, new int[0], 0, smallText::width).height());
        Label classTitle = new Label("Which waiting dominates where: each CPU's delay split by class (share of its "
                + "total over the window)");
        classTitle.getStyleClass().addAll("legend", "class-title");
        classTitle.setMinHeight(Label.USE_PREF_SIZE);
        VBox body = new VBox(2, holder, classTitle, classCanvas);
        body.setMinHeight(VBox.USE_PREF_SIZE);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true); // the strip takes the height there is; a scroll bar only below its minimum
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("heatmap-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Tooltip.install(canvas, tip);
        tip.setShowDelay(Duration.millis(200));
        Tooltip.install(classCanvas, classTip);
        classTip.setShowDelay(Duration.millis(200));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> tip.setText(describeAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        classCanvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> classTip.setText(describeClassAt(e.getX(), e.getY())));
        getChildren().addAll(bar, scroll);
    }

    public Metric metric() {
        return metric.getValue();
    }

    public ComboBox<Metric> metricBox() {
        return metric;
    }

    public Canvas canvas() {
        return canvas;
    }

    public Canvas classCanvas() {
        return classCanvas;
    }

    public void setDark(boolean on) {
        theme = HeatmapTheme.of(on);
        redraw();
    }

    /**
     * Shows a frame's view data.
     *
     * @param inRecordingTime the source is a replay: the time axis says the recording's clock, not "-30 s … now"
     */
    public void update(ViewSnapshot v, boolean inRecordingTime) {
        updates++;
        shown = v;
        recordingTime = inRecordingTime;
        redraw();
    }

    /** How the strip is laid out now (null before the first frame with CPUs). */
    public StripLayout stripLayout() {
        return layout;
    }

    /** How the class chart is laid out now (null before the first frame with CPUs). */
    public ClassChartLayout classLayout() {
        return classLayout;
    }

    /** The epoch second of the newest column shown (Long.MIN_VALUE before any record). */
    /** View snapshots shown so far (for tests that wait for the picture to settle). */
    public long updates() {
        return updates;
    }

    public long latestSecond() {
        return shown == null ? Long.MIN_VALUE : shown.latestSecond();
    }

    /** The time axis as drawn. */
    public List<String> timeLabels() {
        return ticks.stream().map(AxisLabels.Placed::text).toList();
    }

    /** Where, in the canvas, the cell of a CPU and epoch second is drawn (the middle of its row), or null. */
    public Point2D centerOf(int cpu, long second) {
        if (layout == null) {
            return null;
        }
        int row = layout.groups().groupOfCpu(cpu);
        long column = second - firstSecond();
        if (row < 0 || column < 0 || column >= layout.seconds()) {
            return null;
        }
        return new Point2D(layout.columnX(column + 0.5), layout.rowCenter(row));
    }

    private long firstSecond() {
        return shown.latestSecond() - shown.seconds() + 1;
    }

    private boolean hasRows() {
        return shown != null && shown.cpus().length > 0 && shown.latestSecond() != Long.MIN_VALUE;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (!hasRows()) {
            layout = null;
            classLayout = null;
            ticks = List.of();
            scale = new HeatScale(0, log.isSelected());
            drawLegend();
            clearClasses();
            g.setFill(theme.axis());
            g.setFont(text.font());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(shown != null && shown.cpus().length == 0 ? "This listener has no CPUs."
                    : "Waiting for records…", 16, 12);
            return;
        }
        layout = new StripLayout(w, h, shown.cpus(), shown.seconds(), ClassChartLayout.marginFor(smallText::width),
                text::width, text.lineHeight());
        grouped = layout.groups().size() == 1 ? shown.cells() : GroupedCells.of(shown, layout.groups());
        scale = HeatScale.over(grouped, log.isSelected());
        ticks = TimeAxis.ticks(layout, shown.latestSecond(), recordingTime, ZoneId.systemDefault(), text::width);
        painter.paint(g, layout, grouped, scale, ticks, theme, text);
        painter.paintWorstWait(g, layout, shown.worstWait(), shown.latestSecond(), theme);
        drawLegend();
        drawClasses();
    }

    private void clearClasses() {
        GraphicsContext g = classCanvas.getGraphicsContext2D();
        g.setFill(theme.background());
        g.fillRect(0, 0, classCanvas.getWidth(), classCanvas.getHeight());
    }

    private void drawClasses() {
        clearClasses();
        classLayout = new ClassChartLayout(classCanvas.getWidth(), shown.cpus(), layout.left(), smallText::width);
        shares = GroupedCells.classShares(shown, classLayout.groups());
        ClassChartPainter.paint(classCanvas.getGraphicsContext2D(), classLayout, shares, theme, smallText);
    }

    private void drawLegend() {
        GraphicsContext g = legend.getGraphicsContext2D();
        g.clearRect(0, 0, legend.getWidth(), legend.getHeight());
        for (int x = 0; x < LEGEND_RAMP; x++) {
            g.setFill(Viridis.color(x / (LEGEND_RAMP - 1)));
            g.fillRect(x, 2, 1, 12);
        }
        g.setFill(theme.legend());
        g.setFont(text.font());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", 0, 17);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(format(scale.max()), LEGEND_RAMP, 17);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(unit(), LEGEND_RAMP + 6, 2);
        int perRow = layout == null ? 1 : layout.groups().size();
        if (perRow > 1) {
            boolean mean = metric.getValue().kind() == Metric.Kind.DELAY_MEAN;
            g.fillText((mean ? "mean over " : "sum of ") + perRow + " CPUs a row", LEGEND_RAMP + 6, 17);
        }
    }

    private String unit() {
        return switch (metric.getValue().kind()) {
            case EXITS -> "exits/s";
            case LOST -> "lost/s";
            case DELAY_MEAN -> "per event";
            case DELAY_TOTAL -> "waited per s";
        };
    }

    private String format(double v) {
        return metric.getValue().isDelay() ? Units.nanos((long) v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** The tooltip for a point of the strip: which CPUs, when, the value, the top commands; "" off the cells. */
    String describeAt(double x, double y) {
        int row = layout == null ? -1 : layout.rowAt(y);
        int col = layout == null ? -1 : layout.columnAt(x);
        if (row < 0 || col < 0) {
            return "";
        }
        CpuGroups groups = layout.groups();
        long second = firstSecond() + col;
        double value = grouped[row * layout.seconds() + col];
        BitSet members = new BitSet();
        for (int cpu : groups.cpusOf(row)) {
            members.set(cpu);
        }
        Map<String, Long> top = shown.table().stream()
                .filter(r -> r != null && members.get(r.cpu()) && Math.floorDiv(r.receivedNanos(), 1_000_000_000L) == second)
                .collect(Collectors.groupingBy(ExitRecord::comm, HashMap::new, Collectors.counting()));
        String commands = top.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(3).map(en -> en.getKey() + " ×" + en.getValue()).collect(Collectors.joining(", "));
        boolean empty = Double.isNaN(value) || value == 0;
        String click = groups.size() == 1 ? "click: show these exits in the table"
                : "click: show CPU " + clickedCpu(row, col) + "'s exits in the table"
                + (empty ? "" : " (the group's highest this second)");
        return String.format(Locale.ROOT, "%s at %tT%n%s: %s%s%n%s", groups.describe(row), second * 1000,
                metric.getValue().label(), Double.isNaN(value) ? "no events" : format(value),
                commands.isEmpty() ? "" : "\ntop commands: " + commands, click);
    }

    private int clickedCpu(int row, int col) {
        int cpuRow = GroupedCells.highestRow(shown.cells(), shown.seconds(), layout.groups(), row, col);
        return shown.cpus()[cpuRow];
    }

    private String describeClassAt(double x, double y) {
        int col = classLayout == null ? -1 : classLayout.columnAt(x);
        DelayClass c = classLayout == null ? null : classLayout.classAt(y);
        if (col < 0 || c == null) {
            return "";
        }
        double share = shares[c.ordinal() * classLayout.groups().count() + col];
        return classLayout.groups().describe(col) + ": " + (Double.isNaN(share) ? "no delay in the window"
                : String.format(Locale.ROOT, "%.0f %% of the delay is %s", share * 100, c.label()));
    }

    private void click(MouseEvent e) {
        int row = layout == null ? -1 : layout.rowAt(e.getY());
        int col = layout == null ? -1 : layout.columnAt(e.getX());
        if (row >= 0 && col >= 0) {
            onCell.accept(clickedCpu(row, col), firstSecond() + col);
        }
    }
}
