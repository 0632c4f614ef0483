package io.taskscope.live.nativeio;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;

/**
 * Starts and joins native threads that do nothing (their start routine is libc's getpid, which ignores its
 * argument): the cheapest task exits a process can make, for benchmarks that need the machine's full exit rate.
 * The threads never enter the JVM.
 */
public final class NativeThreads {

    /** glibc 2.34+ has these in libc itself. */
    public interface Pthreads {
        int pthread_create(@Out long[] thread, Pointer attributes, Pointer startRoutine, Pointer argument);

        int pthread_join(long thread, Pointer result);
    }

    private final Pthreads pthreads;
    private final Pointer startRoutine;

    public NativeThreads() {
        pthreads = LibraryLoader.create(Pthreads.class).load("c");
        jnr.ffi.Runtime runtime = jnr.ffi.Runtime.getRuntime(pthreads);
        long getpid = com.kenai.jffi.Library.getCachedInstance("libc.so.6",
                com.kenai.jffi.Library.LAZY | com.kenai.jffi.Library.GLOBAL).getSymbolAddress("getpid");
        if (getpid == 0) {
            throw new IllegalStateException("getpid not found in libc.so.6");
        }
        startRoutine = Pointer.wrap(runtime, getpid);
    }

    /** Starts {@code count} threads, then joins them all: {@code count} task exits on the caller's CPUs. */
    public void startAndJoin(int count) {
        long[] ids = new long[count];
        long[] id = new long[1];
        int started = 0;
        for (; started < count; started++) {
            if (pthreads.pthread_create(id, null, startRoutine, null) != 0) {
                break;
            }
            ids[started] = id[0];
        }
        for (int i = 0; i < started; i++) {
            pthreads.pthread_join(ids[i], null);
        }
        if (started < count) {
            throw new IllegalStateException("pthread_create failed after " + started + " threads");
        }
    }
}
