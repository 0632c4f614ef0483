package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.live.ProbeReport.Check;
import io.taskscope.live.ProbeReport.Status;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.taskstats.FamilyReply;
import io.taskscope.taskstats.NetlinkRequests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, as {@code taskscope probe} and the GUI's diagnostics pane show them, whether live collection can work on
 * this machine, and what to do when it cannot. It asks the kernel itself where it can (resolving the family,
 * querying our own pid, registering and deregistering one CPU) rather than guessing from the outside.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    public static ProbeReport run() {
        List<Check> checks = new ArrayList<>();
        String release = KernelFacts.release();
        checks.add(new Check("kernel", Status.INFO, "Linux " + release, ""));

        Optional<SystemCpus> cpus = readCpus(checks);
        namespaceChecks(checks);

        Optional<Integer> familyId = Optional.empty();
        Optional<Integer> version = Optional.empty();
        try (NetlinkSocket socket = NetlinkSocket.open()) {
            TaskstatsChannel channel = new TaskstatsChannel(socket);
            FamilyReply reply = channel.resolveFamily();
            if (reply instanceof FamilyReply.Found found) {
                familyId = Optional.of(found.id());
                checks.add(new Check("taskstats-family", Status.OK, "TASKSTATS generic netlink family id " + found.id(), ""));
                version = permissionChecks(checks, channel, found.id(), cpus);
            } else {
                checks.add(new Check("taskstats-family", Status.FAIL, LiveProblems.NO_FAMILY.diagnosis() + " ("
                        + reply + ")", LiveProblems.NO_FAMILY.fix()));
            }
        } catch (NativeException | LinkageError e) {
            checks.add(new Check("netlink", Status.FAIL, LiveProblems.NO_NETLINK.diagnosis() + " (" + e.getMessage()
                    + ")", LiveProblems.NO_NETLINK.fix()));
        }

        Optional<Boolean> delayacct = delayAccountingCheck(checks);
        irqCheck(checks);
        bufferCheck(checks);
        return new ProbeReport(release, familyId, version, cpus, delayacct, List.copyOf(checks));
    }

    private static Optional<SystemCpus> readCpus(List<Check> checks) {
        try {
            SystemCpus cpus = SystemCpus.read();
            checks.add(new Check("cpus", Status.INFO, "possible " + cpus.possible() + ", online " + cpus.online()
                    + ", NR_CPUS " + cpus.nrCpus(), ""));
            return Optional.of(cpus);
        } catch (IOException | RuntimeException e) {
            checks.add(new Check("cpus", Status.FAIL, "cannot read " + SystemCpus.SYSFS + ": " + e.getMessage(),
                    "mount sysfs (/sys)"));
            return Optional.empty();
        }
    }

    private static void namespaceChecks(List<Check> checks) {
        Optional<Boolean> user = KernelFacts.inInitialUserNamespace();
        Optional<Boolean> pid = KernelFacts.inInitialPidNamespace();
        Optional<Boolean> net = KernelFacts.inInitialNetNamespace();
        checks.add(namespaceCheck("user-namespace", user, "the initial user namespace", LiveProblems.NOT_INIT_USER));
        checks.add(namespaceCheck("pid-namespace", pid, "the initial PID namespace", LiveProblems.NOT_INIT_PID));
        checks.add(namespaceCheck("net-namespace", net, "the initial network namespace", LiveProblems.NOT_INIT_NET));
    }

    private static Check namespaceCheck(String name, Optional<Boolean> initial, String what,
                                        LiveProblems.Problem problem) {
        if (initial.isEmpty()) {
            return new Check(name, Status.WARN, "cannot tell whether this process is in " + what, "");
        }
        return initial.get() ? new Check(name, Status.OK, "in " + what, "")
                : new Check(name, Status.FAIL, problem.diagnosis(), problem.fix());
    }

    /** Asks the kernel: a PID query of ourselves and a register/deregister of one CPU (both need CAP_NET_ADMIN). */
    private static Optional<Integer> permissionChecks(List<Check> checks, TaskstatsChannel channel, int familyId,
                                                      Optional<SystemCpus> cpus) throws NativeException {
        int self = (int) ProcessHandle.current().pid();
        int[] version = {0};
        int errno = channel.request(familyId, (f, s) -> NetlinkRequests.queryPid(f, s, self), -1,
                r -> version[0] = r.version());
        if (errno != 0) {
            LiveProblems.Problem problem = LiveProblems.forErrno(errno, "a taskstats query of our own pid");
            checks.add(new Check("permission", Status.FAIL, problem.diagnosis(), problem.fix()));
            return Optional.empty();
        }
        checks.add(new Check("taskstats-version", version[0] >= 1 ? Status.OK : Status.WARN,
                "struct taskstats version " + version[0] + (version[0] == 15
                        ? " (v15: the short-lived layout with interleaved max/min, decoded as such)" : ""), ""));
        CpuSet online = cpus.map(SystemCpus::online).orElse(CpuSet.of(0));
        String cpu = Integer.toString(Math.max(0, online.nextCpu(0)));
        errno = channel.request(familyId, (f, s) -> NetlinkRequests.registerCpumask(f, s, cpu), -1, r -> { });
        if (errno == 0) {
            channel.request(familyId, (f, s) -> NetlinkRequests.deregisterCpumask(f, s, cpu), -1, r -> { });
            checks.add(new Check("permission", Status.OK, "a listener on CPU " + cpu + " registered and deregistered", ""));
            checks.add(deliveryCheck());
        } else {
            LiveProblems.Problem problem = LiveProblems.forErrno(errno, "a listener on CPU " + cpu);
            checks.add(new Check("permission", Status.FAIL, problem.diagnosis(), problem.fix()));
        }
        return Optional.of(version[0]);
    }

    /** The whole path: the live collector starts, and the exit of a test process reaches it. */
    private static Check deliveryCheck() {
        try {
            LiveCollector collector = new LiveCollector(LiveCollector.Settings.defaults());
            collector.start(batch -> { });
            collector.stop();
            return new Check("delivery", Status.OK, "per-CPU listeners on CPUs " + collector.info().possible()
                    + " received a test process's exit", "");
        } catch (io.taskscope.source.SourceException e) {
            return new Check("delivery", Status.FAIL, e.getMessage(), "see above; or use the simulator: --source sim");
        }
    }

    private static Optional<Boolean> delayAccountingCheck(List<Check> checks) {
        DelayAccounting sysctl = new DelayAccounting();
        if (!sysctl.available()) {
            checks.add(new Check("delay-accounting", Status.WARN, "kernel.task_delayacct does not exist: delay "
                    + "accounting is compiled out (CONFIG_TASK_DELAY_ACCT) or the kernel predates 5.14 (then the boot "
                    + "parameter decides). CPU delay still works.", "boot with the 'delayacct' kernel parameter"));
            return Optional.empty();
        }
        try {
            boolean on = sysctl.isOn();
            checks.add(on ? new Check("delay-accounting", Status.OK, "kernel.task_delayacct = 1", "")
                    : new Check("delay-accounting", Status.WARN, "kernel.task_delayacct = 0: only CPU delay is "
                    + "measured. Block I/O, swap-in, reclaim, thrashing, compaction, write-protect-copy and IRQ "
                    + "delays need it on, and then only for tasks forked after it was switched on.",
                    DelayAccounting.ENABLE_COMMAND + "   (or taskscope listen --enable-delayacct)"));
            return Optional.of(on);
        } catch (IOException e) {
            checks.add(new Check("delay-accounting", Status.WARN, "cannot read kernel.task_delayacct: " + e.getMessage(), ""));
            return Optional.empty();
        }
    }

    private static void irqCheck(List<Check> checks) {
        Optional<String> irqTime = KernelFacts.configOption("CONFIG_IRQ_TIME_ACCOUNTING");
        if (irqTime.isEmpty()) {
            checks.add(new Check("irq-delay", Status.INFO, "kernel config not readable: cannot tell whether IRQ delay "
                    + "(irq_count, irq_delay_total) can be non-zero", ""));
        } else if (irqTime.get().equals("y")) {
            checks.add(new Check("irq-delay", Status.OK, "CONFIG_IRQ_TIME_ACCOUNTING=y: IRQ delay is measured", ""));
        } else {
            checks.add(new Check("irq-delay", Status.INFO, "CONFIG_IRQ_TIME_ACCOUNTING is off: IRQ delay is always 0 "
                    + "on this kernel", "a kernel built with CONFIG_IRQ_TIME_ACCOUNTING=y"));
        }
    }

    private static void bufferCheck(List<Check> checks) {
        boolean force = KernelFacts.hasCapability(KernelFacts.CAP_NET_ADMIN);
        String rmemMax = read(Path.of("/proc/sys/net/core/rmem_max"));
        checks.add(new Check("receive-buffer", Status.INFO, force
                ? "SO_RCVBUFFORCE permitted: per-CPU sockets get the buffer asked for (--receive-buffer)"
                : "SO_RCVBUFFORCE not permitted: buffers are capped at net.core.rmem_max = " + rmemMax, ""));
    }

    private static String read(Path file) {
        try {
            return ProcFiles.read(file);
        } catch (IOException e) {
            return "?";
        }
    }
}
