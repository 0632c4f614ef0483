package io.taskscope.sim;

/**
 * A distribution sampled through a table of its quantiles: one random index, one lookup, one interpolation. Cheap
 * enough for millions of draws a second, and the tail is kept up to the 1 - 1/(2n) quantile. Tables are small
 * floats (4 KiB) so that a profile's dozen of them stay in cache: random lookups into larger ones were the
 * simulator's main cost.
 */
final class QuantileTable {

    private static final int SIZE = 1024;
    private final float[] quantiles = new float[SIZE + 1];

    private QuantileTable(java.util.function.DoubleUnaryOperator inverseCdf) {
        for (int i = 0; i <= SIZE; i++) {
            double p = (i + 0.5) / (SIZE + 1);
            quantiles[i] = (float) inverseCdf.applyAsDouble(p);
        }
    }

    /** Log-normal with the given median and shape sigma (heavy right tail for sigma around 1). */
    static QuantileTable logNormal(double median, double sigma) {
        return new QuantileTable(p -> median * Math.exp(sigma * standardNormalQuantile(p)));
    }

    /** Exponential with mean 1 (scale it for inter-arrival times). */
    static QuantileTable exponential() {
        return new QuantileTable(p -> -Math.log1p(-p));
    }

    double sample(SimRandom random) {
        long bits = random.nextLong();
        int i = (int) (bits >>> 54); // 10 bits: 0..1023
        double frac = (bits & 0xFFFF_FFFFL) * 0x1.0p-32;
        return quantiles[i] + (quantiles[i + 1] - quantiles[i]) * frac;
    }

    double median() {
        return quantiles[SIZE / 2];
    }

    /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
    static double standardNormalQuantile(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
