package io.taskscope.taskstats;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;

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
 * <p>
 * Two ways out: {@link #decode} makes an {@link ExitRecord} per record (tools, tests, low rates);
 * {@link #decodeInto} writes rows of a {@link RecordBlock} and allocates nothing (the live path). One instance is
 * used by one thread.
 */
public final class DatagramDecoder {

    private final int familyId;
    private final CommCache comms = new CommCache();
    private final RecordTarget objects = new RecordTarget();
    private final BlockTarget rows = new BlockTarget();

    /** @param familyId the TASKSTATS family id, or 0 to accept any family's messages */
    public DatagramDecoder(int familyId) {
        this.familyId = familyId;
    }

    /**
     * Decodes {@code datagram[position .. limit)} into records handed to {@code sink}; the buffer's position and
     * limit are left as they were.
     *
     * @param cpu           the CPU the receiving socket listens on (-1 if it is not a per-CPU socket)
     * @param receivedNanos receive time, ns since the epoch
     */
    public void decode(ByteBuffer datagram, int cpu, long receivedNanos, DatagramSink sink) {
        // A slice so offsets (and netlink's 4-byte alignment) count from the datagram's first byte.
        ByteBuffer buf = datagram.slice().order(ByteOrder.nativeOrder());
        objects.sink = sink;
        run(buf, 0, buf.limit(), cpu, receivedNanos, objects, sink);
        objects.sink = null;
        objects.lastPid = null;
    }

    /**
     * Decodes {@code buf[start .. end)} (absolute offsets; {@code buf} in native byte order) and appends a row to
     * {@code block} for every record; errors and damage go to {@code problems}, whose {@code record} is never
     * called. No object is made per record: the command name comes from a small cache of the names seen.
     */
    public void decodeInto(ByteBuffer buf, int start, int end, int cpu, long receivedNanos, RecordBlock block,
                           DatagramSink problems) {
        rows.block = block;
        run(buf, start, end, cpu, receivedNanos, rows, problems);
        rows.block = null;
    }

    private void run(ByteBuffer buf, int start, int end, int cpu, long receivedNanos, Target target,
                     DatagramSink problems) {
        try {
            decodeMessages(buf, start, end, cpu, receivedNanos, target, problems);
        } catch (RuntimeException bug) {
            // Every read below is bounds-checked first, so this is a decoder bug; still, never throw at the caller.
            problems.malformed("decoder bug: " + bug);
        }
    }

    /** Where decoded records go: one STATS payload at a time, with the nest's kind and id. */
    private interface Target {
        /** @return the struct version decoded */
        int record(RecordKind kind, int cpu, long receivedNanos, long seq, long id, ByteBuffer buf, int at,
                   TaskstatsLayout layout);
    }

    private static final class RecordTarget implements Target {
        DatagramSink sink;
        /** The last PID record, which an aggregate of the same message is joined to. */
        ExitRecord lastPid;

        @Override
        public int record(RecordKind kind, int cpu, long receivedNanos, long seq, long id, ByteBuffer buf, int at,
                          TaskstatsLayout layout) {
            ExitRecord r = new ExitRecord(kind, cpu, receivedNanos, seq, id, layout.decode(buf, at));
            if (kind == RecordKind.PID) {
                lastPid = r;
            } else if (lastPid != null && lastPid.seq() == seq && lastPid.cpu() == cpu) {
                r = r.joinedTo(lastPid);
            }
            sink.record(r);
            return r.version();
        }
    }

    private final class BlockTarget implements Target {
        RecordBlock block;

        @Override
        public int record(RecordKind kind, int cpu, long receivedNanos, long seq, long id, ByteBuffer buf, int at,
                          TaskstatsLayout layout) {
            int row = block.addRow(kind, cpu, receivedNanos, seq, id);
            int version = layout.decodeInto(buf, at, block, row, comms);
            if (kind == RecordKind.TGID) {
                block.joinAggregate(row);
            }
            return version;
        }
    }

    private static int next(int base, int end) {
        return base + Netlink.align(end - base);
    }

    private void decodeMessages(ByteBuffer buf, int start, int end, int cpu, long receivedNanos, Target target,
                                DatagramSink problems) {
        for (int at = start; at < end; ) {
            if (end - at < Netlink.NLMSG_HDRLEN) {
                problems.malformed("truncated netlink header: " + (end - at) + " bytes at offset " + (at - start));
                return;
            }
            long length = buf.getInt(at) & 0xFFFF_FFFFL;
            int type = buf.getShort(at + 4) & 0xFFFF;
            long seq = buf.getInt(at + 8) & 0xFFFF_FFFFL;
            if (length < Netlink.NLMSG_HDRLEN || length > end - at) {
                problems.malformed("netlink message length " + length + " at offset " + (at - start)
                        + " does not fit the " + (end - at) + " bytes left");
                return;
            }
            int bodyStart = at + Netlink.NLMSG_HDRLEN;
            int bodyEnd = at + (int) length;
            if (type == Netlink.NLMSG_ERROR) {
                if (bodyEnd - bodyStart < 4) {
                    problems.malformed("NLMSG_ERROR without an error code at offset " + (at - start));
                } else {
                    problems.error(-buf.getInt(bodyStart), seq);
                }
            } else if (type >= Netlink.NLMSG_MIN_TYPE && (familyId == 0 || type == familyId)) {
                decodeGenl(buf, start, bodyStart, bodyEnd, seq, cpu, receivedNanos, target, problems);
            } // NOOP, DONE, OVERRUN and other families carry no taskstats.
            at = next(start, bodyEnd);
        }
    }

    private void decodeGenl(ByteBuffer buf, int base, int at, int end, long seq, int cpu, long receivedNanos,
                            Target target, DatagramSink problems) {
        if (end - at < Netlink.GENL_HDRLEN) {
            problems.malformed("generic netlink header truncated at offset " + (at - base));
            return;
        }
        int cmd = buf.get(at) & 0xFF;
        if (cmd != TaskstatsProtocol.CMD_NEW) {
            return; // not a taskstats record (e.g. a request echoed back); nothing to decode
        }
        int pidVersion = 0; // the PID record's version, to read a version-0 TGID aggregate of an old kernel with
        for (int a = at + Netlink.GENL_HDRLEN; a < end; ) {
            int attrEnd = attributeEnd(buf, base, a, end, problems);
            if (attrEnd < 0) {
                return;
            }
            int type = buf.getShort(a + 2) & Netlink.NLA_TYPE_MASK;
            if (type == TaskstatsProtocol.TYPE_AGGR_PID || type == TaskstatsProtocol.TYPE_AGGR_TGID) {
                RecordKind kind = type == TaskstatsProtocol.TYPE_AGGR_PID ? RecordKind.PID : RecordKind.TGID;
                int version = decodeAggregate(buf, base, a + Netlink.NLA_HDRLEN, attrEnd, kind, seq, cpu,
                        receivedNanos, pidVersion, target, problems);
                if (version >= 0 && kind == RecordKind.PID) {
                    pidVersion = version;
                }
            } // TYPE_NULL at top level (old kernels' padding) and unknown attributes are skipped.
            a = next(base, attrEnd);
        }
    }

    /** Checks the attribute header at {@code a}; returns the end of its payload, or -1 after reporting. */
    private static int attributeEnd(ByteBuffer buf, int base, int a, int end, DatagramSink problems) {
        if (end - a < Netlink.NLA_HDRLEN) {
            problems.malformed("truncated attribute header at offset " + (a - base));
            return -1;
        }
        int length = buf.getShort(a) & 0xFFFF;
        if (length < Netlink.NLA_HDRLEN || length > end - a) {
            problems.malformed("attribute length " + length + " at offset " + (a - base) + " does not fit the "
                    + (end - a) + " bytes of its container");
            return -1;
        }
        return a + length;
    }

    /** Decodes one AGGR_PID / AGGR_TGID nest; returns the version of the record made, or -1 when none was. */
    private static int decodeAggregate(ByteBuffer buf, int base, int at, int end, RecordKind kind, long seq, int cpu,
                                       long receivedNanos, int siblingVersion, Target target, DatagramSink problems) {
        long id = -1;
        int statsAt = -1;
        TaskstatsLayout layout = null;
        int idType = kind == RecordKind.PID ? TaskstatsProtocol.TYPE_PID : TaskstatsProtocol.TYPE_TGID;
        for (int a = at; a < end; ) {
            int attrEnd = attributeEnd(buf, base, a, end, problems);
            if (attrEnd < 0) {
                return -1;
            }
            int type = buf.getShort(a + 2) & Netlink.NLA_TYPE_MASK;
            int payload = a + Netlink.NLA_HDRLEN;
            if (type == idType) {
                if (attrEnd - payload < 4) {
                    problems.malformed(kind + " id attribute shorter than 4 bytes at offset " + (a - base));
                    return -1;
                }
                id = buf.getInt(payload) & 0xFFFF_FFFFL;
            } else if (type == TaskstatsProtocol.TYPE_STATS) {
                layout = statsLayout(buf, base, payload, attrEnd - payload, siblingVersion, problems);
                if (layout == null) {
                    return -1;
                }
                statsAt = payload;
            } // TYPE_NULL padding and unknown attributes are skipped.
            a = next(base, attrEnd);
        }
        if (id < 0 || layout == null) {
            problems.malformed("AGGR_" + kind + " nest without " + (id < 0 ? kind + " id" : "STATS") + " at offset "
                    + (at - base));
            return -1;
        }
        return target.record(kind, cpu, receivedNanos, seq, id, buf, statsAt, layout);
    }

    /** The layout to read a STATS payload of {@code length} bytes with, or null (reported) when it cannot be read. */
    private static TaskstatsLayout statsLayout(ByteBuffer buf, int base, int at, int length, int siblingVersion,
                                               DatagramSink problems) {
        if (length < 2) {
            problems.malformed("STATS payload of " + length + " bytes has no version, at offset " + (at - base));
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
            problems.malformed("STATS payload of " + length + " bytes is too short for taskstats version " + version
                    + (layout == null ? "" : " (needs " + layout.size() + ")") + ", at offset " + (at - base));
            return null;
        }
        return layout;
    }
}
