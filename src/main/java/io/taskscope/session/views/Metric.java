package io.taskscope.session.views;

import io.taskscope.core.DelayClass;

import java.util.ArrayList;
import java.util.List;

/** What a heatmap cell shows. */
public record Metric(Kind kind, DelayClass delayClass) {

    public enum Kind {
        /** Exits per second. */
        EXITS("exits/s"),
        /** Records lost per second (by this listener, or before routing). */
        LOST("lost/s"),
        /** Mean delay per event of one class, in ns. */
        DELAY_MEAN("mean delay"),
        /** Summed delay of one class, in ns per second. */
        DELAY_TOTAL("delay total");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final Metric EXITS = new Metric(Kind.EXITS, null);
    public static final Metric LOST = new Metric(Kind.LOST, null);

    public static Metric mean(DelayClass c) {
        return new Metric(Kind.DELAY_MEAN, c);
    }

    public static Metric total(DelayClass c) {
        return new Metric(Kind.DELAY_TOTAL, c);
    }

    /** Every metric, in menu order. */
    public static List<Metric> all() {
        List<Metric> out = new ArrayList<>(List.of(EXITS, LOST));
        for (DelayClass c : DelayClass.values()) {
            out.add(mean(c));
        }
        for (DelayClass c : DelayClass.values()) {
            out.add(total(c));
        }
        return out;
    }

    public boolean isDelay() {
        return delayClass != null;
    }

    public String label() {
        return delayClass == null ? kind.label() : delayClass.label() + " " + kind.label();
    }

    @Override
    public String toString() {
        return label();
    }
}
