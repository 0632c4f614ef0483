package io.taskscope.ui.heatmap;

import javafx.scene.paint.Color;

/** The viridis ramp (perceptually even, colour-blind safe) as 256 ARGB ints. */
final class Viridis {

    private static final Color[] STOPS = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
            Color.web("#5ec962"), Color.web("#fde725")};
    private static final int[] RAMP = ramp();

    private Viridis() {
    }

    /** The colour for {@code t} in 0..1; {@code empty} for NaN or nothing. */
    static int argb(double t, int empty) {
        return Double.isNaN(t) || t <= 0 ? empty : RAMP[(int) Math.round(Math.min(1, t) * 255)];
    }

    static Color color(double t) {
        return fx(RAMP[(int) Math.round(Math.max(0, Math.min(1, t)) * 255)]);
    }

    static Color fx(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }

    private static int[] ramp() {
        int[] out = new int[256];
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0 * (STOPS.length - 1);
            int k = Math.min(STOPS.length - 2, (int) t);
            Color c = STOPS[k].interpolate(STOPS[k + 1], t - k);
            out[i] = 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16)
                    | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        }
        return out;
    }
}
