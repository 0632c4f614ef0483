package io.taskscope.live.nativeio;

import java.nio.ByteBuffer;

/**
 * Room for one recvmmsg(2) call: {@code slots} datagrams of up to {@code slotBytes} each, and the
 * {@code struct mmsghdr} and {@code struct iovec} arrays pointing at them (x86_64/LP64 layout: mmsghdr 64 bytes,
 * msg_len at 56; msghdr's msg_iov at 16, msg_iovlen at 24; iovec 16 bytes). Set up once and reused: a call
 * allocates nothing.
 */
public final class ReceiveBatch implements AutoCloseable {

    private static final int MMSGHDR = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;

    private final int slots;
    private final int slotBytes;
    private final NativeMemory headers;
    private final NativeMemory data;
    private final ByteBuffer headerView;

    public ReceiveBatch(int slots, int slotBytes) {
        this.slots = slots;
        this.slotBytes = slotBytes;
        headers = NativeMemory.allocate(slots * (MMSGHDR + IOVEC));
        data = NativeMemory.allocate(slots * slotBytes);
        headerView = headers.view();
        for (int i = 0; i < headers.size(); i++) {
            headerView.put(i, (byte) 0);
        }
        long iovecs = headers.address() + (long) slots * MMSGHDR;
        for (int i = 0; i < slots; i++) {
            int h = i * MMSGHDR;
            headerView.putLong(h + MSG_IOV, iovecs + (long) i * IOVEC);
            headerView.putLong(h + MSG_IOVLEN, 1);
            int v = slots * MMSGHDR + i * IOVEC;
            headerView.putLong(v, data.address() + (long) i * slotBytes);
            headerView.putLong(v + 8, slotBytes);
        }
    }

    public int slots() {
        return slots;
    }

    public int slotBytes() {
        return slotBytes;
    }

    long headersAddress() {
        return headers.address();
    }

    /** The datagrams' memory; datagram {@code i} starts at {@link #offset(int)}. */
    public ByteBuffer view() {
        return data.view();
    }

    public int offset(int i) {
        return i * slotBytes;
    }

    /** Datagram {@code i}'s real length (received with MSG_TRUNC: more than {@link #slotBytes()} means cut). */
    public int length(int i) {
        return headerView.getInt(i * MMSGHDR + MSG_LEN);
    }

    @Override
    public void close() {
        headers.close();
        data.close();
    }
}
