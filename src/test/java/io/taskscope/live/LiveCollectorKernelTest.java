package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.session.ListenerFanout;
import io.taskscope.source.SourceBatch;
import io.taskscope.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.taskscope.testing.KernelUnavailable.assumeKernel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live collector against this machine's real kernel: pinned children, what each listener got, losses, shutdown.
 * Skips, with the reason, where taskstats listeners cannot be registered; CI runs it as root.
 */
@Tag("kernel")
class LiveCollectorKernelTest extends CollectorKernelTest {

    @Test
    void eachListenerGetsExactlyTheExitsOfItsCpus() throws Exception {
        start(LiveCollector.Settings.defaults());
        assertThat(collector.registeredCpus().toArray()).contains(0, 1);
        Path exiter = KernelSupport.exiter();
        List<Long> cpu0 = new ArrayList<>();
        List<Long> cpu1 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cpu0.add(KernelSupport.runPinned(0, exiter.toString(), "exit", Integer.toString(10 + i)));
            cpu1.add(KernelSupport.runPinned(1, exiter.toString(), "exit", Integer.toString(20 + i)));
        }
        Set<Long> ours = new java.util.HashSet<>(cpu0);
        ours.addAll(cpu1);
        List<ExitRecord> got = consumer.await(r -> r.kind() == RecordKind.PID && ours.contains(r.pid()), 10);
        assertThat(got).hasSize(10);

        List<Listener> listeners = List.of(new Listener(0, "a", 0, CpuSet.of(0)), new Listener(1, "b", 0, CpuSet.of(1)),
                new Listener(2, "all", 0, CpuSet.of(0, 1)));
        ListenerFanout fanout = new ListenerFanout(listeners, collector.info().cpuCount());
        Map<String, List<ExitRecord>> delivered = new HashMap<>();
        RecordBlock block = new RecordBlock(got.size());
        got.forEach(block::add);
        fanout.accept(new SourceBatch(block, List.of(), 0), (listener, b, row) ->
                delivered.computeIfAbsent(listener.name(), k -> new ArrayList<>()).add(b.record(row)));

        assertThat(delivered.get("a")).extracting(ExitRecord::pid).containsExactlyInAnyOrderElementsOf(cpu0);
        assertThat(delivered.get("b")).extracting(ExitRecord::pid).containsExactlyInAnyOrderElementsOf(cpu1);
        assertThat(delivered.get("all")).hasSize(10);
        for (ExitRecord r : got) {
            int i = cpu0.contains(r.pid()) ? cpu0.indexOf(r.pid()) : cpu1.indexOf(r.pid());
            int expectedCpu = cpu0.contains(r.pid()) ? 0 : 1;
            assertThat(r.cpu()).isEqualTo(expectedCpu);
            assertThat(r.comm()).isEqualTo("exiter");
            assertThat(r.get(TaskstatsField.AC_EXITCODE)).isEqualTo((long) ((expectedCpu == 0 ? 10 : 20) + i) << 8);
            assertThat(r.version()).isGreaterThanOrEqualTo(13);
        }
        assertThat(collector.taskstatsVersion()).isEqualTo(got.get(0).version());
        assertThat(consumer.stale).isZero();
    }

    @Test
    void multiThreadedProcessYieldsItsTgidAggregate() throws Exception {
        start(LiveCollector.Settings.defaults());
        long pid = KernelSupport.runPinned(1, KernelSupport.exiter().toString(), "threads", "3", "7");
        List<ExitRecord> got = consumer.await(r -> r.tgid() == pid, 5);
        assertThat(got).filteredOn(r -> r.kind() == RecordKind.PID).hasSize(4); // 3 threads + the leader
        ExitRecord group = got.stream().filter(r -> r.kind() == RecordKind.TGID).findFirst().orElseThrow();
        assertThat(group.taskId()).isEqualTo(pid);
        assertThat(group.cpu()).isEqualTo(1);
        assertThat(group.get(TaskstatsField.AC_PID)).isZero();
        long threadCpuCounts = got.stream().filter(r -> r.kind() == RecordKind.PID)
                .mapToLong(r -> r.delay(DelayClass.CPU).count()).sum();
        assertThat(group.delay(DelayClass.CPU).count()).isEqualTo(threadCpuCounts); // the aggregate sums its threads
        ExitRecord last = got.stream().filter(r -> r.kind() == RecordKind.PID && r.seq() == group.seq()).findFirst()
                .orElseThrow();
        assertThat(last.get(TaskstatsField.AC_EXITCODE)).isEqualTo(7 << 8);
    }

    @Test
    void blockIoDelayIsCountedWhenDelayAccountingIsOn() throws Exception {
        DelayAccounting sysctl = new DelayAccounting();
        assumeKernel(sysctl.available(), "kernel.task_delayacct is not available");
        Path target = Path.of("target").toAbsolutePath();
        try (KernelSupport.DirectIoTarget out = KernelSupport.directIoTarget(target, target,
                Path.of(System.getProperty("java.io.tmpdir")), Path.of("/var/tmp"),
                Path.of(System.getProperty("user.home"))).orElseThrow(() -> new AssertionError(
                        "no loop device and no directory on a disk here: target, tmpdir, /var/tmp, home"));
                DelayAccounting.Restore restore = sysctl.enable()) {
            start(LiveCollector.Settings.defaults());
            long pid = KernelSupport.runPinned(0, "dd", "if=/dev/zero", "of=" + out.path(), "bs=64k", "count=128",
                    "oflag=direct", "conv=fsync");
            ExitRecord dd = consumer.await(r -> r.pid() == pid, 1).get(0);
            assertThat(dd.comm()).isEqualTo("dd");
            assertThat(dd.get(TaskstatsField.AC_EXITCODE)).as("dd's exit code writing to %s", out.path()).isZero();
            assertThat(dd.delay(DelayClass.BLKIO).count()).as("dd's block-I/O waits writing to %s (copy-on-write"
                    + " waits, counted only with delay accounting on: %d)", out.path(),
                    dd.delay(DelayClass.WPCOPY).count()).isPositive();
            assertThat(dd.delay(DelayClass.BLKIO).total()).isPositive();
            if (dd.version() >= 16) {
                assertThat(dd.delay(DelayClass.BLKIO).max()).isGreaterThanOrEqualTo(dd.delay(DelayClass.BLKIO).min());
            }
        }
    }

    /** A socket of a message or two overflows under a storm whoever reads it: the kernel's loss, counted exactly. */
    @Test
    void lossesOfATinySocketAreCountedExactly() throws Exception {
        start(LiveCollector.Settings.defaults().withReceiveBuffer(1)); // the kernel's minimum: a message or two
        Path exiter = KernelSupport.exiter();
        int cpu = 1;
        long startMarker = KernelSupport.runPinned(cpu, exiter.toString(), "exit", "0");
        ExitRecord first = consumer.await(r -> r.pid() == startMarker, 1).get(0);

        int threads = 2000;
        long storm = KernelSupport.runPinned(cpu, exiter.toString(), "storm", Integer.toString(threads));

        // The socket may still be full when the storm is over, so one end marker can be lost like any storm exit
        // (a CI run lost it once): several follow, and the first to arrive closes the window. Markers lost before it
        // are exits between the two markers like any other (background) and are counted as such.
        java.util.Set<Long> endMarkers = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            endMarkers.add(KernelSupport.runPinned(cpu, exiter.toString(), "exit", "0"));
        }
        ExitRecord last = consumer.await(r -> r.kind() == RecordKind.PID && endMarkers.contains(r.pid()), 1).get(0);
        long stormExits = threads + 1; // each thread, then the process (its PID and TGID records share a message)
        long stormReceived;
        long exitsBetween = last.seq() - first.seq() - 1; // the kernel numbered every exit on this CPU
        long receivedBetween;
        synchronized (consumer) {
            stormReceived = consumer.records.stream()
                    .filter(r -> r.tgid() == storm && r.kind() == RecordKind.PID).count();
            receivedBetween = consumer.records.stream().filter(r -> r.cpu() == cpu && r.kind() == RecordKind.PID
                    && r.seq() > first.seq() && r.seq() < last.seq()).count();
        }
        long lost = consumer.lostOn(cpu);
        long background = exitsBetween - stormExits; // other tasks that exited on that CPU meanwhile
        System.out.printf("storm: %d exits, %d received, %d lost (%d ENOBUFS), %d background%n", stormExits,
                stormReceived, lost, consumer.overflowsOn(cpu), background);
        assertThat(lost).as("records lost").isPositive();
        assertThat(consumer.overflowsOn(cpu)).as("ENOBUFS episodes").isPositive();
        assertThat(receivedBetween + lost).as("received + lost = every exit the kernel numbered").isEqualTo(exitsBetween);
        assertThat(background).isGreaterThanOrEqualTo(0);
        assertThat(lost).as("lost = storm exits - storm records received (+ any background lost)")
                .isBetween(stormExits - stormReceived, stormExits - stormReceived + background);
    }

    @Test
    void stopDeregistersEveryCpu() throws Exception {
        start(LiveCollector.Settings.defaults());
        Map<Integer, Integer> ports = collector.portIds();
        assertThat(ports.keySet()).as("a port per registered CPU").isNotEmpty()
                .containsExactlyElementsOf(collector.registeredCpus().stream().boxed().toList());
        collector.stop();
        assertThat(consumer.states).anyMatch(s -> s.startsWith("STOPPED"));
        List<NetlinkSocket> impostors = new ArrayList<>();
        // A second collector sees the exits below arrive: the kernel sends an exit to every listener of its CPU
        // before the task is gone, so once the witness has it, a socket still registered would have it too.
        LiveCollector witness = new LiveCollector(LiveCollector.Settings.defaults());
        KernelSupport.Collector witnessed = new KernelSupport.Collector();
        try {
            for (int port : ports.values()) {
                impostors.add(NetlinkSocket.open(port)); // the port ids are free again: bind new sockets to them
            }
            witness.start(witnessed);
            Path exiter = KernelSupport.exiter();
            for (int cpu : ports.keySet()) {
                long pid = KernelSupport.runPinned(cpu, exiter.toString(), "exit", "0");
                assertThat(witnessed.await(r -> r.pid() == pid, 1)).as("the witness saw exit %d", pid).hasSize(1);
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
            for (NetlinkSocket s : impostors) {
                assertThat(s.receive(buffer)).as("datagrams for port %d after stop", s.portId()).isZero();
            }
        } finally {
            witness.stop();
            impostors.forEach(NetlinkSocket::close);
        }
    }

    /**
     * Takes an online CPU offline and back (root, where the machine lets it: CPU 0 usually cannot go); the collector
     * follows. The sets expected are worked out from the CPUs online when the test starts, whatever their number.
     */
    @Test
    void followsCpusGoingOfflineAndComingBack() throws Exception {
        CpuSet online = SystemCpus.read().online();
        int cpu = hotpluggable(online);
        assumeKernel(cpu >= 0, "no online CPU of " + online.toCpulist() + " can be taken offline here");
        Path cpuOnline = SystemCpus.SYSFS.resolve("cpu" + cpu).resolve("online");
        start(LiveCollector.Settings.defaults().withHotplugMillis(100));
        assertThat(collector.registeredCpus()).isEqualTo(online);
        try {
            Files.writeString(cpuOnline, "0");
            awaitRegistered(online.without(cpu));
            Files.writeString(cpuOnline, "1");
            awaitRegistered(online);
            long pid = KernelSupport.runPinned(cpu, KernelSupport.exiter().toString(), "exit", "3");
            ExitRecord r = consumer.await(x -> x.pid() == pid, 1).get(0);
            assertThat(r.cpu()).isEqualTo(cpu);
        } finally {
            Files.writeString(cpuOnline, "1");
        }
    }

    /** The highest online CPU whose online file can be written, or -1. */
    private static int hotpluggable(CpuSet online) {
        for (int cpu = online.last(); cpu >= 0; cpu--) {
            if (online.contains(cpu) && Files.isWritable(SystemCpus.SYSFS.resolve("cpu" + cpu).resolve("online"))) {
                return cpu;
            }
        }
        return -1;
    }

    private void awaitRegistered(CpuSet expected) throws Exception {
        Await.until("the collector listens on CPUs " + expected.toCpulist(),
                () -> collector.registeredCpus().equals(expected),
                () -> "it listens on " + collector.registeredCpus().toCpulist());
    }

    @Test
    void reportsWhatTheKernelGranted() throws Exception {
        start(LiveCollector.Settings.defaults().withReceiveBuffer(1 << 20));
        assertThat(collector.grantedReceiveBuffer()).isGreaterThanOrEqualTo(1 << 20);
        assertThat(collector.familyId()).isPositive();
        Set<Integer> distinctPorts = collector.portIds().values().stream().collect(Collectors.toSet());
        assertThat(distinctPorts).hasSize(collector.portIds().size());
    }
}
