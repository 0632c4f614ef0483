package io.taskscope.ui.heatmap;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.Units;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.ui.base.FocusBox;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * CPU × time for the focused listener: one row per CPU of its mask, one column per second over the last minutes,
 * colour = the chosen metric (exits/s, lost/s, or a delay class's mean per event or total). One pixel per cell in a
 * WritableImage written in bulk, drawn scaled without smoothing. Viridis colours (colour-blind safe), linear or log
 * scale, a legend with units, a tooltip with the cell's value and top commands; a click filters the table to that
 * CPU and second.
 */
public final class HeatmapView extends VBox {

    private static final Color[] VIRIDIS = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
            Color.web("#5ec962"), Color.web("#fde725")};
    private static final int[] RAMP = ramp();
    private static final double LEFT = 56;
    private static final double BOTTOM = 22;

    private final ComboBox<Metric> metric = new ComboBox<>();
    private final ToggleButton log = new ToggleButton("Log scale");
    private final Canvas canvas = new Canvas(600, 300);
    private final Canvas legend = new Canvas(260, 34);
    private final Canvas classCanvas = new Canvas(600, 130);
    private static final double CLASS_ROW = 13;
    private static final double CLASS_LEFT = 76;
    private final Tooltip tip = new Tooltip();
    private final BiConsumer<Integer, Long> onCell;
    private ViewSnapshot shown;
    private WritableImage image;
    private int[] pixels = new int[0];
    private double max;
    private boolean dark;

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
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener((obs, o, n) -> redraw());
        canvas.heightProperty().addListener((obs, o, n) -> redraw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        classCanvas.setHeight(CLASS_ROW * io.taskscope.core.DelayClass.values().length + 18);
        classCanvas.widthProperty().bind(holder.widthProperty());
        classCanvas.widthProperty().addListener((obs, o, n) -> drawClasses());
        Label classTitle = new Label("Which waiting dominates where: each CPU's delay split by class (share of its "
                + "total over the window)");
        classTitle.getStyleClass().add("legend");
        Tooltip.install(canvas, tip);
        tip.setShowDelay(javafx.util.Duration.millis(200));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        getChildren().addAll(bar, holder, classTitle, classCanvas);
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

    public void setDark(boolean on) {
        dark = on;
        redraw();
    }

    public void update(ViewSnapshot v) {
        shown = v;
        int w = v.seconds();
        int h = Math.max(1, v.cpus().length);
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
            pixels = new int[w * h];
        }
        max = 0;
        for (double c : v.cells()) {
            if (!Double.isNaN(c)) {
                max = Math.max(max, c);
            }
        }
        redraw();
        drawClasses();
    }

    /** Delay class × CPU: per CPU (column) the share of its summed delay in each class (row). */
    private void drawClasses() {
        GraphicsContext g = classCanvas.getGraphicsContext2D();
        double w = classCanvas.getWidth();
        double h = classCanvas.getHeight();
        g.setFill(dark ? Color.web("#1e1f22") : Color.web("#fbfbfc"));
        g.fillRect(0, 0, w, h);
        if (shown == null || shown.cpus().length == 0) {
            return;
        }
        io.taskscope.core.DelayClass[] classes = io.taskscope.core.DelayClass.values();
        int cols = shown.cpus().length;
        double pw = w - CLASS_LEFT - 8;
        double cw = pw / cols;
        g.setFont(Font.font(10.5));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < classes.length; k++) {
            g.setFill(dark ? Color.web("#9aa0a6") : Color.web("#6b7280"));
            g.fillText(classes[k].kernelPrefix(), CLASS_LEFT - 6, k * CLASS_ROW + CLASS_ROW / 2);
        }
        int empty = dark ? 0xFF2C2E33 : 0xFFE9ECEF;
        for (int col = 0; col < cols; col++) {
            double total = 0;
            for (io.taskscope.core.DelayClass c : classes) {
                total += shown.delay(c, col);
            }
            for (int k = 0; k < classes.length; k++) {
                double share = total <= 0 ? Double.NaN : shown.delay(classes[k], col) / total;
                g.setFill(argb(Double.isNaN(share) || share <= 0 ? empty : RAMP[(int) Math.round(share * 255)]));
                g.fillRect(CLASS_LEFT + col * cw, k * CLASS_ROW, Math.max(1, Math.ceil(cw)), CLASS_ROW - 1);
            }
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setFill(dark ? Color.web("#9aa0a6") : Color.web("#6b7280"));
        int labels = Math.min(cols, Math.max(2, (int) (pw / 60)));
        for (int i = 0; i < labels; i++) {
            int col = labels == 1 ? 0 : (int) Math.round((double) i * (cols - 1) / (labels - 1));
            g.fillText("CPU " + shown.cpus()[col], CLASS_LEFT + (col + 0.5) * cw, classes.length * CLASS_ROW + 3);
        }
    }

    private double scaled(double value) {
        if (Double.isNaN(value) || max <= 0) {
            return Double.NaN;
        }
        return log.isSelected() ? Math.log1p(value) / Math.log1p(max) : value / max;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(dark ? Color.web("#1e1f22") : Color.web("#fbfbfc"));
        g.fillRect(0, 0, w, h);
        drawLegend();
        if (shown == null || shown.cpus().length == 0) {
            g.setFill(Color.GRAY);
            g.fillText(shown == null ? "Waiting for records…" : "This listener has no CPUs.", LEFT + 10, 24);
            return;
        }
        int cols = shown.seconds();
        int rows = shown.cpus().length;
        int empty = dark ? 0xFF2C2E33 : 0xFFE9ECEF;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double t = scaled(shown.cell(r, c));
                pixels[r * cols + c] = Double.isNaN(t) || t <= 0 ? empty : RAMP[(int) Math.round(t * 255)];
            }
        }
        image.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), pixels, 0, cols);
        double pw = w - LEFT - 8;
        double ph = h - BOTTOM - 4;
        g.setImageSmoothing(false);
        g.drawImage(image, LEFT, 2, pw, ph);
        // axes: CPUs on the left, seconds ago at the bottom
        g.setFill(dark ? Color.web("#9aa0a6") : Color.web("#6b7280"));
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        int labels = Math.min(rows, Math.max(2, (int) (ph / 18)));
        for (int i = 0; i < labels; i++) {
            int r = labels == 1 ? 0 : (int) Math.round((double) i * (rows - 1) / (labels - 1));
            g.fillText("CPU " + shown.cpus()[r], LEFT - 6, 2 + (r + 0.5) * ph / rows);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int ago = cols; ago >= 0; ago -= cols >= 120 ? 60 : 10) {
            double x = LEFT + (cols - ago) * pw / cols;
            g.fillText(ago == 0 ? "now" : "-" + ago + " s", Math.min(w - 20, x), h - BOTTOM + 4);
        }
        drawWorstWait(g, pw, ph, cols, rows);
    }

    /** v17: a ring where (row: its task's CPU; column: the moment the kernel stamped) the worst wait ended. */
    private void drawWorstWait(GraphicsContext g, double pw, double ph, int cols, int rows) {
        io.taskscope.session.views.CpuTimeline.WorstWait worst = shown.worstWait();
        if (worst == null) {
            return;
        }
        int row = -1;
        for (int r = 0; r < rows; r++) {
            if (shown.cpus()[r] == worst.cpu()) {
                row = r;
            }
        }
        double firstSecond = shown.latestSecond() - cols + 1;
        double column = worst.atNanos() / 1e9 - firstSecond;
        if (row < 0 || column < 0 || column > cols) {
            return; // it happened before the window (a long-lived task's worst wait)
        }
        double x = LEFT + column * pw / cols;
        double y = 2 + (row + 0.5) * ph / rows;
        double radius = Math.max(5, Math.min(9, ph / rows));
        g.setStroke(dark ? Color.WHITE : Color.BLACK);
        g.setLineWidth(2);
        g.strokeOval(x - radius, y - radius, 2 * radius, 2 * radius);
        g.setFill(dark ? Color.WHITE : Color.BLACK);
        g.setTextAlign(column > cols * 0.7 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("worst " + worst.delayClass().label() + " wait: " + io.taskscope.core.Units.nanos(worst.waitNanos()),
                column > cols * 0.7 ? x - radius - 4 : x + radius + 4, y);
    }

    private void drawLegend() {
        GraphicsContext g = legend.getGraphicsContext2D();
        g.clearRect(0, 0, legend.getWidth(), legend.getHeight());
        for (int x = 0; x < 160; x++) {
            g.setFill(argb(RAMP[x * 255 / 159]));
            g.fillRect(x, 2, 1, 12);
        }
        g.setFill(dark ? Color.web("#d8d8d8") : Color.web("#30343a"));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", 0, 17);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(format(max), 160, 17);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(unit(), 166, 2);
    }

    private String unit() {
        Metric m = metric.getValue();
        return switch (m.kind()) {
            case EXITS -> "exits/s";
            case LOST -> "lost/s";
            case DELAY_MEAN -> "per event";
            case DELAY_TOTAL -> "waited per s";
        };
    }

    private String format(double v) {
        Metric m = metric.getValue();
        return m.isDelay() ? Units.nanos((long) v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static Color argb(int p) {
        return Color.rgb((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
    }

    private static int[] ramp() {
        int[] out = new int[256];
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0 * (VIRIDIS.length - 1);
            int k = Math.min(VIRIDIS.length - 2, (int) t);
            Color c = VIRIDIS[k].interpolate(VIRIDIS[k + 1], t - k);
            out[i] = 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16)
                    | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        }
        return out;
    }

    /** The (row, column) under a point, or null. */
    private int[] cellAt(double x, double y) {
        if (shown == null || shown.cpus().length == 0) {
            return null;
        }
        double pw = canvas.getWidth() - LEFT - 8;
        double ph = canvas.getHeight() - BOTTOM - 4;
        if (x < LEFT || x >= LEFT + pw || y < 2 || y >= 2 + ph) {
            return null;
        }
        int col = (int) ((x - LEFT) / pw * shown.seconds());
        int row = (int) ((y - 2) / ph * shown.cpus().length);
        return new int[]{row, col};
    }

    private long secondOf(int col) {
        return shown.latestSecond() - shown.seconds() + 1 + col;
    }

    private void hover(MouseEvent e) {
        int[] cell = cellAt(e.getX(), e.getY());
        if (cell == null) {
            tip.setText("");
            return;
        }
        int cpu = shown.cpus()[cell[0]];
        long second = secondOf(cell[1]);
        double value = shown.cell(cell[0], cell[1]);
        Map<String, Long> top = shown.table().stream()
                .filter(r -> r != null && r.cpu() == cpu && Math.floorDiv(r.receivedNanos(), 1_000_000_000L) == second)
                .collect(Collectors.groupingBy(ExitRecord::comm, HashMap::new, Collectors.counting()));
        String commands = top.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(3).map(en -> en.getKey() + " ×" + en.getValue()).collect(Collectors.joining(", "));
        tip.setText(String.format(Locale.ROOT, "CPU %d at %tT%n%s: %s%s%s", cpu, second * 1000,
                metric.getValue().label(), Double.isNaN(value) ? "no events" : format(value),
                commands.isEmpty() ? "" : "\ntop commands: " + commands, "\nclick: show these exits in the table"));
    }

    private void click(MouseEvent e) {
        int[] cell = cellAt(e.getX(), e.getY());
        if (cell != null) {
            onCell.accept(shown.cpus()[cell[0]], secondOf(cell[1]));
        }
    }
}
