package io.taskscope.ui.dashboard;

import javafx.scene.paint.Color;

/**
 * The dashboard's colours, light or dark as the window is (TilesFX's own default is dark whatever the app's theme).
 *
 * @param background a tile's face
 * @param border     a tile's edge (the light face needs one against the window's light grey)
 * @param title      tile titles
 * @param text       ordinary text: names, table cells
 * @param value      the big numbers
 * @param muted      headers, axis labels
 * @param track      behind a bar, and the sparkline's grid lines
 * @param line       the sparkline
 */
public record TilesTheme(Color background, Color border, Color title, Color text, Color value, Color muted,
                         Color track, Color line) {

    public static final TilesTheme LIGHT = new TilesTheme(Color.web("#ffffff"), Color.web("#d5d9de"),
            Color.web("#4b5563"), Color.web("#30343a"), Color.web("#1f2933"), Color.web("#6b7280"),
            Color.web("#e6e9ed"), Color.web("#0072b2"));

    public static final TilesTheme DARK = new TilesTheme(Color.web("#2b2d31"), Color.web("#3a3d42"),
            Color.web("#c3c7cc"), Color.web("#d8d8d8"), Color.web("#f0f0f0"), Color.web("#9aa0a6"),
            Color.web("#3d4046"), Color.web("#4ea1d3"));

    public static TilesTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }
}
