package io.taskscope.ui.base;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Marks on the way from the process's start to the first frame on screen, for {@code gui --bench}'s "start to first
 * frame". The process start is the kernel's (ProcessHandle: /proc/self/stat, in clock ticks), so the JVM's own
 * start-up is counted, as a user waits for it. Each mark is set once; later calls keep the first.
 */
public final class StartupClock {
    private static final long UNSET = Long.MIN_VALUE;
    private static volatile long mainEntered = UNSET;
    private static volatile long appStarted = UNSET;
    private static volatile long windowShown = UNSET;
    private static volatile long firstFrame = UNSET;

    private StartupClock() {
    }

    /** The program's main method began. */
    public static void mainEntered() {
        mainEntered = once(mainEntered);
    }

    /** The toolkit is up and calls the application's start. */
    public static void appStarted() {
        appStarted = once(appStarted);
    }

    /** The stage was shown (its scene built). */
    public static void windowShown() {
        windowShown = once(windowShown);
    }

    /** The first pulse laid out the shown window: the frame it renders is the first one a user sees. */
    public static void firstFrame() {
        firstFrame = once(firstFrame);
    }

    public static boolean hasFirstFrame() {
        return firstFrame != UNSET;
    }

    private static long once(long current) {
        return current != UNSET ? current : System.nanoTime();
    }

    /** Nanoseconds on System.nanoTime's scale when the process started, or UNSET if the system does not say. */
    private static long processStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> System.nanoTime() - Duration.between(start, Instant.now()).toNanos())
                .orElse(UNSET);
    }

    /** One line: start to first frame, and its steps; "not measured" until the first frame. */
    public static String report() {
        long start = processStart();
        if (firstFrame == UNSET || start == UNSET) {
            return "start to first frame  not measured";
        }
        return String.format(Locale.ROOT, "start to first frame  %d ms (to main %s, toolkit %s, window %s, "
                        + "first pulse %s)", millis(start, firstFrame), step(start, mainEntered),
                step(mainEntered, appStarted), step(appStarted, windowShown), step(windowShown, firstFrame));
    }

    private static String step(long from, long to) {
        return from == UNSET || to == UNSET ? "?" : millis(from, to) + " ms";
    }

    private static long millis(long from, long to) {
        return Math.round((to - from) / 1e6);
    }
}
