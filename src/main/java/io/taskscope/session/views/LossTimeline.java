package io.taskscope.session.views;

/** Records one listener lost, per CPU and second, over the same window as a {@link CpuTimeline}. */
public final class LossTimeline {

    private final int cpus;
    private final int seconds;
    private final int[] lost;
    private final long[] columnSecond;

    public LossTimeline(int cpus, int seconds) {
        this.cpus = cpus;
        this.seconds = seconds;
        lost = new int[cpus * seconds];
        columnSecond = new long[seconds];
        java.util.Arrays.fill(columnSecond, Long.MIN_VALUE);
    }

    public void add(int cpu, long epochNanos, long records) {
        if (cpu < 0 || cpu >= cpus) {
            return;
        }
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        int col = (int) Math.floorMod(second, seconds);
        if (columnSecond[col] != second) {
            if (columnSecond[col] > second) {
                return; // older than the window
            }
            columnSecond[col] = second;
            java.util.Arrays.fill(lost, col * cpus, col * cpus + cpus, 0);
        }
        lost[col * cpus + cpu] += (int) records;
    }

    public double value(int cpu, long second) {
        int col = (int) Math.floorMod(second, seconds);
        return columnSecond[col] == second && cpu >= 0 && cpu < cpus ? lost[col * cpus + cpu] : 0;
    }
}
