package io.taskscope.ui;

import javafx.scene.paint.Color;

/** Colours from the core's 0xRRGGBB. */
final class Palette {
    private Palette() {
    }

    static Color fx(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    static String css(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
