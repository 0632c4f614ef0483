package io.taskscope.ui.base;

import java.util.Locale;

/**
 * Marks on the way from the process's start to the first frame on screen, for {@code gui --bench}'s "start to first
 * frame". The process start is the kernel's, so the JVM's own start-up is counted, as a user waits for it. Each
 * mark is set once; later calls keep the first.
 */
public final class StartupClock {
    private static final long UNSET = Long.MIN_VALUE;
    private static volatile long mainEntered = UNSET;
    private static volatile long appStarted = UNSET;
    private static volatile long windowBuilt = UNSET;
    private static volatile long windowShown = UNSET;
    private static volatile long firstFrame = UNSET;
    /** The process's CPU time (all threads, user + system) at the first frame, in ms; UNSET where /proc has none. */
    private static volatile long cpuAtFirstFrame = UNSET;

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

    /** The window's controls and scene exist (not yet styled or laid out: showing the stage does that). */
    public static void windowBuilt() {
        windowBuilt = once(windowBuilt);
    }

    /** The stage was shown: its scene styled and laid out. */
    public static void windowShown() {
        windowShown = once(windowShown);
    }

    /** The first pulse laid out the shown window: the frame it renders is the first one a user sees. */
    public static void firstFrame() {
        if (firstFrame == UNSET) {
            firstFrame = System.nanoTime();
            cpuAtFirstFrame = processCpuMillis();
        }
    }

    /**
     * user + system time of the whole process so far, from /proc/self/stat (fields 14 and 15, in ticks of 10 ms):
     * on a machine shared with other work it varies far less than the wall time to the first frame.
     */
    private static long processCpuMillis() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) * 10;
        } catch (java.io.IOException | RuntimeException notLinux) {
            return UNSET;
        }
    }

    public static boolean hasFirstFrame() {
        return firstFrame != UNSET;
    }

    private static long once(long current) {
        return current != UNSET ? current : System.nanoTime();
    }

    /**
     * Nanoseconds on System.nanoTime's scale when the process started, or UNSET. Linux: how long ago, from the
     * process's start in clock ticks since boot (/proc/self/stat, field 22; USER_HZ is 100) against the uptime now
     * (/proc/uptime, in hundredths): both 10 ms steps. ProcessHandle's start instant adds the boot time, which /proc
     * gives in whole seconds, so it could be up to a second early. Elsewhere: the JVM's own start.
     */
    private static long processStart() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(afterName[19]); // field 22 of the whole line
            String uptime = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"));
            long now = System.nanoTime();
            double uptimeSeconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return now - (long) ((uptimeSeconds - startTicks / 100.0) * 1e9);
        } catch (java.io.IOException | RuntimeException notLinux) {
            long sinceJvmStart = System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            return System.nanoTime() - sinceJvmStart * 1_000_000L;
        }
    }

    /**
     * One line: start to first frame, its steps, and the CPU time the process used up to it; "not measured" until
     * the first frame.
     */
    public static String report() {
        long start = processStart();
        if (firstFrame == UNSET || start == UNSET) {
            return "start to first frame  not measured";
        }
        return String.format(Locale.ROOT, "start to first frame  %d ms (to main %s, toolkit %s, window built %s, "
                        + "shown %s, first pulse %s; cpu %s)", millis(start, firstFrame), step(start, mainEntered),
                step(mainEntered, appStarted), step(appStarted, windowBuilt), step(windowBuilt, windowShown),
                step(windowShown, firstFrame), cpuAtFirstFrame == UNSET ? "?" : cpuAtFirstFrame + " ms");
    }

    private static String step(long from, long to) {
        return from == UNSET || to == UNSET ? "?" : millis(from, to) + " ms";
    }

    private static long millis(long from, long to) {
        return Math.round((to - from) / 1e6);
    }
}
