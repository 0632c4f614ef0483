package io.taskscope.live;

import io.taskscope.live.nativeio.Affinity;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NativeThreads;

/**
 * Task exits made on purpose, all on one CPU: the calling thread is pinned there, and the native threads it
 * starts inherit the pin, so the kernel's {@code taskstats_exit} reports each of them on that CPU. For benchmarks
 * and tests that need the machine's full exit rate without a C compiler; the native code stays in
 * {@code live.nativeio}.
 */
public final class PinnedExits {
    private final NativeThreads threads;

    /** Pins the calling thread to {@code cpu}; use the instance from that thread only. */
    public PinnedExits(int cpu) {
        try {
            Affinity.pinCurrentThread(cpu);
        } catch (NativeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        threads = new NativeThreads();
    }

    /** Starts {@code count} native threads and joins them: {@code count} exits on this CPU. */
    public void make(int count) {
        threads.startAndJoin(count);
    }
}
