package io.taskscope.ui.grid;

/**
 * What the grid shows of each CPU's activity, fed with the session's cumulative per-CPU counts: exits per second
 * smoothed with a ~1 s time constant ("heat"), the scale it is shown against, and a loss mark that stays for
 * {@link #LOSS_MARK_NANOS} after a CPU last lost records. Plain Java, so it is tested without a toolkit.
 */
public final class CpuHeat {

    /**
     * Heat is shown in this many steps: a busy machine at a steady rate then changes few cells from one frame to the
     * next, and only those are drawn again (a full redraw of 256 cells took 14 ms at 20 Hz on the software renderer).
     */
    public static final int LEVELS = 48;
    /** How long a CPU stays marked after it last lost records: long enough to be seen at a glance. */
    public static final long LOSS_MARK_NANOS = 2_000_000_000L;

    private final double[] heat;
    private final long[] lastExits;
    private final long[] lastLost;
    private final long[] lostUntil;
    private double heatMax = 1;
    private long nowNanos;

    public CpuHeat(int cpus) {
        heat = new double[cpus];
        lastExits = new long[cpus];
        lastLost = new long[cpus];
        lostUntil = new long[cpus];
    }

    public int cpus() {
        return heat.length;
    }

    /**
     * Takes the cumulative counts of a snapshot {@code seconds} after the previous one. Counts of another machine
     * (a different CPU count) are ignored: they belong to a source being switched away from.
     *
     * @return whether the counts were taken
     */
    public boolean update(long[] exits, long[] lost, double seconds, long nowNanos) {
        if (exits.length != heat.length) {
            return false;
        }
        double decay = Math.exp(-seconds);
        double max = 1e-9;
        for (int cpu = 0; cpu < heat.length; cpu++) {
            long delta = Math.max(0, exits[cpu] - lastExits[cpu]);
            heat[cpu] = heat[cpu] * decay + delta * (1 - decay) / Math.max(seconds, 1e-3);
            max = Math.max(max, heat[cpu]);
            if (lost[cpu] > lastLost[cpu]) {
                lostUntil[cpu] = nowNanos + LOSS_MARK_NANOS;
            }
            lastExits[cpu] = exits[cpu];
            lastLost[cpu] = lost[cpu];
        }
        heatMax = Math.max(max, heatMax * 0.98); // the scale follows the busiest CPU, slowly downwards
        this.nowNanos = nowNanos;
        return true;
    }

    /** Exits per second on a CPU, smoothed; 0 for a CPU this machine does not have. */
    public double rate(int cpu) {
        return cpu >= 0 && cpu < heat.length ? heat[cpu] : 0;
    }

    /** The step, 0 .. {@link #LEVELS}-1, a CPU's heat is shown at: see {@link #levelOf}. */
    public int level(int cpu) {
        return levelOf(heat[cpu] / heatMax);
    }

    /** The step for a rate that is {@code share} of the scale: by square root, so low activity still shows. */
    public static int levelOf(double share) {
        return (int) Math.round(Math.sqrt(Math.max(0, Math.min(1, share))) * (LEVELS - 1));
    }

    /** The rate, exits per second, the hottest step stands for: the busiest CPU's, following it down slowly. */
    public double scale() {
        return heatMax;
    }

    /** Whether a CPU lost records within {@link #LOSS_MARK_NANOS} of the latest counts. */
    public boolean isLosing(int cpu) {
        return nowNanos < lostUntil[cpu];
    }

    /** Records lost on a CPU so far (as last counted); 0 for a CPU this machine does not have. */
    public long lost(int cpu) {
        return cpu >= 0 && cpu < lastLost.length ? lastLost[cpu] : 0;
    }
}
