package io.taskscope.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting in tests for something to happen, instead of sleeping for a time that is hoped to be long enough. The
 * timeout is a safety net against a hang, never a bound a test asserts: it is long enough that only a broken
 * behaviour reaches it, however loaded the machine.
 */
public final class Await {
    private Await() {
    }

    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 5;

    /** A condition that may throw (it may run a process or read a file to find out). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Returns once {@code condition} holds; fails, saying what was awaited, if it does not within {@link #PATIENCE}. */
    public static void until(String what, Condition condition) throws Exception {
        until(what, condition, () -> "");
    }

    /** The same, with {@code state} (how far it got) in the failure message. */
    public static void until(String what, Condition condition, Supplier<?> state) throws Exception {
        if (!within(PATIENCE, condition)) {
            String got = String.valueOf(state.get());
            throw new AssertionError("waited " + PATIENCE.toSeconds() + " s until " + what + ", in vain"
                    + (got.isEmpty() ? "" : " (" + got + ")"));
        }
    }

    /** Whether {@code condition} came to hold within {@code timeout}: for a retry, not for an assertion. */
    public static boolean within(Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
