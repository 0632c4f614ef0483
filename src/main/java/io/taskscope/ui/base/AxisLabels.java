package io.taskscope.ui.base;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Labels along one axis of a chart that never overlap. Each candidate is a text centred on a position and as long
 * along the axis as it measures; it is nudged inside the axis, and kept only if it keeps a gap to every label kept
 * before it. Candidates come most important first, so an edge label ("now") is never the one dropped. Plain maths:
 * the caller measures the text (a JavaFX {@code Text}'s width, or a line height for a vertical axis).
 */
public final class AxisLabels {

    private AxisLabels() {
    }

    /** A text to place, centred on {@code center} (pixels along the axis). */
    public record Candidate(String text, double center) {
    }

    /** A placed label: its text, the position it was meant for, and the extent it takes ({@code start < end}). */
    public record Placed(String text, double center, double start, double end) {
    }

    /**
     * The candidates that fit in {@code [min, max]} without coming closer than {@code gap} to one another, in axis
     * order. {@code extent} gives a text's length along the axis.
     */
    public static List<Placed> place(List<Candidate> candidates, ToDoubleFunction<String> extent, double min, double max,
                                     double gap) {
        List<Placed> kept = new ArrayList<>();
        for (Candidate c : candidates) {
            double size = extent.applyAsDouble(c.text());
            if (!(size <= max - min) || Double.isNaN(c.center())) {
                continue; // wider than the whole axis
            }
            double start = Math.max(min, Math.min(max - size, c.center() - size / 2));
            double end = start + size;
            if (kept.stream().allMatch(k -> end + gap <= k.start() || start >= k.end() + gap)) {
                kept.add(new Placed(c.text(), c.center(), start, end));
            }
        }
        kept.sort(Comparator.comparingDouble(Placed::start));
        return kept;
    }

    /**
     * The smallest step of {@code ladder} (then its last rung doubled, as often as needed) for which {@code step}
     * slots of {@code slot} pixels hold {@code needed} pixels: label every step-th slot and they are evenly spaced.
     */
    public static int step(double slot, double needed, int... ladder) {
        for (int rung : ladder) {
            if (rung * slot >= needed) {
                return rung;
            }
        }
        long step = ladder.length == 0 ? 1 : ladder[ladder.length - 1];
        while (step * slot < needed && step < Integer.MAX_VALUE / 2) {
            step *= 2;
        }
        return (int) step;
    }
}
