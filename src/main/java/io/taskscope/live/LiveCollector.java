package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Errno;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.live.nativeio.Poller;
import io.taskscope.session.LossEvent;
import io.taskscope.session.Source;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceException;
import io.taskscope.session.SourceInfo;
import io.taskscope.session.SourceKind;
import io.taskscope.session.SourceState;
import io.taskscope.taskstats.DatagramDecoder;
import io.taskscope.taskstats.DatagramSink;
import io.taskscope.taskstats.FamilyReply;
import io.taskscope.taskstats.NetlinkRequests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The live source: real taskstats listeners in this kernel.
 * <p>
 * It registers <b>one netlink socket per online CPU, each on that single CPU</b>. The record does not say where the
 * task exited, so the socket that received it does; and since {@code nlmsg_seq} is a per-CPU counter, a
 * single-CPU socket can count its losses exactly from the gaps (see {@link SequenceTracker}). Virtual listeners are
 * routed downstream in Java, as the kernel would route them. One reader thread polls every socket.
 * <p>
 * Registrations outlive a crashed process (the kernel only drops an entry when a send to it fails), and the first
 * socket a process binds gets its TGID as port id, so a restarted Taskscope could inherit a predecessor's
 * listeners: every socket therefore deregisters all possible CPUs before registering its own, and the control
 * socket (which never registers) counts any exit it receives as stale. On stop, and at JVM shutdown, every CPU is
 * deregistered and every socket closed.
 */
public final class LiveCollector implements Source {

    /**
     * @param receiveBufferBytes SO_RCVBUF(FORCE) asked for each per-CPU socket
     * @param hotplugMillis      how often /sys/devices/system/cpu/online is re-read
     * @param maxBatch           the most records in one batch
     */
    public record Settings(int receiveBufferBytes, int hotplugMillis, int maxBatch) {
        public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;

        public static Settings defaults() {
            return new Settings(DEFAULT_RECEIVE_BUFFER, 1000, 4096);
        }

        public Settings withReceiveBuffer(int bytes) {
            return new Settings(bytes, hotplugMillis, maxBatch);
        }

        public Settings withHotplugMillis(int millis) {
            return new Settings(receiveBufferBytes, millis, maxBatch);
        }
    }

    private static final int POLL_MILLIS = 50;
    private static final int MAX_DATAGRAMS_PER_SOCKET_PER_ROUND = 512;

    private final Settings settings;
    private final SystemCpus cpus;
    private final SourceInfo info;

    private volatile boolean running;
    private Thread reader;
    private Thread shutdownHook;
    private SourceConsumer consumer;

    // Owned by the reader thread once started.
    private int familyId;
    private TaskstatsChannel control;
    private final TreeMap<Integer, TaskstatsChannel> perCpu = new TreeMap<>();
    private SequenceTracker sequences;
    private final RecordBlock pending;
    private final List<LossEvent> pendingLosses = new ArrayList<>();
    private long pendingStale;
    private volatile int taskstatsVersion;
    private volatile int grantedReceiveBuffer;

    public LiveCollector(Settings settings) throws SourceException {
        this.settings = settings;
        try {
            this.cpus = SystemCpus.read();
        } catch (IOException e) {
            throw new SourceException("Cannot read this machine's CPUs from " + SystemCpus.SYSFS + ": " + e.getMessage());
        }
        this.sequences = new SequenceTracker(cpus.limits().nrCpuIds());
        this.pending = new RecordBlock(settings.maxBatch());
        this.info = new SourceInfo(SourceKind.LIVE, "live: " + KernelFacts.hostname() + " (Linux "
                + KernelFacts.release() + ")", cpus.limits(), cpus.possible());
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /** The struct taskstats version this kernel sends (known after start). */
    public int taskstatsVersion() {
        return taskstatsVersion;
    }

    /** The TASKSTATS family id (known after start). */
    public int familyId() {
        return familyId;
    }

    /** What the kernel granted each per-CPU socket as receive buffer, in bytes (known after start). */
    public int grantedReceiveBuffer() {
        return grantedReceiveBuffer;
    }

    /** CPU time the reader thread (poll, recv, decode, hand-over) has used, in ns; 0 before start. */
    public long readerCpuNanos() {
        Thread r = reader;
        return r == null ? 0 : java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(r.getId());
    }

    @Override
    public CpuSet onlineCpus() {
        return running ? registeredCpus() : cpus.online();
    }

    /**
     * The CPUs that currently have a registered socket. Lock-free (a volatile copy), so consumers may ask while
     * holding their own locks.
     */
    public CpuSet registeredCpus() {
        return registered;
    }

    private volatile CpuSet registered = CpuSet.empty();

    /** The netlink port id of each registered CPU's socket. */
    public synchronized java.util.Map<Integer, Integer> portIds() {
        java.util.Map<Integer, Integer> out = new TreeMap<>();
        perCpu.forEach((cpu, channel) -> out.put(cpu, channel.socket().portId()));
        return out;
    }

    @Override
    public synchronized void start(SourceConsumer consumer) throws SourceException {
        if (running) {
            throw new IllegalStateException("already started");
        }
        this.consumer = consumer;
        consumer.stateChanged(SourceState.STARTING, info.description());
        refuseUnworkableNamespaces();
        try {
            openControl();
            for (int cpu = cpus.online().nextCpu(0); cpu >= 0; cpu = cpus.online().nextCpu(cpu + 1)) {
                openCpu(cpu);
            }
            decoder = new DatagramDecoder(familyId);
            rewatch();
            checkDelivery();
        } catch (SourceException e) {
            closeAll();
            throw e;
        } catch (NativeException e) {
            closeAll();
            throw new SourceException(LiveProblems.forSocketFailure(e).message(), e);
        }
        running = true;
        reader = new Thread(this::readLoop, "taskscope-live-reader");
        reader.setDaemon(true);
        shutdownHook = new Thread(this::stop, "taskscope-live-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        reader.start();
        consumer.stateChanged(SourceState.RUNNING, "listening on CPUs " + registeredCpus().toCpulist()
                + " (taskstats v" + taskstatsVersion + ")");
    }

    /**
     * Runs /bin/true and waits for its exit record. In a non-initial network namespace registration succeeds but
     * nothing is ever delivered, and not every kernel lets us tell that namespace apart from the outside: the
     * kernel's own answer settles it.
     */
    private void checkDelivery() throws SourceException, NativeException {
        java.nio.file.Path probe = java.nio.file.Path.of("/bin/true");
        if (!java.nio.file.Files.isExecutable(probe)) {
            return;
        }
        long pid;
        try {
            Process p = new ProcessBuilder(probe.toString()).start();
            p.waitFor();
            pid = p.pid();
        } catch (IOException e) {
            return; // cannot run it: skip the check rather than refuse
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            pollOnce(50);
            for (int row = 0; row < pending.size(); row++) {
                if (pending.isPid(row) && pending.taskId(row) == pid) {
                    return;
                }
            }
        }
        throw new SourceException(KernelFacts.inInitialNetNamespace().orElse(false)
                ? "Registration succeeded but the exit of a test process (/bin/true, pid " + pid + ") was not "
                + "delivered within 2 s. Run taskscope probe for the details."
                : LiveProblems.NOT_INIT_NET.message());
    }

    private static void refuseUnworkableNamespaces() throws SourceException {
        if (!KernelFacts.inInitialPidNamespace().orElse(true)) {
            throw new SourceException(LiveProblems.NOT_INIT_PID.message());
        }
        if (!KernelFacts.inInitialNetNamespace().orElse(true)) {
            throw new SourceException(LiveProblems.NOT_INIT_NET.message());
        }
    }

    private void openControl() throws NativeException, SourceException {
        control = new TaskstatsChannel(NetlinkSocket.open());
        FamilyReply family = control.resolveFamily();
        if (family instanceof FamilyReply.Found found) {
            familyId = found.id();
        } else if (family instanceof FamilyReply.Refused refused && refused.errno() == Errno.ENOENT.number()) {
            throw new SourceException(LiveProblems.NO_FAMILY.message());
        } else {
            throw new SourceException("Could not resolve the TASKSTATS family: " + family);
        }
        String all = cpus.possible().toCpulist();
        int errno = control.request(familyId, (f, s) -> NetlinkRequests.deregisterCpumask(f, s, all), -1, r -> pendingStale++);
        if (errno != 0) {
            throw new SourceException(LiveProblems.forErrno(errno, "deregistering CPUs " + all).message());
        }
        // Our own pid's statistics tell the struct version this kernel speaks before any exit arrives.
        int self = (int) ProcessHandle.current().pid();
        errno = control.request(familyId, (f, s) -> NetlinkRequests.queryPid(f, s, self), -1,
                r -> taskstatsVersion = r.version());
        if (errno != 0) {
            throw new SourceException(LiveProblems.forErrno(errno, "a query of pid " + self).message());
        }
    }

    private void openCpu(int cpu) throws NativeException, SourceException {
        NetlinkSocket socket = NetlinkSocket.open();
        TaskstatsChannel channel = new TaskstatsChannel(socket);
        try {
            grantedReceiveBuffer = socket.setReceiveBuffer(settings.receiveBufferBytes());
            String all = cpus.possible().toCpulist();
            int errno = channel.request(familyId, (f, s) -> NetlinkRequests.deregisterCpumask(f, s, all), cpu,
                    r -> pendingStale++);
            if (errno == 0) {
                errno = channel.request(familyId, (f, s) -> NetlinkRequests.registerCpumask(f, s, Integer.toString(cpu)),
                        cpu, this::accept);
            }
            if (errno != 0) {
                throw new SourceException(LiveProblems.forErrno(errno, "a listener on CPU " + cpu).message());
            }
        } catch (NativeException | SourceException e) {
            socket.close();
            throw e;
        }
        synchronized (this) {
            perCpu.put(cpu, channel);
            registered = registered.with(cpu);
        }
        sequences.reset(cpu);
    }

    private void closeCpu(int cpu) {
        TaskstatsChannel channel;
        synchronized (this) {
            channel = perCpu.remove(cpu);
            registered = registered.without(cpu);
        }
        if (channel == null) {
            return;
        }
        try {
            channel.request(familyId, (f, s) -> NetlinkRequests.deregisterCpumask(f, s, Integer.toString(cpu)), cpu,
                    this::accept);
        } catch (NativeException e) {
            // The socket is going away; the kernel drops its entry at the next exit on that CPU (ECONNREFUSED).
        }
        channel.socket().close();
        sequences.reset(cpu);
    }

    private void closeAll() {
        for (Integer cpu : new ArrayList<>(perCpu.keySet())) {
            closeCpu(cpu);
        }
        if (control != null) {
            control.socket().close();
            control = null;
        }
    }

    @Override
    public void stop() {
        Thread r;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            r = reader;
        }
        if (r != Thread.currentThread()) {
            try {
                r.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
            // stop() is running as that hook
        }
    }

    // ---- the reader thread ----

    private final ByteBuffer datagram = ByteBuffer.allocateDirect(TaskstatsChannel.RECEIVE_BUFFER_BYTES);
    private final Poller poller = new Poller();
    private DatagramDecoder decoder;
    private final RecordSink sink = new RecordSink();
    private TaskstatsChannel[] watched = new TaskstatsChannel[0];
    private int[] watchedCpus = new int[0];

    private void readLoop() {
        long nextHotplug = System.nanoTime();
        String failure = null;
        try {
            while (running) {
                if (System.nanoTime() >= nextHotplug) {
                    followHotplug();
                    nextHotplug = System.nanoTime() + settings.hotplugMillis() * 1_000_000L;
                }
                pollOnce(POLL_MILLIS);
                flush();
            }
        } catch (NativeException | RuntimeException e) {
            failure = e.getMessage();
        } finally {
            closeAll();
            flush();
            running = false;
            consumer.stateChanged(failure == null ? SourceState.STOPPED : SourceState.FAILED,
                    failure == null ? "stopped; every CPU deregistered" : "live collection failed: " + failure);
        }
    }

    /** Waits up to {@code timeoutMillis} for input, then reads what every ready socket has. */
    private void pollOnce(int timeoutMillis) throws NativeException {
        if (poller.poll(timeoutMillis) > 0) {
            for (int i = 0; i < watched.length; i++) {
                if (poller.isReady(i)) {
                    drain(watched[i], watchedCpus[i]);
                }
            }
        }
    }

    private void rewatch() {
        List<TaskstatsChannel> channels = new ArrayList<>();
        List<Integer> cpuOf = new ArrayList<>();
        channels.add(control);
        cpuOf.add(-1);
        synchronized (this) {
            perCpu.forEach((cpu, channel) -> {
                channels.add(channel);
                cpuOf.add(cpu);
            });
        }
        watched = channels.toArray(new TaskstatsChannel[0]);
        watchedCpus = cpuOf.stream().mapToInt(Integer::intValue).toArray();
        int[] fds = new int[watched.length];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = watched[i].socket().fd();
        }
        poller.watch(fds);
    }

    /** Registers CPUs that came online and drops the ones that went offline. */
    private void followHotplug() throws NativeException {
        CpuSet online;
        try {
            online = SystemCpus.readOnline(SystemCpus.SYSFS);
        } catch (IOException e) {
            return; // keep what we have
        }
        CpuSet current = registeredCpus();
        if (online.equals(current)) {
            return;
        }
        CpuSet gone = current.minus(online);
        CpuSet added = online.minus(current).intersect(cpus.possible());
        for (int cpu = gone.nextCpu(0); cpu >= 0; cpu = gone.nextCpu(cpu + 1)) {
            closeCpu(cpu);
        }
        for (int cpu = added.nextCpu(0); cpu >= 0; cpu = added.nextCpu(cpu + 1)) {
            try {
                openCpu(cpu);
            } catch (SourceException e) {
                consumer.stateChanged(SourceState.DEGRADED, "CPU " + cpu + " came online but: " + e.getMessage());
            }
        }
        rewatch();
        consumer.stateChanged(SourceState.RUNNING, "CPUs online changed: now listening on " + registeredCpus());
    }

    private void drain(TaskstatsChannel channel, int cpu) throws NativeException {
        for (int n = 0; n < MAX_DATAGRAMS_PER_SOCKET_PER_ROUND; n++) {
            int length;
            try {
                length = channel.socket().receive(datagram);
            } catch (NativeException e) {
                if (e.is(Errno.ENOBUFS)) {
                    if (cpu >= 0) {
                        pendingLosses.add(new LossEvent(cpu, LossEvent.ALL_LISTENERS, 0, LossEvent.Cause.ENOBUFS,
                                WallClock.nowNanos()));
                    }
                    continue;
                }
                throw e;
            }
            if (length == 0) {
                return;
            }
            sink.cpu = cpu;
            decoder.decode(datagram, cpu, WallClock.nowNanos(), sink);
            if (pending.size() >= settings.maxBatch()) {
                flush();
            }
        }
    }

    /** Takes a record that arrived on {@code record.cpu()}'s socket (or, with cpu -1, on the control socket). */
    private void accept(ExitRecord record) {
        int cpu = record.cpu();
        if (cpu < 0) {
            pendingStale++; // the control socket never registers: whatever reaches it is a predecessor's leftover
            return;
        }
        if (record.kind() == RecordKind.PID) { // a TGID aggregate shares its PID record's message and seq
            long lost = sequences.observe(cpu, record.seq());
            if (lost > 0) {
                pendingLosses.add(new LossEvent(cpu, LossEvent.ALL_LISTENERS, lost, LossEvent.Cause.SEQUENCE_GAP,
                        record.receivedNanos()));
            }
        }
        if (taskstatsVersion == 0) {
            taskstatsVersion = record.version();
        }
        pending.add(record);
    }

    private void flush() {
        if (pending.isEmpty() && pendingLosses.isEmpty() && pendingStale == 0) {
            return;
        }
        SourceBatch batch = new SourceBatch(pending, pendingLosses, pendingStale);
        pendingLosses.clear();
        pendingStale = 0;
        consumer.batch(batch);
        pending.clear();
    }

    private final class RecordSink implements DatagramSink {
        int cpu;

        @Override
        public void record(ExitRecord record) {
            accept(record);
        }

        @Override
        public void error(int errno, long seq) {
            if (errno != 0) {
                consumer.stateChanged(SourceState.DEGRADED, "the kernel reported " + Errno.describe(errno)
                        + " on CPU " + cpu + "'s socket");
            }
        }

        @Override
        public void malformed(String reason) {
            consumer.stateChanged(SourceState.DEGRADED, "malformed datagram on CPU " + cpu + ": " + reason);
        }
    }
}
