package io.taskscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM as an interrupt of the thread that made this: it then finishes cleanly, and the JVM waits for
 * that (up to 30 s) before it exits. Closing it says the finish is done.
 */
final class InterruptOnShutdown implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    InterruptOnShutdown(String name) {
        Thread waiting = Thread.currentThread();
        hook = new Thread(() -> {
            waiting.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException exiting) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what runs
        }
    }
}
