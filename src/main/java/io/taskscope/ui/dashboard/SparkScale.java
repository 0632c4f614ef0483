package io.taskscope.ui.dashboard;

/**
 * The sparkline's value axis: from 0 to a round top above the highest sample, in round steps (1, 2, 2.5 or 5 times a
 * power of ten), as many as the chart's height has room for.
 *
 * @param top  the axis' top value
 * @param step between two ticks
 */
record SparkScale(double top, double step) {

    private static final double[] NICE = {1, 2, 2.5, 5, 10};

    /** At most {@code maxTicks} steps (at least 1) from 0 to above {@code max}. */
    static SparkScale of(double max, int maxTicks) {
        int ticks = Math.max(1, maxTicks);
        if (!(max > 1e-9)) { // nothing (or next to nothing) yet: a unit axis
            return new SparkScale(1, 1);
        }
        double raw = max / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * 10;
        for (double n : NICE) {
            if (n * magnitude >= raw) {
                step = n * magnitude;
                break;
            }
        }
        double top = Math.max(1, Math.ceil(max / step - 1e-9)) * step; // 1e-9: rounding must not add a tick
        return new SparkScale(top, step);
    }

    /** The tick values, 0 first. */
    double[] ticks() {
        int n = (int) Math.round(top / step);
        double[] out = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            out[i] = i * step;
        }
        return out;
    }
}
