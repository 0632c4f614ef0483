package io.taskscope.taskstats;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes what a TASKSTATS socket receives: netlink messages, their generic netlink header and the attribute
 * tree the kernel builds in {@code mk_reply()} / {@code taskstats_exit()} (kernel/taskstats.c):
 * <pre>
 *   nlmsghdr | genlmsghdr(cmd=TASKSTATS_CMD_NEW) | AGGR_PID{ PID u32, [NULL], STATS } [AGGR_TGID{ TGID u32, [NULL], STATS }]
 * </pre>
 * Several messages may share a datagram. Unknown attributes and {@code TASKSTATS_TYPE_NULL} are skipped wherever
 * they appear. Input is untrusted: every length is checked against what is really there, and anything that does
 * not fit is reported to {@link DatagramSink#malformed} instead of thrown.
 */
public final class DatagramDecoder {

    private final int familyId;

    /** @param familyId the TASKSTATS family id, or 0 to accept any family's messages */
    public DatagramDecoder(int familyId) {
        this.familyId = familyId;
    }

    /**
     * Decodes {@code datagram[position .. limit)}; the buffer's position and limit are left as they were.
     *
     * @param cpu           the CPU the receiving socket listens on (-1 if it is not a per-CPU socket)
     * @param receivedNanos receive time, ns since the epoch
     */
    public void decode(ByteBuffer datagram, int cpu, long receivedNanos, DatagramSink sink) {
        // A slice so offsets (and netlink's 4-byte alignment) count from the datagram's first byte.
        ByteBuffer buf = datagram.slice().order(ByteOrder.nativeOrder());
        try {
            decodeMessages(buf, 0, buf.limit(), cpu, receivedNanos, sink);
        } catch (RuntimeException bug) {
            // Every read below is bounds-checked first, so this is a decoder bug; still, never throw at the caller.
            sink.malformed("decoder bug: " + bug);
        }
    }

    private void decodeMessages(ByteBuffer buf, int at, int end, int cpu, long receivedNanos, DatagramSink sink) {
        while (at < end) {
            if (end - at < Netlink.NLMSG_HDRLEN) {
                sink.malformed("truncated netlink header: " + (end - at) + " bytes at offset " + at);
                return;
            }
            long length = buf.getInt(at) & 0xFFFF_FFFFL;
            int type = buf.getShort(at + 4) & 0xFFFF;
            long seq = buf.getInt(at + 8) & 0xFFFF_FFFFL;
            if (length < Netlink.NLMSG_HDRLEN || length > end - at) {
                sink.malformed("netlink message length " + length + " at offset " + at + " does not fit the "
                        + (end - at) + " bytes left");
                return;
            }
            int bodyStart = at + Netlink.NLMSG_HDRLEN;
            int bodyEnd = at + (int) length;
            if (type == Netlink.NLMSG_ERROR) {
                if (bodyEnd - bodyStart < 4) {
                    sink.malformed("NLMSG_ERROR without an error code at offset " + at);
                } else {
                    sink.error(-buf.getInt(bodyStart), seq);
                }
            } else if (type >= Netlink.NLMSG_MIN_TYPE && (familyId == 0 || type == familyId)) {
                decodeGenl(buf, bodyStart, bodyEnd, seq, cpu, receivedNanos, sink);
            } // NOOP, DONE, OVERRUN and other families carry no taskstats.
            at += Netlink.align((int) length);
        }
    }

    private void decodeGenl(ByteBuffer buf, int at, int end, long seq, int cpu, long receivedNanos, DatagramSink sink) {
        if (end - at < Netlink.GENL_HDRLEN) {
            sink.malformed("generic netlink header truncated at offset " + at);
            return;
        }
        int cmd = buf.get(at) & 0xFF;
        if (cmd != TaskstatsProtocol.CMD_NEW) {
            return; // not a taskstats record (e.g. a request echoed back); nothing to decode
        }
        int pidVersion = 0; // the PID record's version, to read a version-0 TGID aggregate of an old kernel with
        for (int a = at + Netlink.GENL_HDRLEN; a < end; ) {
            int attrEnd = attributeEnd(buf, a, end, sink);
            if (attrEnd < 0) {
                return;
            }
            int type = buf.getShort(a + 2) & Netlink.NLA_TYPE_MASK;
            if (type == TaskstatsProtocol.TYPE_AGGR_PID || type == TaskstatsProtocol.TYPE_AGGR_TGID) {
                RecordKind kind = type == TaskstatsProtocol.TYPE_AGGR_PID ? RecordKind.PID : RecordKind.TGID;
                ExitRecord r = decodeAggregate(buf, a + Netlink.NLA_HDRLEN, attrEnd, kind, seq, cpu, receivedNanos,
                        pidVersion, sink);
                if (r != null) {
                    if (kind == RecordKind.PID) {
                        pidVersion = r.version();
                    }
                    sink.record(r);
                }
            } // TYPE_NULL at top level (old kernels' padding) and unknown attributes are skipped.
            a = Netlink.align(attrEnd);
        }
    }

    /** Checks the attribute header at {@code a}; returns the end of its payload, or -1 after reporting. */
    private static int attributeEnd(ByteBuffer buf, int a, int end, DatagramSink sink) {
        if (end - a < Netlink.NLA_HDRLEN) {
            sink.malformed("truncated attribute header at offset " + a);
            return -1;
        }
        int length = buf.getShort(a) & 0xFFFF;
        if (length < Netlink.NLA_HDRLEN || length > end - a) {
            sink.malformed("attribute length " + length + " at offset " + a + " does not fit the " + (end - a)
                    + " bytes of its container");
            return -1;
        }
        return a + length;
    }

    private static ExitRecord decodeAggregate(ByteBuffer buf, int at, int end, RecordKind kind, long seq, int cpu,
                                              long receivedNanos, int siblingVersion, DatagramSink sink) {
        long id = -1;
        Taskstats stats = null;
        int idType = kind == RecordKind.PID ? TaskstatsProtocol.TYPE_PID : TaskstatsProtocol.TYPE_TGID;
        for (int a = at; a < end; ) {
            int attrEnd = attributeEnd(buf, a, end, sink);
            if (attrEnd < 0) {
                return null;
            }
            int type = buf.getShort(a + 2) & Netlink.NLA_TYPE_MASK;
            int payload = a + Netlink.NLA_HDRLEN;
            if (type == idType) {
                if (attrEnd - payload < 4) {
                    sink.malformed(kind + " id attribute shorter than 4 bytes at offset " + a);
                    return null;
                }
                id = buf.getInt(payload) & 0xFFFF_FFFFL;
            } else if (type == TaskstatsProtocol.TYPE_STATS) {
                stats = decodeStats(buf, payload, attrEnd - payload, siblingVersion, sink);
                if (stats == null) {
                    return null;
                }
            } // TYPE_NULL padding and unknown attributes are skipped.
            a = Netlink.align(attrEnd);
        }
        if (id < 0 || stats == null) {
            sink.malformed("AGGR_" + kind + " nest without " + (id < 0 ? kind + " id" : "STATS") + " at offset " + at);
            return null;
        }
        return new ExitRecord(kind, cpu, receivedNanos, seq, id, stats);
    }

    private static Taskstats decodeStats(ByteBuffer buf, int at, int length, int siblingVersion, DatagramSink sink) {
        if (length < 2) {
            sink.malformed("STATS payload of " + length + " bytes has no version, at offset " + at);
            return null;
        }
        int version = buf.getShort(at) & 0xFFFF;
        TaskstatsLayout layout;
        if (version > 0) {
            layout = TaskstatsLayout.forVersion(version);
        } else if (siblingVersion > 0) {
            layout = TaskstatsLayout.forVersion(siblingVersion);
        } else {
            layout = TaskstatsLayout.guessFromLength(length);
        }
        if (layout == null || length < layout.size()) {
            sink.malformed("STATS payload of " + length + " bytes is too short for taskstats version " + version
                    + (layout == null ? "" : " (needs " + layout.size() + ")") + ", at offset " + at);
            return null;
        }
        return layout.decode(buf, at);
    }
}
