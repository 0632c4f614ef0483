package io.taskscope.sim;

/** Walker's alias method: draws an index with probability proportional to its weight in O(1). */
final class AliasTable {

    private final double[] probability;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        probability = new double[n];
        alias = new int[n];
        double sum = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException("weights must be >= 0");
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one weight must be > 0");
        }
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int s = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[s++] = i;
            } else {
                large[l++] = i;
            }
        }
        while (s > 0 && l > 0) {
            int less = small[--s];
            int more = large[--l];
            probability[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            if (scaled[more] < 1) {
                small[s++] = more;
            } else {
                large[l++] = more;
            }
        }
        while (l > 0) {
            probability[large[--l]] = 1;
        }
        while (s > 0) {
            probability[small[--s]] = 1; // rounding leftovers
        }
    }

    int sample(SimRandom random) {
        int i = random.nextInt(probability.length);
        return random.nextDouble() < probability[i] ? i : alias[i];
    }

    int size() {
        return probability.length;
    }
}
