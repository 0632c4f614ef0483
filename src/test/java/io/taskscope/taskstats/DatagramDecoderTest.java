package io.taskscope.taskstats;

import io.taskscope.core.DelayClass;
import io.taskscope.core.Errno;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.taskscope.taskstats.Fixtures.FAMILY_ID;
import static org.assertj.core.api.Assertions.assertThat;

class DatagramDecoderTest {

    private static DecodedDatagram decode(byte[] bytes) {
        return DecodedDatagram.decode(bytes, FAMILY_ID, 0, 123L);
    }

    @Test
    void exitOfAPinnedTrueCapturedFromTheKernel() {
        byte[] bytes = Fixtures.bytes("exit-true-cpu0.hex");
        assertThat(bytes).hasSize(596);
        DecodedDatagram d = decode(bytes);
        assertThat(d.malformed()).isEmpty();
        assertThat(d.records()).hasSize(1);
        ExitRecord r = d.records().get(0);
        assertThat(r.kind()).isEqualTo(RecordKind.PID);
        assertThat(r.cpu()).isZero();
        assertThat(r.receivedNanos()).isEqualTo(123L);
        assertThat(r.seq()).isZero();
        assertThat(r.taskId()).isEqualTo(2462);
        assertThat(r.pid()).isEqualTo(2462);
        assertThat(r.tgid()).isEqualTo(2462);
        assertThat(r.version()).isEqualTo(16);
        assertThat(r.comm()).isEqualTo("true");
        assertThat(r.get(TaskstatsField.AC_EXITCODE)).isZero();
        assertThat(r.get(TaskstatsField.AC_FLAG)).isEqualTo(0x20); // AGROUP: the group died with it
        assertThat(r.get(TaskstatsField.AC_PPID)).isEqualTo(2421);
        assertThat(r.get(TaskstatsField.AC_ETIME)).isEqualTo(1791);
        assertThat(r.delay(DelayClass.CPU).count()).isEqualTo(2);
        assertThat(r.get(TaskstatsField.NVCSW)).isEqualTo(1);
    }

    @Test
    void groupExitCarriesThePidRecordAndTheTgidAggregate() {
        byte[] bytes = Fixtures.bytes("exit-group-cpu0.hex");
        assertThat(bytes).hasSize(1172);
        DecodedDatagram d = decode(bytes);
        assertThat(d.malformed()).isEmpty();
        assertThat(d.records()).extracting(ExitRecord::kind).containsExactly(RecordKind.PID, RecordKind.TGID);
        ExitRecord thread = d.records().get(0);
        ExitRecord group = d.records().get(1);
        // The last thread to die was 2466 (killed by exit_group: AXSIG|AGROUP), in thread group 2463.
        assertThat(thread.pid()).isEqualTo(2466);
        assertThat(thread.tgid()).isEqualTo(2463);
        assertThat(thread.comm()).isEqualTo("python3");
        assertThat(thread.get(TaskstatsField.AC_EXITCODE)).isEqualTo(7 << 8);
        assertThat(thread.get(TaskstatsField.AC_FLAG)).isEqualTo(0x30);
        assertThat(group.taskId()).isEqualTo(2463);
        assertThat(group.tgid()).isEqualTo(2463);
        assertThat(group.comm()).isEmpty();
        assertThat(group.get(TaskstatsField.AC_PID)).isZero();
        assertThat(group.version()).isEqualTo(16);
        assertThat(group.seq()).isEqualTo(thread.seq()).isEqualTo(4);
        // The aggregate sums the threads: more CPU waits than the last thread alone.
        assertThat(group.delay(DelayClass.CPU).count()).isEqualTo(22).isGreaterThan(thread.delay(DelayClass.CPU).count());
        assertThat(group.delay(DelayClass.CPU).total()).isEqualTo(234106);
    }

    @Test
    void queryRepliesDecodeLikeExitEvents() {
        ExitRecord pid = decode(Fixtures.bytes("pid-query-reply.hex")).records().get(0);
        assertThat(pid.kind()).isEqualTo(RecordKind.PID);
        assertThat(pid.comm()).isEqualTo("sleep");
        assertThat(pid.taskId()).isEqualTo(2467);
        ExitRecord tgid = decode(Fixtures.bytes("tgid-query-reply.hex")).records().get(0);
        assertThat(tgid.kind()).isEqualTo(RecordKind.TGID);
        assertThat(tgid.taskId()).isEqualTo(2467);
        assertThat(tgid.get(TaskstatsField.AC_PID)).isZero();
    }

    @Test
    void errorRepliesGiveTheErrno() {
        assertThat(decode(Fixtures.bytes("register-ack.hex")).errors()).singleElement()
                .satisfies(e -> assertThat(e.errno()).isZero());
        assertThat(decode(Fixtures.bytes("register-error-einval.hex")).errors().get(0).errno())
                .isEqualTo(Errno.EINVAL.number());
        assertThat(decode(Fixtures.bytes("register-error-erange.hex")).errors().get(0).errno())
                .isEqualTo(Errno.ERANGE.number());
        DecodedDatagram esrch = decode(Fixtures.bytes("pid-query-esrch.hex"));
        assertThat(esrch.errors().get(0).errno()).isEqualTo(Errno.ESRCH.number());
        assertThat(esrch.records()).isEmpty();
        assertThat(esrch.malformed()).isEmpty();
    }

    @Test
    void familyReplyNamesTheId() {
        FamilyReply reply = FamilyReply.decode(ByteBuffer.wrap(Fixtures.bytes("getfamily-reply.hex")));
        assertThat(reply).isEqualTo(new FamilyReply.Found(FAMILY_ID, "TASKSTATS", 1, 0));
    }

    @Test
    void reEncodingCapturedExitsGivesTheKernelsBytes() {
        for (String name : new String[]{"exit-true-cpu0.hex", "exit-group-cpu0.hex"}) {
            byte[] kernel = Fixtures.bytes(name);
            DecodedDatagram d = decode(kernel);
            ExitRecord pid = d.records().get(0);
            ExitRecord tgid = d.records().size() > 1 ? d.records().get(1) : null;
            byte[] ours = tgid == null
                    ? ExitMessageEncoder.encode(FAMILY_ID, pid.seq(), pid.taskId(), pid.stats())
                    : ExitMessageEncoder.encode(FAMILY_ID, pid.seq(), pid.taskId(), pid.stats(), tgid.taskId(), tgid.stats());
            assertThat(ours).as(name).isEqualTo(kernel);
        }
    }

    /**
     * Captured on Debian unstable's Linux 7.2.13 (taskstats v17, src/test/scripts/capture_fixtures.py under
     * ../shared/tools/kernel-vm-unstable with delayacct on): the decoder reads the eight timestamps, the encoder
     * gives back the kernel's bytes, and the process total is joined to its last thread.
     */
    @Test
    void aV17KernelsExitsDecodeAndReEncodeExactly() {
        FamilyReply.Found family = (FamilyReply.Found) FamilyReply.decode(
                ByteBuffer.wrap(Fixtures.bytes("v17-getfamily-reply.hex")));
        for (String name : new String[]{"v17-exit-true-cpu0.hex", "v17-exit-group-cpu0.hex"}) {
            byte[] kernel = Fixtures.bytes(name);
            DecodedDatagram d = DecodedDatagram.decode(kernel, family.id(), 0, 0);
            assertThat(d.malformed()).as(name).isEmpty();
            ExitRecord pid = d.records().get(0);
            assertThat(pid.version()).isEqualTo(17);
            long end = (pid.get(TaskstatsField.AC_BTIME) + 60) * 1_000_000_000L; // btime has 1 s steps; slack
            long cpuMax = pid.get(TaskstatsField.CPU_DELAY_MAX_TS);
            assertThat(cpuMax).as("%s: a wall-clock time near the task's", name)
                    .isBetween((pid.get(TaskstatsField.AC_BTIME) - 60) * 1_000_000_000L,
                            end + pid.get(TaskstatsField.AC_ETIME) * 1_000);
            ExitRecord tgid = d.records().size() > 1 ? d.records().get(1) : null;
            byte[] ours = tgid == null
                    ? ExitMessageEncoder.encode(family.id(), pid.seq(), pid.taskId(), pid.stats())
                    : ExitMessageEncoder.encode(family.id(), pid.seq(), pid.taskId(), pid.stats(), tgid.taskId(),
                    tgid.stats());
            assertThat(ours).as(name).isEqualTo(kernel);
            if (tgid != null) {
                assertThat(tgid.version()).isEqualTo(17);
                assertThat(tgid.comm()).isEmpty();
                assertThat(tgid.command()).isEqualTo("python3");
                assertThat(tgid.taskId()).isEqualTo(pid.get(TaskstatsField.AC_TGID));
                // delayacct_add_tsk() copies max and max_ts from the thread added last, it does not combine
                assertThat(tgid.get(TaskstatsField.CPU_DELAY_MAX_TS)).isEqualTo(cpuMax);
            }
        }
    }

    /** A v15 payload built by hand from the v15 header: max/min right after each total. */
    @Test
    void decodesAHandBuiltV15Payload() {
        ByteBuffer p = ByteBuffer.allocate(560).order(ByteOrder.nativeOrder());
        p.putShort(0, (short) 15);
        p.putLong(16, 100);   // cpu_count
        p.putLong(24, 5000);  // cpu_delay_total
        p.putLong(32, 900);   // cpu_delay_max
        p.putLong(40, 10);    // cpu_delay_min
        p.putLong(48, 3);     // blkio_count
        p.putLong(56, 333);   // blkio_delay_total
        p.putLong(64, 200);   // blkio_delay_max
        p.put(128, (byte) 'v').put(129, (byte) '1').put(130, (byte) '5'); // ac_comm
        p.putInt(176, 4242);  // ac_pid
        p.putLong(192, 77);   // ac_etime
        p.putInt(464, 4240);  // ac_tgid
        p.putLong(536, 66);   // irq_delay_total
        p.putLong(544, 44);   // irq_delay_max
        p.putLong(552, 22);   // irq_delay_min
        ExitRecord r = decode(wrapPidMessage(p.array(), 4242)).records().get(0);
        assertThat(r.version()).isEqualTo(15);
        assertThat(r.delay(DelayClass.CPU)).isEqualTo(new io.taskscope.core.Delay(DelayClass.CPU, 100, 5000, 900, 10));
        assertThat(r.delay(DelayClass.BLKIO).max()).isEqualTo(200);
        assertThat(r.comm()).isEqualTo("v15");
        assertThat(r.get(TaskstatsField.AC_PID)).isEqualTo(4242);
        assertThat(r.get(TaskstatsField.AC_ETIME)).isEqualTo(77);
        assertThat(r.tgid()).isEqualTo(4240);
        assertThat(r.delay(DelayClass.IRQ)).isEqualTo(new io.taskscope.core.Delay(DelayClass.IRQ, 0, 66, 44, 22));
    }

    /** A v8 payload (328 bytes, as 2.6.3x kernels sent) built by hand: fields after v8 read 0. */
    @Test
    void decodesAHandBuiltV8Payload() {
        ByteBuffer p = ByteBuffer.allocate(328).order(ByteOrder.nativeOrder());
        p.putShort(0, (short) 8);
        p.putInt(4, 256);      // ac_exitcode: exit(1)
        p.putLong(40, 1234);   // blkio_delay_total
        p.put(80, (byte) 'o').put(81, (byte) 'l').put(82, (byte) 'd');
        p.putInt(128, 99);     // ac_pid
        p.putLong(248, 4096);  // read_bytes
        p.putLong(320, 555);   // freepages_delay_total
        ExitRecord r = decode(wrapPidMessage(p.array(), 99)).records().get(0);
        assertThat(r.version()).isEqualTo(8);
        assertThat(r.get(TaskstatsField.AC_EXITCODE)).isEqualTo(256);
        assertThat(r.delay(DelayClass.BLKIO).total()).isEqualTo(1234);
        assertThat(r.comm()).isEqualTo("old");
        assertThat(r.get(TaskstatsField.READ_BYTES)).isEqualTo(4096);
        assertThat(r.delay(DelayClass.FREEPAGES).total()).isEqualTo(555);
        assertThat(r.get(TaskstatsField.AC_TGID)).isZero();
        assertThat(r.delay(DelayClass.CPU).max()).isZero();
    }

    @Test
    void futureVersionsAreReadWithTheNewestLayout() {
        Taskstats v18 = Taskstats.builder().version(18).comm("next").set(TaskstatsField.IRQ_DELAY_MIN, 5)
                .set(TaskstatsField.IRQ_DELAY_MAX_TS, 1_790_000_000_000_000_007L).build();
        byte[] payload = Arrays.copyOf(encodePayload(v18, 17), 688 + 64); // v18 would append fields
        ExitRecord r = decode(wrapPidMessage(payload, 1)).records().get(0);
        assertThat(r.version()).isEqualTo(18);
        assertThat(TaskstatsLayout.isNewerThanKnown(r.version())).isTrue();
        assertThat(r.comm()).isEqualTo("next");
        assertThat(r.get(TaskstatsField.IRQ_DELAY_MIN)).isEqualTo(5);
        assertThat(r.get(TaskstatsField.IRQ_DELAY_MAX_TS)).isEqualTo(1_790_000_000_000_000_007L);
    }

    @Test
    void aV17PayloadShorterThanItsLayoutIsMalformed() {
        Taskstats v17 = Taskstats.builder().version(17).comm("short").build();
        byte[] payload = Arrays.copyOf(encodePayload(v17, 16), 560); // a v16-sized struct claiming v17
        DecodedDatagram d = decode(wrapPidMessage(payload, 1));
        assertThat(d.records()).isEmpty();
        assertThat(d.malformed()).singleElement().asString().contains("needs 688");
    }

    @Test
    void versionZeroAggregateIsReadWithItsPidRecordsLayout() {
        Taskstats thread = Taskstats.builder().version(8).comm("t").set(TaskstatsField.CPU_COUNT, 3).build();
        Taskstats group = Taskstats.builder().set(TaskstatsField.CPU_COUNT, 9).build(); // version 0, as before 5.9
        byte[] bytes = ExitMessageEncoder.encode(FAMILY_ID, 1, 10, thread, 9, group);
        DecodedDatagram d = decode(bytes);
        assertThat(d.malformed()).isEmpty();
        assertThat(d.records().get(1).version()).isZero();
        assertThat(d.records().get(1).delay(DelayClass.CPU).count()).isEqualTo(9);
    }

    @Test
    void shortStatsForItsVersionIsMalformed() {
        byte[] payload = Arrays.copyOf(encodePayload(Taskstats.builder().version(16).build(), 16), 432);
        DecodedDatagram d = decode(wrapPidMessage(payload, 1));
        assertThat(d.records()).isEmpty();
        assertThat(d.malformed()).singleElement().asString().contains("too short for taskstats version 16");
    }

    @Test
    void nullPaddingIsSkippedInsideAndOutsideTheNest() {
        byte[] kernel = Fixtures.bytes("exit-true-cpu0.hex");
        // Rebuild the message with a NULL attribute at top level and another before STATS.
        ByteBuffer in = ByteBuffer.wrap(kernel).order(ByteOrder.nativeOrder());
        ByteBuffer out = ByteBuffer.allocate(kernel.length + 8).order(ByteOrder.nativeOrder());
        out.put(kernel, 0, 20).putShort((short) 4).putShort((short) TaskstatsProtocol.TYPE_NULL);
        int nestLength = in.getShort(20) & 0xFFFF;
        out.putShort((short) (nestLength + 4)).putShort(in.getShort(22));
        out.put(kernel, 24, 8); // PID attribute
        out.putShort((short) 4).putShort((short) TaskstatsProtocol.TYPE_NULL);
        out.put(kernel, 32, kernel.length - 32);
        out.putInt(0, out.capacity());
        DecodedDatagram d = decode(out.array());
        assertThat(d.malformed()).isEmpty();
        assertThat(d.records()).singleElement().satisfies(r -> assertThat(r.comm()).isEqualTo("true"));
    }

    @Test
    void severalMessagesInOneDatagram() {
        byte[] a = Fixtures.bytes("exit-true-cpu0.hex");
        byte[] b = Fixtures.bytes("exit-group-cpu0.hex");
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(decode(both).records()).hasSize(3);
    }

    @Test
    void otherFamiliesAndCommandsAreIgnored() {
        byte[] bytes = Fixtures.bytes("exit-true-cpu0.hex");
        assertThat(DecodedDatagram.decode(bytes, FAMILY_ID + 1, 0, 0).records()).isEmpty();
        assertThat(DecodedDatagram.decode(bytes, 0, 0, 0).records()).hasSize(1); // 0 = any family
        byte[] request = NetlinkRequests.queryPid(FAMILY_ID, 1, 1);
        DecodedDatagram d = decode(request);
        assertThat(d.records()).isEmpty();
        assertThat(d.malformed()).isEmpty();
    }

    @Test
    void decodingLeavesTheCallersBufferAlone() {
        ByteBuffer buf = ByteBuffer.allocate(700);
        buf.position(50);
        buf.put(Fixtures.bytes("exit-true-cpu0.hex"));
        buf.flip().position(50);
        DecodedDatagram d = DecodedDatagram.decode(buf, FAMILY_ID, 1, 0);
        assertThat(d.records()).hasSize(1);
        assertThat(buf.position()).isEqualTo(50);
    }

    static byte[] encodePayload(Taskstats stats, int layoutVersion) {
        TaskstatsLayout layout = TaskstatsLayout.forVersion(layoutVersion);
        ByteBuffer b = ByteBuffer.allocate(layout.size()).order(ByteOrder.nativeOrder());
        layout.encode(stats, b, 0);
        return b.array();
    }

    /** nlmsghdr + genlmsghdr + AGGR_PID{PID, STATS(payload)} around a raw STATS payload. */
    static byte[] wrapPidMessage(byte[] payload, int pid) {
        int statsLength = 4 + payload.length;
        int nestLength = 4 + 8 + Netlink.align(statsLength);
        int length = 20 + nestLength;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) FAMILY_ID).putShort((short) 0).putInt(7).putInt(0);
        b.put((byte) TaskstatsProtocol.CMD_NEW).put((byte) 1).putShort((short) 0);
        b.putShort((short) nestLength).putShort((short) TaskstatsProtocol.TYPE_AGGR_PID);
        b.putShort((short) 8).putShort((short) TaskstatsProtocol.TYPE_PID).putInt(pid);
        b.putShort((short) statsLength).putShort((short) TaskstatsProtocol.TYPE_STATS).put(payload);
        return b.array();
    }
}
