package io.taskscope.ui.dashboard;

import java.util.List;

/**
 * How big the dashboard's tiles are: the largest unit (a plain tile's side, between {@link #MIN_UNIT} and
 * {@link #MAX_UNIT}) at which they all fit the space shown, laid out as a FlowPane lays them (left to right, wrapping).
 * Only when even the smallest tiles do not fit does the dashboard scroll. Height left over below the rows makes the
 * tiles taller, up to {@link #MAX_STRETCH} times their width-derived height.
 *
 * @param unit    the width of a one-unit tile, px
 * @param tall    the height of a one-unit tile, px ({@code unit} or more)
 * @param fits    whether every tile is in view at that size
 */
record TileLayout(double unit, double tall, boolean fits) {

    static final double MIN_UNIT = 130;
    static final double MAX_UNIT = 260;
    static final double GAP = 8;
    static final double MAX_STRETCH = 1.4;

    /** A tile's size in units. */
    record Span(double width, double height) {
        double widthAt(double unit) {
            return Math.floor(width * unit);
        }

        double heightAt(double tall) {
            return Math.floor(height * tall);
        }
    }

    static TileLayout fit(List<Span> tiles, double width, double height) {
        for (double unit = MAX_UNIT; unit >= MIN_UNIT; unit--) {
            if (fitsIn(tiles, unit, width, height)) {
                return new TileLayout(unit, stretched(tiles, unit, width, height), true);
            }
        }
        return new TileLayout(MIN_UNIT, MIN_UNIT, false);
    }

    private static boolean fitsIn(List<Span> tiles, double unit, double width, double height) {
        return tiles.stream().allMatch(t -> t.widthAt(unit) <= width) && heightOf(tiles, unit, unit, width) <= height;
    }

    /** The tallest one-unit height (at most MAX_STRETCH × unit) at which the rows still fit {@code height}. */
    private static double stretched(List<Span> tiles, double unit, double width, double height) {
        double tall = Math.floor(unit * MAX_STRETCH);
        while (tall > unit && heightOf(tiles, unit, tall, width) > height) {
            tall--;
        }
        return tall;
    }

    /**
     * The height of the tiles, {@code unit} wide and {@code tall} high per unit, in rows wrapped at {@code width} as
     * a FlowPane with {@link #GAP} wraps them.
     */
    static double heightOf(List<Span> tiles, double unit, double tall, double width) {
        double total = 0;
        double rowWidth = -1;
        double rowHeight = 0;
        for (Span t : tiles) {
            double w = t.widthAt(unit);
            if (rowWidth >= 0 && rowWidth + GAP + w > width) { // wraps
                total += rowHeight + GAP;
                rowWidth = -1;
                rowHeight = 0;
            }
            rowWidth = rowWidth < 0 ? w : rowWidth + GAP + w;
            rowHeight = Math.max(rowHeight, t.heightAt(tall));
        }
        return total + rowHeight;
    }
}
