package io.taskscope.ui.heatmap;

/** Maps a cell's value to 0..1 of the colour ramp: linear, or log (log1p, so 0 stays 0) up to the window's highest. */
record HeatScale(double max, boolean log) {

    static HeatScale over(double[] values, boolean log) {
        double max = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        return new HeatScale(max, log);
    }

    /** NaN for no value. */
    double t(double value) {
        if (Double.isNaN(value) || max <= 0) {
            return Double.NaN;
        }
        return log ? Math.log1p(value) / Math.log1p(max) : value / max;
    }
}
