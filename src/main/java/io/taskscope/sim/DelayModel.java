package io.taskscope.sim;

/**
 * How one kind of task meets one delay class: events per second of its lifetime (at full pressure for
 * pressure-driven classes) and a heavy-tailed (log-normal) delay per event.
 */
record DelayModel(double eventsPerSecond, QuantileTable perEventNanos, boolean pressureDriven) {

    static final DelayModel NONE = new DelayModel(0, null, false);

    static DelayModel of(double eventsPerSecond, double medianNanos, double sigma) {
        return new DelayModel(eventsPerSecond, QuantileTable.logNormal(medianNanos, sigma), false);
    }

    /** Grows with the profile's memory pressure (0 at rest, 1 at its peak). */
    static DelayModel underPressure(double eventsPerSecond, double medianNanos, double sigma) {
        return new DelayModel(eventsPerSecond, QuantileTable.logNormal(medianNanos, sigma), true);
    }

    boolean none() {
        return eventsPerSecond <= 0;
    }
}
