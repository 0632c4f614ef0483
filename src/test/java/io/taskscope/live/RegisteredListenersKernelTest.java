package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.source.ListenerSockets;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.RegisteredListenerReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

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
            ListenerAttribution.Figures f = collector.attributionFigures("small");
            long referenceGot = referenceReceived(cpu, f.sentAfterSeq()[cpu]);
            assertThat(small.sent()[cpu]).as("what CPU %d sent small = what its reference got after", cpu)
                    .isEqualTo(referenceGot);
            assertThat(small.lost(cpu)).as("small's loss on CPU %d", cpu)
                    .isEqualTo(referenceGot - small.received()[cpu]);
            assertThat(small.received()[cpu]).as("small got records from CPU %d", cpu).isPositive();
            assertThat(big.received()[cpu]).as("big got all of CPU %d", cpu).isEqualTo(big.sent()[cpu])
                    .isGreaterThanOrEqualTo(threads);
        }
        assertCopiesAreWhatTheSocketsGot(small);
        assertCopiesAreWhatTheSocketsGot(big);
    }

    /**
     * The records handed on as the listener's own (for its views) are exactly what its socket got, per CPU, and each
     * is on the CPU whose reference socket got the same message (seq and pid): the kernel's exit CPU.
     */
    private void assertCopiesAreWhatTheSocketsGot(RegisteredListenerReport report) {
        String name = report.listener().name();
        synchronized (consumer) {
            java.util.Set<List<Long>> references = new java.util.HashSet<>();
            for (ExitRecord r : consumer.records) {
                if (r.kind() == RecordKind.PID) {
                    references.add(List.of((long) r.cpu(), r.seq(), r.pid()));
                }
            }
            List<ExitRecord> copies = consumer.copies.getOrDefault(name, List.of()).stream()
                    .filter(r -> r.kind() == RecordKind.PID).toList();
            for (int cpu = 0; cpu <= 1; cpu++) {
                int c = cpu;
                assertThat(copies.stream().filter(r -> r.cpu() == c).count())
                        .as("%s's copies shown on CPU %d = what its socket got there", name, cpu)
                        .isEqualTo(report.received()[cpu]);
            }
            assertThat(copies).as("each of %s's copies is on its reference's CPU", name)
                    .allMatch(r -> references.contains(List.of((long) r.cpu(), r.seq(), r.pid())));
        }
        assertThat(collector.unshownCopies()).as("no copy was left out of the views").isZero();
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

    /** Waits until the reader has applied an edit: the kernel has {@code name}'s socket on {@code mask}. */
    private void awaitRegisteredOn(String name, CpuSet mask) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (collector.registeredReports().stream().noneMatch(r -> r.listener().name().equals(name)
                && r.registeredOn().equals(mask))) {
            assertThat(System.nanoTime()).as("the edit of %s to %s was applied", name, mask).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Exit records the reference got on {@code cpu} in all. */
    private long referenceTotal(int cpu) {
        return referenceReceived(cpu, -1);
    }

    @Test
    void editingAMaskRegistersTheSocketAnewAndDeregistersWhatItLeft() throws Exception {
        startWith(List.of(new RegisteredListener("zero", CpuSet.of(0), 8 << 20, 0)));
        ListenerSockets sockets = collector.listenerSockets().orElseThrow();
        int exits = 300;
        String exiter = KernelSupport.exiter().toString();
        long before = KernelSupport.runPinned(1, exiter, "storm", Integer.toString(exits));
        consumer.await(r -> r.pid() == before && r.tgid() == before, 1);
        long referenceBefore = referenceTotal(1);

        sockets.register(List.of(new RegisteredListener("zero", CpuSet.of(0, 1), 8 << 20, 0)));
        awaitRegisteredOn("zero", CpuSet.of(0, 1));
        long added = KernelSupport.runPinned(1, exiter, "storm", Integer.toString(exits));
        consumer.await(r -> r.pid() == added && r.tgid() == added, 1);
        // CPU 0 was registered again with 0-1: the kernel keeps one entry per socket and CPU, so no copy twice
        long again0 = KernelSupport.runPinned(0, exiter, "storm", Integer.toString(exits));
        consumer.await(r -> r.pid() == again0 && r.tgid() == again0, 1);

        sockets.register(List.of(new RegisteredListener("zero", CpuSet.of(1), 8 << 20, 0)));
        awaitRegisteredOn("zero", CpuSet.of(1));
        long received0AtEdit = collector.attributionFigures("zero").received()[0];
        long left = KernelSupport.runPinned(0, exiter, "storm", Integer.toString(exits));
        consumer.await(r -> r.pid() == left && r.tgid() == left, 1);
        int port = collector.listenerPorts().get("zero");
        collector.stop();

        RegisteredListenerReport zero = collector.registeredReports().get(0);
        ListenerAttribution.Figures f = collector.attributionFigures("zero");
        assertThat(zero.registeredOn()).isEqualTo(CpuSet.of(1));
        assertThat(zero.problem()).isNull();
        assertThat(zero.sent()[1]).as("CPU 1 counts from the edit on: the storm before it was not sent")
                .isEqualTo(referenceReceived(1, f.sentAfterSeq()[1]))
                .isLessThanOrEqualTo(referenceTotal(1) - referenceBefore)
                .isGreaterThanOrEqualTo(exits + 1);
        assertThat(zero.received()[1]).as("and every exit on CPU 1 after it reached the socket once")
                .isEqualTo(zero.sent()[1]);
        assertThat(zero.received()[0]).as("nothing from CPU 0 once it was left").isEqualTo(received0AtEdit)
                .isEqualTo(zero.sent()[0]).as("and each CPU-0 exit before once, not twice")
                .isGreaterThanOrEqualTo(exits + 1);
        assertThat(f.beforeRegistration()).as("the CPU-0 storm after the edit was not sent to it").isLessThan(exits);
        assertThat(zero.unknown()).isZero();

        // the stop deregistered it: a fresh socket bound to its port gets nothing of exits on either CPU
        LiveCollector witness = new LiveCollector(LiveCollector.Settings.defaults());
        KernelSupport.Collector witnessed = new KernelSupport.Collector();
        try (NetlinkSocketCloser impostor = new NetlinkSocketCloser(NetlinkSocket.open(port))) {
            witness.start(witnessed);
            for (int cpu = 0; cpu <= 1; cpu++) {
                long pid = KernelSupport.runPinned(cpu, exiter, "exit", "0");
                assertThat(witnessed.await(r -> r.pid() == pid, 1)).hasSize(1);
            }
            assertThat(impostor.socket.receive(ByteBuffer.allocateDirect(65536))).as("datagrams after stop").isZero();
        } finally {
            witness.stop();
        }
    }

    @Test
    void aMaskBeyondThePossibleCpusIsRefusedWithTheKernelsErrorAndTheOldOneStays() throws Exception {
        startWith(List.of(new RegisteredListener("zero", CpuSet.of(0), 8 << 20, 0)));
        int beyond = SystemCpus.read().limits().nrCpuIds();
        collector.listenerSockets().orElseThrow().register(List.of(
                new RegisteredListener("zero", CpuSet.of(0, beyond), 8 << 20, 0)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (collector.registeredReports().get(0).problem() == null) {
            assertThat(System.nanoTime()).as("the kernel answered").isLessThan(deadline);
            Thread.sleep(5);
        }
        RegisteredListenerReport zero = collector.registeredReports().get(0);
        assertThat(zero.problem()).contains("refused its cpumask 0," + beyond).containsAnyOf("ERANGE", "EINVAL");
        assertThat(zero.registeredOn()).isEqualTo(CpuSet.of(0));
    }

    private record NetlinkSocketCloser(NetlinkSocket socket) implements AutoCloseable {
        @Override
        public void close() {
            socket.close();
        }
    }
}
