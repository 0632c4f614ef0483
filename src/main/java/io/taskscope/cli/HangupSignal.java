package io.taskscope.cli;

/**
 * SIGHUP, the daemon's "re-read your configuration" (systemd's ExecReload sends it). Java 17 has no public API for
 * a signal, so this uses sun.misc.Signal (jdk.unsupported, which the jlinked runtime holds): the compiler warns
 * about it here, and only here.
 */
final class HangupSignal {
    private HangupSignal() {
    }

    /** Runs {@code action} on the JVM's signal thread at each SIGHUP, instead of the JVM's default (exiting). */
    static void onHangup(Runnable action) {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    }
}
