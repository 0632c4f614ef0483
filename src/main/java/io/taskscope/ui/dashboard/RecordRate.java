package io.taskscope.ui.dashboard;

/**
 * Records per second from cumulative counts seen a few times a second. There is no rate before two samples of the
 * same source and focus: a new source (its counts start again) or a new focus starts over, and the first sample
 * after gives NaN, never a made-up 0.
 */
final class RecordRate {

    private long generation = Long.MIN_VALUE;
    private long delivered = -1;
    private long nanos;

    /** Forgets the previous sample (the focus changed: the counts are another listener's). */
    void reset() {
        delivered = -1;
    }

    /**
     * @param generation the session's source generation (counts restart when it changes)
     * @param delivered  records delivered so far
     * @param nanoTime   when they were counted (System.nanoTime())
     * @return records/s since the previous sample, or NaN when there is none to compare with
     */
    double next(long generation, long delivered, long nanoTime) {
        boolean comparable = this.delivered >= 0 && generation == this.generation && delivered >= this.delivered
                && nanoTime > nanos;
        double rate = comparable ? (delivered - this.delivered) / ((nanoTime - nanos) / 1e9) : Double.NaN;
        this.generation = generation;
        this.delivered = delivered;
        this.nanos = nanoTime;
        return rate;
    }
}
