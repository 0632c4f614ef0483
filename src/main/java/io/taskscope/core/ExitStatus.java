package io.taskscope.core;

/**
 * Reads {@code ac_exitcode}, which holds the raw wait status ({@code exit(7)} gives 1792 = 7 &lt;&lt; 8), the way
 * WIFEXITED/WEXITSTATUS/WTERMSIG would.
 */
public final class ExitStatus {
    private ExitStatus() {
    }

    public static boolean exitedNormally(long status) {
        return (status & 0x7F) == 0;
    }

    /** The exit code for a normal exit (WEXITSTATUS). */
    public static int exitCode(long status) {
        return (int) ((status >> 8) & 0xFF);
    }

    /** The terminating signal (WTERMSIG), 0 for a normal exit. */
    public static int signal(long status) {
        return (int) (status & 0x7F);
    }

    /** "exit 0", "exit 7", "signal 9", "signal 11 (core)". */
    public static String describe(long status) {
        if (exitedNormally(status)) {
            return "exit " + exitCode(status);
        }
        return "signal " + signal(status) + ((status & 0x80) != 0 ? " (core)" : "");
    }
}
