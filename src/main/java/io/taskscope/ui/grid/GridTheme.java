package io.taskscope.ui.grid;

import javafx.scene.paint.Color;

/**
 * The colours of the CPU grid. Listener stripes and outlines take the listeners' own colours; everything else is here.
 * Heat runs from grey to violet, a hue the listener palette (Okabe-Ito: orange, sky blue, green, yellow, blue,
 * vermillion, reddish purple, grey) leaves free, so a busy cell never looks like a listener's stripe.
 *
 * @param background behind the cells
 * @param darkText   a cell's number on light fills
 * @param lightText  a cell's number on dark fills
 * @param dim        row numbers
 * @param offline    the fill of an offline CPU
 * @param hatch      the hatching of a CPU no listener is on
 * @param cold       heat at zero
 * @param warm       heat half way (levels follow the square root, so this is a quarter of the busiest CPU's rate)
 * @param hot        heat of the busiest CPU
 * @param losing     the corner of a CPU that is losing records
 * @param cursor     the keyboard cursor's dashed frame
 */
public record GridTheme(Color background, Color darkText, Color lightText, Color dim, Color offline, Color hatch,
                        Color cold, Color warm, Color hot, Color losing, Color cursor) {

    /** Near white to lavender. */
    public static final GridTheme LIGHT = new GridTheme(Color.web("#fbfbfc"), Color.web("#30343a"),
            Color.web("#f2f2f2"), Color.web("#8a9096"), Color.web("#e6e6e6"), Color.web("#c3c7cc"),
            Color.web("#f2f1f6"), Color.web("#dcd3f0"), Color.web("#a996de"), Color.web("#d62728"), Color.BLACK);

    /** Charcoal to violet. */
    public static final GridTheme DARK = new GridTheme(Color.web("#1e1f22"), Color.web("#1e1f22"),
            Color.web("#f4f4f4"), Color.web("#8b8f96"), Color.web("#2b2b2b"), Color.web("#4b4e55"),
            Color.web("#2b2c31"), Color.web("#453467"), Color.web("#7458c2"), Color.web("#d62728"), Color.WHITE);

    public static GridTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    /** The fill for heat {@code t} in 0..1: cold to warm over the first half, warm to hot over the second. */
    public Color heat(double t) {
        return t < 0.5 ? cold.interpolate(warm, t * 2) : warm.interpolate(hot, (t - 0.5) * 2);
    }

    /** The number colour that stands out most on {@code fill}: {@link #darkText} or {@link #lightText}. */
    public Color textOn(Color fill) {
        return contrast(darkText, fill) >= contrast(lightText, fill) ? darkText : lightText;
    }

    /** The WCAG contrast ratio of two colours, 1 (none) to 21. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
