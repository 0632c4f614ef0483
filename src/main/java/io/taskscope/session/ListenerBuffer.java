package io.taskscope.session;

/**
 * A virtual listener's netlink receive queue and the reader that empties it, as the kernel runs them, in
 * simulated time. {@code netlink_attachskb()} queues a message when the queue is empty or the message's truesize
 * still fits under sk_rcvbuf, and the socket is not congested; otherwise it drops it and, once per episode,
 * {@code netlink_overrun()} marks the socket congested and reports ENOBUFS. The congestion clears only when the
 * reader has emptied the queue ({@code netlink_rcv_wake()}), so an overflow drops everything until then.
 * The reader takes {@code drainPerSecond} messages a second while there are any.
 */
public final class ListenerBuffer {

    /** net.core.rmem_default: what a socket gets without SO_RCVBUF. */
    public static final int DEFAULT_BYTES = 212_992;
    /** What a reader such as Taskscope's own collector keeps up with (it spends about 6.5 µs per record). */
    public static final double DEFAULT_DRAIN_PER_SECOND = 100_000;

    /** Buffer size and drain rate of one virtual listener; an infinite rate reads each message as it comes. */
    public record Settings(int bytes, double drainPerSecond) {
        public Settings {
            if (bytes < 1 || !(drainPerSecond > 0)) {
                throw new IllegalArgumentException("buffer bytes must be >= 1 and drain rate > 0");
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_BYTES, DEFAULT_DRAIN_PER_SECOND);
        }
    }

    /**
     * The memory a queued message costs (skb->truesize): the data rounded up to its kmalloc size class plus the
     * sk_buff. 1280 bytes for a 596-byte exit message, so 212 992 bytes hold 166 of them, as measured on 6.18.
     */
    public static int truesize(int datagramBytes) {
        return Integer.highestOneBit(datagramBytes + 320 - 1) * 2 + 256;
    }

    /** What {@link #offer} did with a message. */
    public enum Outcome { QUEUED, DROPPED, DROPPED_NEW_EPISODE }

    private final Settings settings;
    private final double drainPerNano;
    private final int[] ring;
    private int head;
    private int count;
    private long queuedBytes;
    private boolean congested;
    private double credit;
    private long lastNanos = Long.MIN_VALUE;

    private long sent;
    private long dropped;
    private long received;
    private long episodes;

    public ListenerBuffer(Settings settings) {
        this.settings = settings;
        this.drainPerNano = settings.drainPerSecond() * 1e-9;
        // a power of two, so positions wrap with a mask; at most as many messages as the smallest could fill
        this.ring = new int[Integer.highestOneBit(settings.bytes() / truesize(16) + 2) * 2];
    }

    public Settings settings() {
        return settings;
    }

    /** A message of {@code truesize} bytes sent to this listener at {@code nanos}. */
    public Outcome offer(long nanos, int truesize) {
        drainUntil(nanos);
        sent++;
        if (!congested && (count == 0 || queuedBytes + truesize <= settings.bytes()) && count < ring.length) {
            ring[(head + count++) & (ring.length - 1)] = truesize;
            queuedBytes += truesize;
            return Outcome.QUEUED;
        }
        dropped++;
        if (!congested) {
            congested = true;
            episodes++;
            return Outcome.DROPPED_NEW_EPISODE;
        }
        return Outcome.DROPPED;
    }

    /** Lets the reader take what it can by {@code nanos}. */
    public void drainUntil(long nanos) {
        if (Double.isInfinite(drainPerNano)) { // "max": a reader that takes each message as it comes
            drainAll();
            return;
        }
        if (lastNanos == Long.MIN_VALUE || nanos < lastNanos) {
            lastNanos = nanos;
            return;
        }
        credit += (nanos - lastNanos) * drainPerNano;
        lastNanos = nanos;
        while (credit >= 1 && count > 0) {
            take();
            credit -= 1;
        }
        if (count == 0) {
            credit = Math.min(credit, 1); // an idle reader waits; it cannot read ahead
            congested = false;
        }
    }

    /** The reader takes everything still queued (the end of a run). */
    public void drainAll() {
        while (count > 0) {
            take();
        }
        congested = false;
    }

    private void take() {
        queuedBytes -= ring[head];
        head = (head + 1) & (ring.length - 1);
        count--;
        received++;
    }

    /** Messages the kernel tried to queue. */
    public long sent() {
        return sent;
    }

    public long dropped() {
        return dropped;
    }

    /** Messages the reader has taken. */
    public long received() {
        return received;
    }

    public int queued() {
        return count;
    }

    public long queuedBytes() {
        return queuedBytes;
    }

    /** ENOBUFS episodes. */
    public long episodes() {
        return episodes;
    }
}
