package io.taskscope.live.nativeio;

import io.taskscope.core.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** poll(2) over a set of file descriptors, one reader thread multiplexing every socket. */
public final class Poller {

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;

    private static final int POLLFD_SIZE = 8;

    private final LibC libc = LibC.get();
    private ByteBuffer pollfds = ByteBuffer.allocateDirect(0);
    private int count;
    private int[] fds = new int[0];

    /** Watches {@code fds} for input from the next {@link #poll} on. */
    public void watch(int[] fds) {
        if (pollfds.capacity() < fds.length * POLLFD_SIZE) {
            pollfds = ByteBuffer.allocateDirect(fds.length * POLLFD_SIZE).order(ByteOrder.nativeOrder());
        }
        count = fds.length;
        this.fds = fds.clone();
        for (int i = 0; i < fds.length; i++) {
            pollfds.putInt(i * POLLFD_SIZE, fds[i]);
            pollfds.putShort(i * POLLFD_SIZE + 4, POLLIN);
            pollfds.putShort(i * POLLFD_SIZE + 6, (short) 0);
        }
    }

    /** Waits up to {@code timeoutMillis}; returns how many descriptors are ready (0 on timeout or EINTR). */
    public int poll(int timeoutMillis) throws NativeException {
        for (int i = 0; i < count; i++) {
            pollfds.putShort(i * POLLFD_SIZE + 6, (short) 0);
        }
        int ready = libc.poll(pollfds, count, timeoutMillis);
        if (ready < 0) {
            int errno = LibC.lastErrno();
            if (errno == Errno.EINTR.number()) {
                return 0;
            }
            throw new NativeException("poll", errno);
        }
        return ready;
    }

    /** Leaves descriptor number {@code index} out of the next polls (poll(2) ignores a negative fd), or back in. */
    public void enable(int index, boolean on) {
        pollfds.putInt(index * POLLFD_SIZE, on ? fds[index] : -1);
    }

    /** Whether descriptor number {@code index} (in {@link #watch} order) has input or an error waiting. */
    public boolean isReady(int index) {
        return pollfds.getShort(index * POLLFD_SIZE + 6) != 0;
    }
}
