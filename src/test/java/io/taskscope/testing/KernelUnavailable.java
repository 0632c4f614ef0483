package io.taskscope.testing;

import org.opentest4j.TestAbortedException;

/**
 * A test skipped because this machine, or this user, cannot give it what it needs of the real kernel (taskstats
 * listeners, two online CPUs, a CPU that can go offline, kernel.task_delayacct). {@link SkipReporter} lists these
 * with the tests tagged "kernel", and .ci/run fails when any is listed as root where taskstats works.
 */
public final class KernelUnavailable extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public KernelUnavailable(String reason) {
        super(reason);
    }

    /** Skips the calling test, saying {@code reason}, unless {@code condition}. */
    public static void assumeKernel(boolean condition, String reason) {
        if (!condition) {
            throw new KernelUnavailable(reason);
        }
    }
}
