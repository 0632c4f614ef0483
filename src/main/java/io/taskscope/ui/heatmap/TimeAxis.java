package io.taskscope.ui.heatmap;

import io.taskscope.ui.base.AxisLabels;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The labels under the strip. A running source (live, simulator) is watched as it happens: "-30 s … now", seconds
 * before its newest record. A replay is the past: its labels are the recording's clock ("12:03:10"), in the zone the
 * tooltip's times use, at round seconds. Ticks are as far apart as the widest label needs, and never overlap.
 */
public final class TimeAxis {

    static final double GAP = 12;
    private static final int[] AGO_STEPS = {5, 10, 15, 30, 60, 120, 300};
    private static final int[] CLOCK_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private TimeAxis() {
    }

    /**
     * The tick labels for the strip laid out by {@code layout}, whose last column is {@code latestSecond} (epoch
     * seconds): each label's extent along x.
     *
     * @param recordingTime label with the recording's clock (a replay) instead of seconds before now
     */
    public static List<AxisLabels.Placed> ticks(StripLayout layout, long latestSecond, boolean recordingTime, ZoneId zone,
                                                ToDoubleFunction<String> textWidth) {
        int seconds = layout.seconds();
        double perSecond = layout.columnWidth();
        List<AxisLabels.Candidate> candidates = new ArrayList<>();
        if (recordingTime) {
            DateTimeFormatter clock = CLOCK.withZone(zone);
            double needed = 2 * textWidth.applyAsDouble("00:00:00"); // a clock reads better with room around it
            int step = AxisLabels.step(perSecond, needed, CLOCK_STEPS);
            long first = latestSecond - seconds + 1; // the plot's left edge is the start of this second
            long tick = Math.floorDiv(latestSecond + 1, step) * step; // newest first: it matters most
            for (; tick >= first; tick -= step) {
                candidates.add(new AxisLabels.Candidate(clock.format(Instant.ofEpochSecond(tick)),
                        layout.columnX(tick - first)));
            }
        } else {
            double needed = textWidth.applyAsDouble("-" + seconds + " s") + GAP;
            int step = AxisLabels.step(perSecond, needed, AGO_STEPS);
            for (int ago = 0; ago <= seconds; ago += step) {
                candidates.add(new AxisLabels.Candidate(ago == 0 ? "now" : "-" + ago + " s",
                        layout.columnX(seconds - ago)));
            }
        }
        return AxisLabels.place(candidates, textWidth, 0, layout.width(), GAP / 2);
    }
}
