package io.taskscope.ui.base;

import javafx.scene.paint.Color;

/** Colours from the core's 0xRRGGBB. */
public final class Palette {
    private Palette() {
    }

    public static Color fx(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    public static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    public static String css(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
