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
    /** sizeof(struct sockaddr_nl): u16 family, u16 pad, u32 pid (port id), u32 groups. */
    private static final int SOCKADDR_NL_LENGTH = 12;

    private final LibC libc = LibC.get();
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

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
