package io.taskscope.live.nativeio;

import io.taskscope.core.Errno;

import java.io.IOException;

/** A libc call failed; carries the errno so callers can tell EPERM from ENOBUFS. */
public final class NativeException extends IOException {

    private final int errno;

    public NativeException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno) + " " + describe(errno));
        this.errno = errno;
    }

    private static String describe(int errno) {
        Errno known = Errno.of(errno);
        return known != null ? known.description() : "";
    }

    public int errno() {
        return errno;
    }

    public boolean is(Errno e) {
        return errno == e.number();
    }
}
