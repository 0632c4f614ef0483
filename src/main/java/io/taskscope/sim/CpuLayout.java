package io.taskscope.sim;

/**
 * How a profile spreads exits over CPUs: NUMA-like nodes with their own load, some idle CPUs, some hot ones, and
 * per-CPU jitter. Weights are drawn from the seed, so a seed fixes the machine's shape.
 *
 * @param idleFraction share of CPUs that are nearly idle (weight 0.03)
 * @param hotFraction  share of CPUs that are hot
 * @param hotWeight    how much busier a hot CPU is
 * @param jitter       per-CPU spread around 1 (0.2 = +-20%)
 * @param groups       groups of consecutive CPUs (NUMA nodes, tenants), each with its own load
 */
record CpuLayout(double idleFraction, double hotFraction, double hotWeight, double jitter, int groups) {

    CpuLayout(double idleFraction, double hotFraction, double hotWeight, double jitter) {
        this(idleFraction, hotFraction, hotWeight, jitter, 4);
    }

    static final double IDLE_WEIGHT = 0.03;

    /** The relative exit rate of each CPU (they need not sum to 1). */
    double[] weights(int cpus, SimRandom random) {
        double[] w = new double[cpus];
        int groupCount = Math.max(1, Math.min(groups, cpus / 4));
        double[] groupLoad = new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            // spread group loads over 0.5..1.5 (tenants and nodes are not equally busy); none when jitter is tiny
            groupLoad[g] = 1 + (random.nextDouble() - 0.5) * Math.min(1, jitter * 4);
        }
        for (int cpu = 0; cpu < cpus; cpu++) {
            int group = (int) ((long) cpu * groupCount / cpus);
            w[cpu] = groupLoad[group] * (1 + (random.nextDouble() * 2 - 1) * jitter);
        }
        // Hot and idle CPUs are picked by the seed, not by position.
        int[] order = shuffled(cpus, random);
        int hot = (int) Math.round(cpus * hotFraction);
        int idle = (int) Math.round(cpus * idleFraction);
        for (int i = 0; i < cpus; i++) {
            if (i < hot) {
                w[order[i]] *= hotWeight;
            } else if (i < hot + idle && hot + idle < cpus) {
                w[order[i]] = IDLE_WEIGHT;
            }
        }
        return w;
    }

    private static int[] shuffled(int n, SimRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
