package io.taskscope.live;

/** Epoch nanoseconds from the monotonic clock: allocation-free and never going backwards within a run. */
final class WallClock {
    private WallClock() {
    }

    private static final long ANCHOR_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;
    private static final long ANCHOR_MONOTONIC = System.nanoTime();

    static long nowNanos() {
        return ANCHOR_EPOCH_NANOS + (System.nanoTime() - ANCHOR_MONOTONIC);
    }
}
