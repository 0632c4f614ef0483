package io.taskscope.live.nativeio;

import io.taskscope.core.Errno;
import jnr.ffi.byref.IntByReference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One non-blocking AF_NETLINK / NETLINK_GENERIC socket. Not thread-safe: one reader thread owns it.
 */
public final class NetlinkSocket implements AutoCloseable {

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_GENERIC = 16;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVBUFFORCE = 33;
    /** getsockopt(SO_MEMINFO): the socket's u32 sk_meminfo counters (since 4.12). */
    private static final int SO_MEMINFO = 55;
    /** SK_MEMINFO_RMEM_ALLOC and SK_MEMINFO_DROPS in include/uapi/linux/sock_diag.h. */
    private static final int SK_MEMINFO_RMEM_ALLOC = 0;
    private static final int SK_MEMINFO_DROPS = 8;
    /** recv flag: return the datagram's real length even when it did not fit. */
    private static final int MSG_TRUNC = 0x20;
    /** sizeof(struct sockaddr_nl): u16 family, u16 pad, u32 pid (port id), u32 groups. */
    private static final int SOCKADDR_NL_LENGTH = 12;

    private final LibC libc = LibC.get();
    private final ByteBuffer memInfo = ByteBuffer.allocateDirect(4 * (SK_MEMINFO_DROPS + 1)).order(ByteOrder.nativeOrder());
    private final int fd;
    private final int portId;
    private boolean closed;

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /** Opens and binds a socket; the kernel picks the port id (the first one a process binds gets its TGID). */
    public static NetlinkSocket open() throws NativeException {
        return open(0);
    }

    /** Opens a socket bound to {@code portId} (0: the kernel picks). */
    public static NetlinkSocket open(int portId) throws NativeException {
        LibC libc = LibC.get();
        int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_GENERIC);
        if (fd < 0) {
            throw new NativeException("socket(AF_NETLINK, NETLINK_GENERIC)", LibC.lastErrno());
        }
        ByteBuffer address = ByteBuffer.allocateDirect(SOCKADDR_NL_LENGTH).order(ByteOrder.nativeOrder());
        address.putShort(0, (short) AF_NETLINK);
        address.putInt(4, portId);
        if (libc.bind(fd, address, SOCKADDR_NL_LENGTH) < 0) {
            int errno = LibC.lastErrno();
            libc.close(fd);
            throw new NativeException("bind(AF_NETLINK)", errno);
        }
        IntByReference length = new IntByReference(SOCKADDR_NL_LENGTH);
        if (libc.getsockname(fd, address, length) < 0) {
            int errno = LibC.lastErrno();
            libc.close(fd);
            throw new NativeException("getsockname", errno);
        }
        return new NetlinkSocket(fd, address.getInt(4));
    }

    public int fd() {
        return fd;
    }

    /** The netlink port id the kernel knows this socket by, and keys taskstats listeners with. */
    public int portId() {
        return portId;
    }

    /**
     * Asks for a receive buffer of {@code bytes}: SO_RCVBUFFORCE (needs CAP_NET_ADMIN, may exceed rmem_max), else
     * SO_RCVBUF (capped at net.core.rmem_max). Returns what the kernel granted (it reports double the request,
     * its bookkeeping overhead included).
     */
    public int setReceiveBuffer(int bytes) throws NativeException {
        ByteBuffer value = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        value.putInt(0, bytes);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, value, 4) < 0
                && libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, value, 4) < 0) {
            throw new NativeException("setsockopt(SO_RCVBUF)", LibC.lastErrno());
        }
        return receiveBuffer();
    }

    public int receiveBuffer() throws NativeException {
        ByteBuffer value = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        IntByReference length = new IntByReference(4);
        if (libc.getsockopt(fd, SOL_SOCKET, SO_RCVBUF, value, length) < 0) {
            throw new NativeException("getsockopt(SO_RCVBUF)", LibC.lastErrno());
        }
        return value.getInt(0);
    }

    /** Sends one whole message to the kernel. */
    public void send(byte[] message) throws NativeException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(message.length);
        buffer.put(message).flip();
        while (true) {
            long sent = libc.send(fd, buffer, message.length, 0);
            if (sent == message.length) {
                return;
            }
            int errno = LibC.lastErrno();
            if (sent < 0 && errno == Errno.EINTR.number()) {
                continue;
            }
            throw new NativeException("send(netlink)", sent < 0 ? errno : Errno.EAGAIN.number());
        }
    }

    /**
     * Receives one datagram into {@code buffer} (direct, its capacity the most taken) without blocking.
     * On return the buffer holds the datagram from position 0 to its limit.
     *
     * @return the datagram's length, or 0 when nothing is waiting
     * @throws NativeException with ENOBUFS when the kernel dropped messages because the receive queue was full
     *                         (one such error per overflow episode); any other errno is a real failure
     */
    public int receive(ByteBuffer buffer) throws NativeException {
        buffer.clear();
        while (true) {
            long n = libc.recv(fd, buffer, buffer.capacity(), 0);
            if (n >= 0) {
                buffer.limit((int) n);
                return (int) n;
            }
            int errno = LibC.lastErrno();
            if (errno == Errno.EINTR.number()) {
                continue;
            }
            if (errno == Errno.EAGAIN.number()) {
                buffer.limit(0);
                return 0;
            }
            throw new NativeException("recv(netlink)", errno);
        }
    }

    /**
     * Receives one datagram into native memory without blocking and without allocating: the socket reader's call.
     * With MSG_TRUNC the kernel returns the datagram's real length, so a result above {@code capacity} means it was
     * cut to {@code capacity}.
     *
     * @return the datagram's length (&gt;= 0), or the negated errno: {@code -EAGAIN} when nothing is waiting,
     *         {@code -ENOBUFS} once per overflow episode (the kernel dropped messages: the queue was full)
     */
    public long receiveInto(long address, int capacity) {
        while (true) {
            long n = libc.recv(fd, address, capacity, MSG_TRUNC);
            if (n >= 0) {
                return n;
            }
            int errno = LibC.lastErrno();
            if (errno != Errno.EINTR.number()) {
                return -errno;
            }
        }
    }

    /**
     * Receives up to {@code batch.slots()} datagrams in one recvmmsg(2) call, without blocking and without
     * allocating. The kernel stops at the first datagram it does not have (or an error, which it keeps for the next
     * call: an ENOBUFS is then reported before anything queued after it).
     *
     * @return how many were received (&gt; 0), or the negated errno: {@code -EAGAIN} when nothing is waiting,
     *         {@code -ENOBUFS} once per overflow episode
     */
    public int receiveMany(ReceiveBatch batch) {
        return receiveMany(batch, batch.slots());
    }

    /** As {@link #receiveMany(ReceiveBatch)}, taking at most {@code most} (1 to the batch's slots) datagrams. */
    public int receiveMany(ReceiveBatch batch, int most) {
        int vlen = Math.max(1, Math.min(most, batch.slots()));
        while (true) {
            int n = libc.recvmmsg(fd, batch.headersAddress(), vlen, MSG_TRUNC, 0);
            if (n >= 0) {
                return n;
            }
            int errno = LibC.lastErrno();
            if (errno != Errno.EINTR.number()) {
                return -errno;
            }
        }
    }

    /**
     * The kernel's own counters of this socket (getsockopt SO_MEMINFO, {@code sk_get_meminfo()}): bytes queued now
     * and messages dropped since it was opened ({@code sk_drops}, which {@code netlink_overrun()} counts up for every
     * message that found the queue full). Null where the kernel does not have SO_MEMINFO.
     */
    public MemInfo memInfo() {
        ByteBuffer value = memInfo;
        IntByReference length = new IntByReference(value.capacity());
        if (libc.getsockopt(fd, SOL_SOCKET, SO_MEMINFO, value, length) < 0 || length.getValue() < value.capacity()) {
            return null;
        }
        return new MemInfo(value.getInt(4 * SK_MEMINFO_RMEM_ALLOC) & 0xFFFF_FFFFL,
                value.getInt(4 * SK_MEMINFO_DROPS) & 0xFFFF_FFFFL);
    }

    /**
     * @param queuedBytes  sk_rmem_alloc: the truesize of what waits in the receive queue
     * @param drops        sk_drops: messages dropped because the queue was full (a u32 in the kernel)
     */
    public record MemInfo(long queuedBytes, long drops) {
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
