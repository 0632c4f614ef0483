package io.taskscope.taskstats;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class NetlinkRequestsTest {

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    @Test
    void registerCarriesTheNulTerminatedCpulistAndAsksForAnAck() {
        byte[] msg = NetlinkRequests.registerCpumask(31, 5, "0-3,8");
        ByteBuffer b = le(msg);
        // 16 nlmsghdr + 4 genl + 4 nla + "0-3,8\0" (6) = 30, padded to 32
        assertThat(msg).hasSize(32);
        assertThat(b.getInt(0)).isEqualTo(32);
        assertThat(b.getShort(4)).isEqualTo((short) 31);
        assertThat(b.getShort(6)).isEqualTo((short) (Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
        assertThat(b.getInt(8)).isEqualTo(5);
        assertThat(b.getInt(12)).isZero();
        assertThat(msg[16]).isEqualTo((byte) TaskstatsProtocol.CMD_GET);
        assertThat(msg[17]).isEqualTo((byte) 1);
        assertThat(b.getShort(20)).isEqualTo((short) 10); // nla_len counts header + text + NUL, not padding
        assertThat(b.getShort(22)).isEqualTo((short) TaskstatsProtocol.CMD_ATTR_REGISTER_CPUMASK);
        assertThat(new String(msg, 24, 5)).isEqualTo("0-3,8");
        assertThat(msg[29]).isZero();
        assertThat(msg[30]).isZero();
    }

    @Test
    void deregisterUsesItsOwnAttribute() {
        ByteBuffer b = le(NetlinkRequests.deregisterCpumask(31, 6, "1"));
        assertThat(b.getShort(22)).isEqualTo((short) TaskstatsProtocol.CMD_ATTR_DEREGISTER_CPUMASK);
        assertThat(b.getShort(20)).isEqualTo((short) 6);
    }

    @Test
    void pidAndTgidQueries() {
        ByteBuffer pid = le(NetlinkRequests.queryPid(31, 7, 4368));
        assertThat(pid.getInt(0)).isEqualTo(28); // 16 + 4 + 4 + u32
        assertThat(pid.getShort(6)).isEqualTo((short) (Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
        assertThat(pid.getShort(22)).isEqualTo((short) TaskstatsProtocol.CMD_ATTR_PID);
        assertThat(pid.getInt(24)).isEqualTo(4368);
        ByteBuffer tgid = le(NetlinkRequests.queryTgid(31, 8, 77));
        assertThat(tgid.getShort(22)).isEqualTo((short) TaskstatsProtocol.CMD_ATTR_TGID);
    }

    @Test
    void getFamilyGoesToTheController() {
        byte[] msg = NetlinkRequests.getFamily("TASKSTATS", 1);
        ByteBuffer b = le(msg);
        assertThat(b.getShort(4)).isEqualTo((short) Netlink.GENL_ID_CTRL);
        assertThat(msg[16]).isEqualTo((byte) Netlink.CTRL_CMD_GETFAMILY);
        assertThat(b.getShort(22)).isEqualTo((short) Netlink.CTRL_ATTR_FAMILY_NAME);
        assertThat(new String(msg, 24, 9)).isEqualTo("TASKSTATS");
        assertThat(msg).hasSize(36);
    }
}
