package io.taskscope.taskstats;

import io.taskscope.core.Taskstats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds exit-event datagrams exactly as {@code taskstats_exit()} sends them: a TASKSTATS_CMD_NEW message with
 * portid 0, the per-CPU sequence number, AGGR_PID{PID, STATS} and, for the last thread of a process that was ever
 * multi-threaded, AGGR_TGID{TGID, STATS} in the same message. Used by the simulator and by tests; the STATS payload
 * is laid out for the version each Taskstats carries.
 */
public final class ExitMessageEncoder {
    private ExitMessageEncoder() {
    }

    /** A single-task exit: 596 bytes at struct version 16. */
    public static byte[] encode(int familyId, long seq, long pid, Taskstats pidStats) {
        return encode(familyId, seq, pid, pidStats, 0, null);
    }

    /** An exit with its thread-group aggregate when {@code tgidStats} is not null: 1172 bytes at version 16. */
    public static byte[] encode(int familyId, long seq, long pid, Taskstats pidStats, long tgid, Taskstats tgidStats) {
        TaskstatsLayout pidLayout = layoutOf(pidStats, null);
        TaskstatsLayout tgidLayout = tgidStats == null ? null : layoutOf(tgidStats, pidLayout);
        int length = Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN + nestLength(pidLayout)
                + (tgidLayout == null ? 0 : nestLength(tgidLayout));
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) familyId).putShort((short) 0).putInt((int) seq).putInt(0);
        b.put((byte) TaskstatsProtocol.CMD_NEW).put((byte) TaskstatsProtocol.GENL_VERSION).putShort((short) 0);
        putNest(b, TaskstatsProtocol.TYPE_AGGR_PID, TaskstatsProtocol.TYPE_PID, pid, pidStats, pidLayout);
        if (tgidLayout != null) {
            putNest(b, TaskstatsProtocol.TYPE_AGGR_TGID, TaskstatsProtocol.TYPE_TGID, tgid, tgidStats, tgidLayout);
        }
        return b.array();
    }

    private static TaskstatsLayout layoutOf(Taskstats stats, TaskstatsLayout fallback) {
        if (stats.version() > 0) {
            return TaskstatsLayout.forVersion(stats.version());
        }
        if (fallback == null) {
            throw new IllegalArgumentException("a PID record needs a taskstats version");
        }
        return fallback;
    }

    /** Nest header + id attribute (8) + STATS header + payload, each 4-aligned. */
    private static int nestLength(TaskstatsLayout layout) {
        return Netlink.NLA_HDRLEN + 8 + Netlink.NLA_HDRLEN + Netlink.align(layout.size());
    }

    private static void putNest(ByteBuffer b, int nestType, int idType, long id, Taskstats stats, TaskstatsLayout layout) {
        b.putShort((short) nestLength(layout)).putShort((short) nestType);
        b.putShort((short) 8).putShort((short) idType).putInt((int) id);
        b.putShort((short) (Netlink.NLA_HDRLEN + layout.size())).putShort((short) TaskstatsProtocol.TYPE_STATS);
        layout.encode(stats, b, b.position());
        b.position(b.position() + Netlink.align(layout.size()));
    }
}
