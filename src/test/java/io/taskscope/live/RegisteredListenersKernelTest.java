package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.RegisteredListenerReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered listeners on the real kernel: each its own socket on its cpumask, beside the per-CPU reference sockets.
 * A small, slowly read buffer loses in a storm and a big one does not; the reference loses nothing; what the small
 * one lost per CPU is what that CPU's reference received after it registered minus what its own socket got, and in
 * total what the kernel itself counted as dropped on its socket (sk_drops).
 */
@Tag("kernel")
class RegisteredListenersKernelTest extends CollectorKernelTest {

    private void startWith(List<RegisteredListener> listeners) throws Exception {
        collector = new LiveCollector(LiveCollector.Settings.defaults(), listeners);
        collector.start(consumer);
    }

    /** Exit records the consumer (the reference sockets) got on {@code cpu} numbered after {@code afterSeq}. */
    private long referenceReceived(int cpu, long afterSeq) {
        synchronized (consumer) {
            return consumer.records.stream().filter(r -> r.cpu() == cpu && r.kind() == RecordKind.PID
                    && (afterSeq < 0 || (int) (r.seq() - afterSeq) > 0)).count();
        }
    }

    @Test
    void aSmallSlowListenerLosesInAStormAndABigOneDoesNotAndEachLossIsPlacedOnItsCpu() throws Exception {
        CpuSet both = CpuSet.of(0, 1);
        startWith(List.of(new RegisteredListener("small", both, 64 << 10, 2_000),
                new RegisteredListener("big", both, 16 << 20, 0)));
        int threads = 30_000;
        Process on0 = KernelSupport.startPinned(0, KernelSupport.exiter().toString(), "storm", Integer.toString(threads));
        Process on1 = KernelSupport.startPinned(1, KernelSupport.exiter().toString(), "storm", Integer.toString(threads));
        assertThat(on0.waitFor()).isZero();
        assertThat(on1.waitFor()).isZero();
        collector.stop(); // deregisters, then reads what every socket still holds: the figures are final

        List<RegisteredListenerReport> reports = collector.registeredReports();
        assertThat(reports).extracting(r -> r.listener().name()).containsExactly("small", "big");
        RegisteredListenerReport small = reports.get(0);
        RegisteredListenerReport big = reports.get(1);
        LiveCounters reference = collector.counters();
        for (int cpu = 0; cpu <= 1; cpu++) {
            assertThat(reference.kernelLostByCpu()[cpu]).as("the reference lost nothing on CPU %d", cpu).isZero();
            assertThat(reference.queueDroppedByCpu()[cpu]).isZero();
        }
        System.out.printf("registered: small sent %d got %d lost %d (on %s, %d ENOBUFS, sk_drops %d); "
                        + "big sent %d got %d lost %d%n", small.sentTotal(), small.receivedTotal(), small.lostTotal(),
                small.lostOn(), small.overflows(), small.socketDrops(), big.sentTotal(), big.receivedTotal(),
                big.lostTotal());

        assertThat(small.lostTotal()).as("64 KiB read at 2 000 records/s loses in the storm").isPositive();
        assertThat(small.overflows()).as("and the kernel said ENOBUFS to it").isPositive();
        if (small.socketDrops() >= 0) {
            assertThat(small.lostTotal()).as("placed per CPU, the losses add up to the kernel's sk_drops")
                    .isEqualTo(small.socketDrops());
        }
        assertThat(big.lostTotal()).as("16 MiB read at once loses nothing").isZero();
        assertThat(big.overflows()).isZero();
        assertThat(big.socketDrops()).isIn(0L, -1L);
        assertThat(small.unknown()).as("every copy found its reference").isZero();
        assertThat(big.unknown()).isZero();
        for (int cpu = 0; cpu <= 1; cpu++) {
            ListenerAttribution.Figures f = collector.attributionFigures(0);
            long referenceGot = referenceReceived(cpu, f.sentAfterSeq()[cpu]);
            assertThat(small.sent()[cpu]).as("what CPU %d sent small = what its reference got after", cpu)
                    .isEqualTo(referenceGot);
            assertThat(small.lost(cpu)).as("small's loss on CPU %d", cpu)
                    .isEqualTo(referenceGot - small.received()[cpu]);
            assertThat(small.received()[cpu]).as("small got records from CPU %d", cpu).isPositive();
            assertThat(big.received()[cpu]).as("big got all of CPU %d", cpu).isEqualTo(big.sent()[cpu])
                    .isGreaterThanOrEqualTo(threads);
        }
    }

    @Test
    void aListenerOnCpu0GetsNothingFromExitsOnCpu1() throws Exception {
        // 8 MiB: at the default 208 KiB a burst of 500 exits already overflows it (166 messages fit)
        startWith(List.of(new RegisteredListener("zero", CpuSet.of(0), 8 << 20, 0)));
        int exits = 500;
        long on1 = KernelSupport.runPinned(1, KernelSupport.exiter().toString(), "storm", Integer.toString(exits));
        long on0 = KernelSupport.runPinned(0, KernelSupport.exiter().toString(), "storm", Integer.toString(exits));
        consumer.await(r -> r.pid() == on0 && r.tgid() == on0, 1);
        consumer.await(r -> r.pid() == on1 && r.tgid() == on1, 1);
        collector.stop();

        RegisteredListenerReport zero = collector.registeredReports().get(0);
        assertThat(zero.sent()[1]).as("CPU 1 is not in its mask").isZero();
        assertThat(zero.received()[1]).isZero();
        assertThat(zero.received()[0]).as("the CPU-0 storm reached it").isGreaterThanOrEqualTo(exits + 1)
                .isEqualTo(zero.sent()[0]);
        assertThat(zero.unknown()).as("nothing it got was from elsewhere").isZero();
        assertThat(zero.grantedBytes()).as("the buffer asked for (sk_rcvbuf: twice SO_RCVBUF)").isEqualTo(16 << 20);
        assertThat(zero.lostTotal()).isZero();
    }
}
