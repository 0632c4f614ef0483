package io.taskscope.ui.dashboard;

/**
 * The records/s samples the sparkline draws, over the last {@link #WINDOW_NANOS}: only real samples, from the first
 * one on (the line starts where the data start, instead of a run of zeros before them). Bounded ring.
 */
final class RateHistory {

    static final long WINDOW_NANOS = 60_000_000_000L;
    static final int CAPACITY = 1024;

    private final long[] at = new long[CAPACITY];
    private final double[] value = new double[CAPACITY];
    private int first;
    private int size;

    void clear() {
        first = 0;
        size = 0;
    }

    /** Adds a sample taken at {@code nanoTime}; samples older than the window before it go. */
    void add(long nanoTime, double rate) {
        if (size == CAPACITY) {
            drop();
        }
        int i = (first + size) % CAPACITY;
        at[i] = nanoTime;
        value[i] = rate;
        size++;
        while (size > 1 && nanoTime - at(0) > WINDOW_NANOS) {
            drop();
        }
    }

    private void drop() {
        first = (first + 1) % CAPACITY;
        size--;
    }

    int size() {
        return size;
    }

    /** The i-th sample's time, oldest first. */
    long at(int i) {
        return at[(first + i) % CAPACITY];
    }

    double value(int i) {
        return value[(first + i) % CAPACITY];
    }

    double max() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, value(i));
        }
        return max;
    }
}
