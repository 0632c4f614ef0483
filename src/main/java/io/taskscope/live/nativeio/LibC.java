package io.taskscope.live.nativeio;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

import java.nio.ByteBuffer;

/**
 * The few libc socket calls Java NIO lacks for AF_NETLINK, bound with jnr-ffi. Buffers passed here are direct
 * ByteBuffers positioned at 0, so the kernel reads and writes them in place. errno is saved after every call
 * (jnr-ffi's default) and read with {@code LastError.getLastError(runtime)}.
 */
public interface LibC {

    int socket(int domain, int type, int protocol);

    int bind(int fd, @In ByteBuffer address, int addressLength);

    int getsockname(int fd, @Out ByteBuffer address, IntByReference addressLength);

    int setsockopt(int fd, int level, int option, @In ByteBuffer value, int valueLength);

    int getsockopt(int fd, int level, int option, @Out ByteBuffer value, IntByReference valueLength);

    @ssize_t
    long send(int fd, @In ByteBuffer buffer, @size_t long length, int flags);

    @ssize_t
    long recv(int fd, @Out ByteBuffer buffer, @size_t long length, int flags);

    /**
     * recv(2) into native memory at {@code address}: the socket reader's call, made millions of times, so it takes a
     * raw address (no buffer object to convert) and allocates nothing.
     */
    @ssize_t
    long recv(int fd, @intptr_t long address, @size_t long length, int flags);

    /**
     * recvmmsg(2): up to {@code vlen} datagrams in one call, into the {@code struct mmsghdr} array at {@code msgvec}
     * (see {@link ReceiveBatch}); {@code timeout} 0 (a NULL pointer).
     */
    int recvmmsg(int fd, @intptr_t long msgvec, int vlen, int flags, @intptr_t long timeout);

    /** {@code fds} holds packed {@code struct pollfd {int fd; short events; short revents;}}, 8 bytes each. */
    int poll(ByteBuffer fds, int count, int timeoutMillis);

    int close(int fd);

    /** pid 0 = the calling thread; {@code mask} is a cpu_set_t bitmap of {@code size} bytes. */
    int sched_setaffinity(int pid, @size_t long size, @In ByteBuffer mask);

    /** The calling thread's kernel task id (glibc 2.30+). */
    @IgnoreError
    int gettid();

    /** setpriority(PRIO_PROCESS, tid, nice): on Linux a thread's own nice value. */
    int setpriority(int which, int who, int prio);

    @IgnoreError
    String strerror(int errno);

    /** Loaded on first use, once (holder idiom). */
    final class Holder {
        private Holder() {
        }

        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
    }

    static LibC get() {
        return Holder.LIBC;
    }

    static int lastErrno() {
        return jnr.ffi.LastError.getLastError(Holder.RUNTIME);
    }
}
