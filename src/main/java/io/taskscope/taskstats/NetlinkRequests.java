package io.taskscope.taskstats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the request messages Taskscope sends: the genl controller's family lookup and TASKSTATS_CMD_GET with one
 * attribute. The kernel acts on one attribute per message ({@code taskstats_user_cmd()} checks REGISTER, then
 * DEREGISTER, then PID, then TGID), so each request carries exactly one.
 */
public final class NetlinkRequests {
    private NetlinkRequests() {
    }

    /** CTRL_CMD_GETFAMILY for {@code name} (e.g. "TASKSTATS"); the reply carries CTRL_ATTR_FAMILY_ID. */
    public static byte[] getFamily(String name, int seq) {
        return message(Netlink.GENL_ID_CTRL, Netlink.NLM_F_REQUEST, seq, Netlink.CTRL_CMD_GETFAMILY, 1,
                Netlink.CTRL_ATTR_FAMILY_NAME, nulTerminated(name));
    }

    /**
     * TASKSTATS_CMD_GET + REGISTER_CPUMASK: from now on the kernel unicasts to this socket the exit of every task
     * that exits on a CPU in {@code cpulist}.
     */
    public static byte[] registerCpumask(int familyId, int seq, String cpulist) {
        return taskstatsGet(familyId, seq, TaskstatsProtocol.CMD_ATTR_REGISTER_CPUMASK, nulTerminated(cpulist));
    }

    /** TASKSTATS_CMD_GET + DEREGISTER_CPUMASK (deregistering an unregistered CPU is not an error). */
    public static byte[] deregisterCpumask(int familyId, int seq, String cpulist) {
        return taskstatsGet(familyId, seq, TaskstatsProtocol.CMD_ATTR_DEREGISTER_CPUMASK, nulTerminated(cpulist));
    }

    /**
     * DEREGISTER_CPUMASK without asking for an ack: generic netlink handles the request within the send itself
     * ({@code genl_rcv()} runs in the sender's context), so a send that returned means it is done; an error still
     * comes back as an NLMSG_ERROR. For a socket that may be full, where an ack would be dropped (and counted in
     * its sk_drops as if it were a lost exit).
     */
    public static byte[] deregisterCpumaskNoAck(int familyId, int seq, String cpulist) {
        return message(familyId, Netlink.NLM_F_REQUEST, seq, TaskstatsProtocol.CMD_GET, TaskstatsProtocol.GENL_VERSION,
                TaskstatsProtocol.CMD_ATTR_DEREGISTER_CPUMASK, nulTerminated(cpulist));
    }

    /** Statistics of one live task; the reply is an AGGR_PID message, then the ack (or NLMSG_ERROR ESRCH). */
    public static byte[] queryPid(int familyId, int seq, int pid) {
        return taskstatsGet(familyId, seq, TaskstatsProtocol.CMD_ATTR_PID, u32(pid));
    }

    /** Summed statistics of a thread group; the reply is an AGGR_TGID message. */
    public static byte[] queryTgid(int familyId, int seq, int tgid) {
        return taskstatsGet(familyId, seq, TaskstatsProtocol.CMD_ATTR_TGID, u32(tgid));
    }

    /** Every TASKSTATS request asks for an ack, so each one ends with an NLMSG_ERROR carrying its seq (0 = done). */
    private static byte[] taskstatsGet(int familyId, int seq, int attrType, byte[] payload) {
        return message(familyId, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq, TaskstatsProtocol.CMD_GET,
                TaskstatsProtocol.GENL_VERSION, attrType, payload);
    }

    private static byte[] message(int type, int flags, int seq, int cmd, int version, int attrType, byte[] payload) {
        int attrLength = Netlink.NLA_HDRLEN + payload.length;
        int length = Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN + Netlink.align(attrLength);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0); // portid 0: the kernel
        b.put((byte) cmd).put((byte) version).putShort((short) 0);
        b.putShort((short) attrLength).putShort((short) attrType).put(payload);
        return b.array(); // the alignment padding is already zero
    }

    private static byte[] nulTerminated(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }
}
