package io.taskscope.live.nativeio;

/** The calling thread as the kernel sees it: its task id and its nice value. */
public final class CurrentThread {
    private CurrentThread() {
    }

    private static final int PRIO_PROCESS = 0;

    /** gettid(): the id taskstats reports as this thread's pid when it exits. */
    public static int tid() {
        return LibC.get().gettid();
    }

    /**
     * Sets the calling thread's nice value (on Linux setpriority(PRIO_PROCESS, tid) applies to one thread). Lowering
     * it below the current value needs CAP_SYS_NICE.
     *
     * @return 0, or the errno the kernel refused with (EACCES, EPERM)
     */
    public static int setNice(int nice) {
        return LibC.get().setpriority(PRIO_PROCESS, tid(), nice) == 0 ? 0 : LibC.lastErrno();
    }
}
