package io.taskscope.ui.heatmap;

import javafx.scene.paint.Color;

/**
 * The heatmap's colours besides the viridis ramp.
 *
 * @param background behind the charts
 * @param empty      a cell without events (ARGB), told apart from the ramp's darkest colour
 * @param axis       axis labels
 * @param legend     the legend's numbers and unit
 * @param mark       the ring and text of the worst wait
 */
public record HeatmapTheme(Color background, int empty, Color axis, Color legend, Color mark) {

    public static final HeatmapTheme LIGHT = new HeatmapTheme(Color.web("#fbfbfc"), 0xFFE9ECEF, Color.web("#6b7280"),
            Color.web("#30343a"), Color.BLACK);

    public static final HeatmapTheme DARK = new HeatmapTheme(Color.web("#1e1f22"), 0xFF2C2E33, Color.web("#9aa0a6"),
            Color.web("#d8d8d8"), Color.WHITE);

    public static HeatmapTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }
}
