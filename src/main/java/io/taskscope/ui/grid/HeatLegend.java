package io.taskscope.ui.grid;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.Locale;

/**
 * The grid's heat scale, "0 ▬▬▬ 1.2k exits/s": a bar painted with the cells' own steps, rate growing linearly
 * along it (so its colours bunch up at the left, as the cells' square-root steps do), up to the rate the hottest
 * step stands for now.
 */
public final class HeatLegend extends HBox {

    static final int BAR_WIDTH = 72;
    private static final int BAR_HEIGHT = 10;

    private final Canvas bar = new Canvas(BAR_WIDTH, BAR_HEIGHT);
    private final Label top = new Label();
    /** Made when the pointer first enters, not before the first frame (LazyTooltip says why). */
    private Tooltip tip;
    private String tipText = "";
    private GridTheme theme = GridTheme.LIGHT;

    HeatLegend() {
        super(4);
        getStyleClass().add("heat-legend");
        setAlignment(Pos.CENTER_LEFT);
        setMinWidth(Region.USE_PREF_SIZE);
        top.setId("heat-scale");
        getChildren().addAll(new Label("0"), bar, top);
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            if (tip == null) {
                tip = new Tooltip(tipText);
                Tooltip.install(this, tip);
            }
        });
        paint();
        show(1);
    }

    void setTheme(GridTheme theme) {
        this.theme = theme;
        paint();
    }

    /** Shows the rate of the hottest step; the text changes only when its rounded value does. */
    void show(double scale) {
        String text = rate(scale) + " exits/s";
        if (!text.equals(top.getText())) {
            top.setText(text);
            tipText = "A cell's colour: exits per second on that CPU over about the last second, from 0 to "
                    + text + " (the busiest CPU's rate; the scale follows it down slowly). The steps follow the "
                    + "square root, so a little activity already shows.";
            if (tip != null) {
                tip.setText(tipText);
            }
        }
    }

    /** The text on the bar's right: the scale's rate in two significant digits, 1.2k above a thousand. */
    public String scaleText() {
        return top.getText();
    }

    static String rate(double r) {
        if (r < 10) {
            return String.format(Locale.ROOT, "%.1f", r);
        }
        if (r < 1000) {
            return String.format(Locale.ROOT, "%.0f", twoDigits(r));
        }
        if (r < 1_000_000) {
            return r < 10_000 ? String.format(Locale.ROOT, "%.1fk", twoDigits(r) / 1000)
                    : String.format(Locale.ROOT, "%.0fk", twoDigits(r) / 1000);
        }
        return String.format(Locale.ROOT, "%.1fM", twoDigits(r) / 1_000_000);
    }

    private static double twoDigits(double r) {
        double unit = Math.pow(10, Math.floor(Math.log10(r)) - 1);
        return Math.round(r / unit) * unit;
    }

    /** One column per pixel, each in the step a cell at that rate is drawn in. */
    private void paint() {
        GraphicsContext g = bar.getGraphicsContext2D();
        for (int x = 0; x < BAR_WIDTH; x++) {
            int level = CpuHeat.levelOf(x / (double) (BAR_WIDTH - 1));
            g.setFill(theme.heat(level / (double) (CpuHeat.LEVELS - 1)));
            g.fillRect(x, 0, 1, BAR_HEIGHT);
        }
        g.setStroke(theme.dim());
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, BAR_WIDTH - 1, BAR_HEIGHT - 1);
    }

    /** The bar's colour at {@code x} pixels from its left end, as painted. */
    javafx.scene.paint.Color colourAt(int x) {
        return bar.snapshot(null, null).getPixelReader().getColor(x, BAR_HEIGHT / 2);
    }
}
