package io.taskscope.live;

/**
 * How many datagrams a paced listener may read now: a token bucket filled at {@code perSecond}, holding at most a
 * tenth of a second's worth (at least one), so a slow consumer is reproduced without the reader ever sleeping for it.
 */
final class Pace {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = Long.MIN_VALUE;

    Pace(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, perSecond / 10.0);
    }

    /** Datagrams that may be read at {@code now} (nanoTime). */
    int allowed(long now) {
        if (last == Long.MIN_VALUE) {
            last = now;
            tokens = burst;
        }
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        return (int) tokens;
    }

    /** {@code n} were read. */
    void took(int n) {
        tokens = Math.max(0, tokens - n);
    }

    /** Milliseconds until one more may be read (at least 1). */
    int millisToNext() {
        double missing = 1 - tokens;
        return missing <= 0 ? 0 : (int) Math.max(1, Math.ceil(missing / perNano / 1e6));
    }
}
