package io.taskscope.session.views;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * A copy of one listener's views at one instant.
 *
 * @param listenerId   the listener, or {@link ExitViews#ALL}
 * @param metric       what {@code cells} hold
 * @param cpus         the heatmap's rows, in order
 * @param latestSecond the epoch second of the last column (Long.MIN_VALUE before any record)
 * @param seconds      columns
 * @param cells        row-major: cells[row * seconds + column], oldest column first (NaN: no events)
 * @param events       for a mean metric, the events behind each cell (same layout), so rows can be combined into
 *                     an event-weighted mean; null for other metrics
 * @param delayByClass per DelayClass ordinal and heatmap row: delay summed over the window, ns
 *                     (delayByClass[class * cpus.length + row])
 * @param table        newest records first; rows outside the span the view asked for are null
 * @param added        records ever added to the table (changes tell a view to refresh)
 * @param delays       per DelayClass ordinal, the distribution of per-task mean delay; null before any record
 * @param leaders      commands with the most delay
 * @param implausible  per DelayClass ordinal, the records whose total of that class cannot be true (kept out of
 *                     {@code delays}, the heat and the leaders unless {@code withImplausible})
 * @param withImplausible whether the user asked for those records to count anyway
 * @param worstWait    for a delay metric: the longest single wait of its class in the window whose moment the
 *                     kernel stamped (v17's X_delay_max_ts), or null
 */
public record ViewSnapshot(int listenerId, Metric metric, int[] cpus, long latestSecond, int seconds, double[] cells,
                           double[] events, double[] delayByClass, TableRows table, long added, Histogram[] delays,
                           List<CommandBoard.Entry> leaders, long[] implausible, boolean withImplausible, CpuTimeline.WorstWait worstWait) {

    public double cell(int row, int column) {
        return cells[row * seconds + column];
    }

    public double delay(io.taskscope.core.DelayClass c, int row) {
        return delayByClass[c.ordinal() * cpus.length + row];
    }
}
