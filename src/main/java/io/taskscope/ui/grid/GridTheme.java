package io.taskscope.ui.grid;

import javafx.scene.paint.Color;

/**
 * The colours of the CPU grid. Listener stripes and outlines take the listeners' own colours; everything else is here.
 *
 * @param background behind the cells
 * @param text       a cell's number when some listener is on it
 * @param dim        row numbers, and cell numbers where nobody listens or the CPU is offline
 * @param offline    the fill of an offline CPU
 * @param hatch      the hatching of a CPU no listener is on
 * @param cold       heat at zero
 * @param warm       heat half way (levels follow the square root, so this is a quarter of the busiest CPU's rate)
 * @param hot        heat of the busiest CPU
 * @param losing     the corner of a CPU that is losing records
 * @param cursor     the keyboard cursor's dashed frame
 */
public record GridTheme(Color background, Color text, Color dim, Color offline, Color hatch, Color cold, Color warm,
                        Color hot, Color losing, Color cursor) {

    /** Sequential light to deep orange. */
    public static final GridTheme LIGHT = new GridTheme(Color.web("#fbfbfc"), Color.web("#30343a"),
            Color.web("#9aa0a6"), Color.web("#e6e6e6"), Color.web("#c3c7cc"), Color.web("#f1f3f5"),
            Color.web("#fde3c3"), Color.web("#f6a55b"), Color.web("#d62728"), Color.BLACK);

    /** Charcoal to amber. */
    public static final GridTheme DARK = new GridTheme(Color.web("#1e1f22"), Color.web("#d8d8d8"),
            Color.web("#7a7d82"), Color.web("#2b2b2b"), Color.web("#55585e"), Color.web("#2c2e33"),
            Color.web("#6b4a1e"), Color.web("#b8741e"), Color.web("#d62728"), Color.WHITE);

    public static GridTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    /** The fill for heat {@code t} in 0..1: cold to warm over the first half, warm to hot over the second. */
    public Color heat(double t) {
        return t < 0.5 ? cold.interpolate(warm, t * 2) : warm.interpolate(hot, (t - 0.5) * 2);
    }
}
