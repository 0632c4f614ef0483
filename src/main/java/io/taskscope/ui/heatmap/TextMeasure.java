package io.taskscope.ui.heatmap;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.Map;

/** Widths of label texts in one font, as a canvas draws them (cached: the same labels come every frame). */
final class TextMeasure {

    private static final int MAX_CACHED = 4096;
    private final Font font;
    private final Text probe = new Text();
    private final Map<String, Double> widths = new HashMap<>();
    private final double lineHeight;

    TextMeasure(Font font) {
        this.font = font;
        probe.setFont(font);
        // the glyphs' height with a little leading (a Text's layout bounds add more: labels a row apart would be skipped)
        lineHeight = Math.ceil(font.getSize() * 1.2);
    }

    Font font() {
        return font;
    }

    double width(String text) {
        if (widths.size() > MAX_CACHED) {
            widths.clear();
        }
        return widths.computeIfAbsent(text, t -> {
            probe.setText(t);
            return Math.ceil(probe.getLayoutBounds().getWidth());
        });
    }

    double lineHeight() {
        return lineHeight;
    }
}
