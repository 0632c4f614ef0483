package io.taskscope.live;

import io.taskscope.core.Errno;
import io.taskscope.core.ExitRecord;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.live.nativeio.Poller;
import io.taskscope.taskstats.DatagramDecoder;
import io.taskscope.taskstats.DatagramSink;
import io.taskscope.taskstats.FamilyReply;
import io.taskscope.taskstats.NetlinkRequests;
import io.taskscope.taskstats.TaskstatsProtocol;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Request/answer over one netlink socket: resolving the TASKSTATS family, and TASKSTATS_CMD_GET requests whose ack
 * (NLMSG_ERROR with the request's seq) is awaited. Exit records that arrive while waiting are handed on, not lost.
 */
final class TaskstatsChannel {

    /** Large enough for any taskstats datagram (1172 bytes at v16 for a group exit) and then some. */
    static final int RECEIVE_BUFFER_BYTES = 64 * 1024;
    private static final int ANSWER_TIMEOUT_MILLIS = 2000;

    private final NetlinkSocket socket;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
    private final Poller poller = new Poller();
    private int seq = 1;

    TaskstatsChannel(NetlinkSocket socket) {
        this.socket = socket;
        poller.watch(new int[]{socket.fd()});
    }

    NetlinkSocket socket() {
        return socket;
    }

    /** CTRL_CMD_GETFAMILY "TASKSTATS". */
    FamilyReply resolveFamily() throws NativeException {
        socket.send(NetlinkRequests.getFamily(TaskstatsProtocol.FAMILY_NAME, seq++));
        if (!awaitDatagram()) {
            return new FamilyReply.Malformed("no answer from the generic netlink controller within "
                    + ANSWER_TIMEOUT_MILLIS + " ms");
        }
        return FamilyReply.decode(buffer);
    }

    /**
     * Sends a TASKSTATS request built by {@code build} (given the seq to use) and waits for its ack.
     *
     * @param cpu     the CPU to attribute records that arrive meanwhile to (-1 for none)
     * @param records receives those records, and query replies
     * @return 0 when the kernel accepted the request, else the positive errno it refused with
     */
    int request(int familyId, RequestBuilder build, int cpu, Consumer<ExitRecord> records) throws NativeException {
        int mySeq = seq++;
        socket.send(build.build(familyId, mySeq));
        AckSink sink = new AckSink(mySeq, records);
        DatagramDecoder decoder = new DatagramDecoder(familyId);
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_MILLIS * 1_000_000L;
        while (sink.errno == null) {
            if (System.nanoTime() > deadline || !awaitDatagram()) {
                return Errno.EAGAIN.number(); // no answer: treat as a temporary failure
            }
            decoder.decode(buffer, cpu, WallClock.nowNanos(), sink);
        }
        return sink.errno;
    }

    /**
     * As {@link #request}, but every datagram other than the answer is handed to {@code others} undecoded (the
     * collector queues them like any it reads). The buffer holds the datagram from 0 to its limit, during the call.
     */
    int requestRaw(int familyId, RequestBuilder build, java.util.function.Consumer<ByteBuffer> others)
            throws NativeException {
        int mySeq = seq++;
        socket.send(build.build(familyId, mySeq));
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            if (System.nanoTime() > deadline || !awaitDatagram()) {
                return Errno.EAGAIN.number(); // no answer: treat as a temporary failure
            }
            ByteBuffer b = buffer.order(java.nio.ByteOrder.nativeOrder());
            if (b.limit() >= 20 && (b.getShort(4) & 0xFFFF) == io.taskscope.taskstats.Netlink.NLMSG_ERROR
                    && b.getInt(8) == mySeq) {
                return -b.getInt(16);
            }
            others.accept(b);
        }
    }

    @FunctionalInterface
    interface RequestBuilder {
        byte[] build(int familyId, int seq);
    }

    /** Waits for and receives one datagram into {@link #buffer}; false on timeout. ENOBUFS is skipped over. */
    private boolean awaitDatagram() throws NativeException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (socket.receive(buffer) > 0) {
                    return true;
                }
            } catch (NativeException e) {
                if (!e.is(Errno.ENOBUFS)) {
                    throw e;
                }
            }
            poller.poll((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return false;
    }

    private static final class AckSink implements DatagramSink {
        private final int seq;
        private final Consumer<ExitRecord> records;
        Integer errno;

        AckSink(int seq, Consumer<ExitRecord> records) {
            this.seq = seq;
            this.records = records;
        }

        @Override
        public void record(ExitRecord record) {
            records.accept(record);
        }

        @Override
        public void error(int errno, long seq) {
            if (seq == this.seq) {
                this.errno = errno;
            }
        }

        @Override
        public void malformed(String reason) {
            // A damaged datagram while waiting for an ack: nothing to act on here.
        }
    }
}
