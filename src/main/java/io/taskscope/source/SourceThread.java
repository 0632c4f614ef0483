package io.taskscope.source;

/**
 * The one thread a source produces on, and its life: started once, asked to stop by a flag its body polls, joined
 * on stop (bounded, so a stuck body cannot hang whoever stops it), awaited at the end of a bounded run. Written
 * once here for the simulator, replay and stream sources.
 */
public final class SourceThread {
    /** How long {@link #stop} waits for the body to see the flag; the thread is a daemon either way. */
    public static final long STOP_JOIN_MILLIS = 5_000;

    private final String name;
    private volatile boolean running;
    private Thread thread;

    public SourceThread(String name) {
        this.name = name;
    }

    /** Starts {@code body} on a daemon thread; {@link #running()} is true until the body returns or stop is asked. */
    public synchronized void start(Runnable body) {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        running = true;
        thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                running = false;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the body should go on: false once stop was asked (or the body has returned). */
    public boolean running() {
        return running;
    }

    /** Asks the body to stop, without waiting (a body blocked in a read needs its input closed next). */
    public void requestStop() {
        running = false;
    }

    /** Asks the body to stop and waits for it (not when called from the body itself). Idempotent. */
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(STOP_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Blocks until the body has returned (by itself, for a bounded run, or after {@link #stop()}). */
    public void awaitEnd() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
    }
}
