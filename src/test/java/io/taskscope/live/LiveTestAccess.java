package io.taskscope.live;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests outside this package use {@link KernelSupport}. */
public final class LiveTestAccess {
    private LiveTestAccess() {
    }

    public static void assumeLiveTaskstats() {
        KernelSupport.assumeLiveTaskstats();
    }

    public static Path exiter() throws IOException, InterruptedException {
        return KernelSupport.exiter();
    }

    public static long runPinned(int cpu, String... command) throws IOException, InterruptedException {
        return KernelSupport.runPinned(cpu, command);
    }
}
