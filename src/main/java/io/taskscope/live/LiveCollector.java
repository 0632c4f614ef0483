package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Errno;
import io.taskscope.live.nativeio.CurrentThread;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.source.ListenerSockets;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.RegisteredListenerReport;
import io.taskscope.source.Source;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import io.taskscope.source.SourceState;
import io.taskscope.taskstats.FamilyReply;
import io.taskscope.taskstats.NetlinkRequests;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live source: real taskstats listeners in this kernel.
 * <p>
 * It registers <b>one netlink socket per online CPU, each on that single CPU</b>. The record does not say where the
 * task exited, so the socket that received it does; and what a socket lost is what its CPU lost: counted from the
 * socket's own drop counter, or from the gaps of the per-CPU {@code nlmsg_seq} (see {@link LossLedger}). Virtual
 * listeners are routed downstream, as the kernel would route them.
 * <p>
 * Two threads, one job each: the {@link SocketReader} owns the sockets and only reads them, into a bounded queue
 * outside the heap ({@link DatagramQueue}, {@link Settings#queueBytes()}); the {@link RecordDispatcher} decodes what
 * is queued and hands batches to the consumer. Whatever the consumer does, the reader keeps draining the kernel's
 * queues; if the consumer falls so far behind that the queue is full, records are dropped and counted as Taskscope's
 * loss, apart from the kernel's.
 * <p>
 * Registrations outlive a crashed process (the kernel only drops an entry when a send to it fails), and the first
 * socket a process binds gets its TGID as port id, so a restarted Taskscope could inherit a predecessor's
 * listeners: every socket therefore deregisters all possible CPUs before registering its own, and the control
 * socket (which never registers) counts any exit it receives as stale. On stop, and at JVM shutdown, every CPU is
 * deregistered, what the sockets still hold is read and delivered, and every socket closed.
 */
public final class LiveCollector implements Source {

    /** How the kernel's drops are counted (see {@link LossLedger}). */
    public enum LossCounting {
        /**
         * From each socket's own drop counter (sk_drops, SO_MEMINFO: Linux 4.12+), read as an overflow ends: exact
         * at once, no extra exit, and blind to sequence numbers sent out of turn. Sockets whose kernel has no
         * counter fall back to {@link #SENTINEL}.
         */
        SOCKET_COUNTER,
        /** From sequence gaps, with a sentinel exit on a CPU that went quiet after an overflow. */
        SENTINEL
    }

    /**
     * @param receiveBufferBytes SO_RCVBUF(FORCE) asked for each per-CPU socket
     * @param hotplugMillis      how often /sys/devices/system/cpu/online is re-read
     * @param maxBatch           the most records in one batch
     * @param queueBytes         the bound of the queue between the socket reader and the decoder
     * @param readerNice         the nice value the socket reader asks for (0: none; below 0 needs CAP_SYS_NICE)
     * @param lossCounting       how the kernel's drops are counted
     */
    public record Settings(int receiveBufferBytes, int hotplugMillis, int maxBatch, long queueBytes, int readerNice,
                           LossCounting lossCounting) {
        public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
        /*
         * 0, measured: nice -10 for the reader changed nothing under storm-compare's storm (10 fresh listen runs
         * each way, 0 lost in all 20, the reader's longest gap 51-111 ms either way), so no privilege is asked for.
         */
        public static final int DEFAULT_READER_NICE = 0;

        public static Settings defaults() {
            return new Settings(DEFAULT_RECEIVE_BUFFER, 1000, 4096, QueueSize.defaultBytes(), DEFAULT_READER_NICE,
                    LossCounting.SOCKET_COUNTER);
        }

        public Settings withReceiveBuffer(int bytes) {
            return new Settings(bytes, hotplugMillis, maxBatch, queueBytes, readerNice, lossCounting);
        }

        public Settings withHotplugMillis(int millis) {
            return new Settings(receiveBufferBytes, millis, maxBatch, queueBytes, readerNice, lossCounting);
        }

        /** The queue's bound; more than {@link QueueSize#maxBytes()} is cut to that. */
        public Settings withQueueBytes(long bytes) {
            return new Settings(receiveBufferBytes, hotplugMillis, maxBatch, bytes, readerNice, lossCounting);
        }

        public Settings withReaderNice(int nice) {
            return new Settings(receiveBufferBytes, hotplugMillis, maxBatch, queueBytes, nice, lossCounting);
        }

        public Settings withLossCounting(LossCounting counting) {
            return new Settings(receiveBufferBytes, hotplugMillis, maxBatch, queueBytes, readerNice, counting);
        }
    }

    private final Settings settings;
    /** The listeners to register at the start; null: no registered listeners (per-CPU sockets alone). */
    private volatile java.util.List<RegisteredListener> registered;
    private volatile RegisteredSockets listenerSockets;
    private volatile ListenerAttribution attribution;
    private final SystemCpus cpus;
    private final SourceInfo info;

    private volatile boolean running;
    private boolean stopping;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile int taskstatsVersion;
    private volatile int grantedReceiveBuffer;
    private int familyId;
    private final Map<Integer, Integer> ports = new ConcurrentHashMap<>();

    private DatagramQueue queue;
    private SocketReader reader;
    private volatile RecordDispatcher dispatcher;
    private Sentinels sentinels;
    private Thread readerThread;
    private Thread dispatcherThread;
    private Thread shutdownHook;
    private volatile String niceProblem;

    public LiveCollector(Settings settings) throws SourceException {
        this(settings, null);
    }

    /**
     * With {@code registered} listeners: each gets a socket of its own, registered on its cpumask, beside the per-CPU
     * reference sockets, and {@link #registeredReports()} says what each was sent and got per CPU. The records the
     * consumer gets are the reference sockets' (every exit once). Null: none, and none can be added later.
     */
    public LiveCollector(Settings settings, java.util.List<RegisteredListener> registered) throws SourceException {
        this.settings = settings;
        this.registered = registered == null ? null : java.util.List.copyOf(registered);
        try {
            this.cpus = SystemCpus.read();
        } catch (IOException e) {
            throw new SourceException("Cannot read this machine's CPUs from " + SystemCpus.SYSFS + ": " + e.getMessage());
        }
        this.info = new SourceInfo(SourceKind.LIVE, "live: " + KernelFacts.hostname() + " (Linux "
                + KernelFacts.release() + ")", cpus.limits(), cpus.possible());
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /** The struct taskstats version this kernel sends (known after start). */
    @Override
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

    /** CPU time the socket reader thread has used, in ns; 0 before start. */
    public long readerCpuNanos() {
        return cpuNanos(readerThread);
    }

    /** CPU time the dispatcher thread (decoding, and the consumer it calls) has used, in ns; 0 before start. */
    public long dispatcherCpuNanos() {
        return cpuNanos(dispatcherThread);
    }

    private static long cpuNanos(Thread t) {
        long n = t == null ? -1 : ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
        return Math.max(0, n);
    }

    /** The queue's bound in bytes (after the cap of {@link QueueSize#maxBytes()}). */
    public long queueCapacityBytes() {
        DatagramQueue q = queue;
        return q == null ? QueueSize.capped(settings.queueBytes()) : q.capacityBytes();
    }

    /** Memory the queue holds now. */
    public long queueHeldBytes() {
        DatagramQueue q = queue;
        return q == null ? 0 : q.heldBytes();
    }

    /** Bytes queued and not yet decoded. */
    public long queueBacklogBytes() {
        DatagramQueue q = queue;
        return q == null ? 0 : q.backlogBytes();
    }

    /** Sentinel exits made to count losses no record revealed (see {@link Sentinels}). */
    public long sentinelsMade() {
        Sentinels s = sentinels;
        return s == null ? 0 : s.made();
    }

    /**
     * The longest the socket reader went between two rounds of reading, in ns: a poll that waited for nothing
     * counts (up to its 50 ms timeout), so only what is above that says the reader was held up.
     */
    public long readerLongestGapNanos() {
        SocketReader r = reader;
        return r == null ? 0 : r.longestGapNanos();
    }

    /** Why the reader's nice value could not be set, or null. */
    public String niceProblem() {
        return niceProblem;
    }

    /**
     * The socket reader's counts for every CPU, as they are this moment: exits queued, dropped by the queue, lost in
     * the kernel (as revealed), ENOBUFS episodes. Exact at any time: what the kernel numbered on a CPU = exits +
     * queue dropped + kernel lost, once its overflows are revealed (at stop always).
     */
    public LiveCounters counters() {
        SocketReader r = reader;
        int n = cpus.limits().nrCpuIds();
        long[] exits = new long[n];
        long[] kernel = new long[n];
        long[] queued = new long[n];
        long[] overflows = new long[n];
        if (r != null) {
            for (int cpu = 0; cpu < n; cpu++) {
                LossLedger.CpuCounters c = r.counters(cpu);
                exits[cpu] = c.exits();
                kernel[cpu] = c.kernelLost();
                queued[cpu] = c.queueDropped();
                overflows[cpu] = c.overflows();
            }
        }
        return new LiveCounters(exits, kernel, queued, overflows);
    }

    @Override
    public CpuSet onlineCpus() {
        return running ? registeredCpus() : cpus.online();
    }

    /** The CPUs that currently have a registered socket. Lock-free (a volatile copy). */
    public CpuSet registeredCpus() {
        SocketReader r = reader;
        return r == null ? CpuSet.empty() : r.registeredCpus();
    }

    /** The netlink port id of each registered CPU's socket. */
    public Map<Integer, Integer> portIds() {
        return new TreeMap<>(ports);
    }

    @Override
    public synchronized void start(SourceConsumer consumer) throws SourceException {
        if (readerThread != null) {
            throw new IllegalStateException("a live collector starts once");
        }
        consumer.stateChanged(SourceState.STARTING, info.description());
        refuseUnworkableNamespaces();
        queue = new DatagramQueue(QueueSize.capped(settings.queueBytes()));
        TaskstatsChannel control = null;
        try {
            control = new TaskstatsChannel(NetlinkSocket.open());
            familyId = resolveFamily(control);
            attribution = registered == null ? null : new ListenerAttribution(cpus.limits().nrCpuIds(),
                    ListenerAttribution.ringFor(KernelFacts.rmemDefault()));
            dispatcher = new RecordDispatcher(queue, familyId, settings.maxBatch(), consumer, attribution);
            sentinels = new Sentinels(cpus.limits().nrCpuIds(), (cpu, why) -> dispatcher.post(SourceState.DEGRADED,
                    "could not make a sentinel exit on CPU " + cpu + " (" + why + "); its unrevealed losses are "
                            + "counted from the socket's drop counter at stop"));
            reader = new SocketReader(queue, familyId, cpus, settings.receiveBufferBytes(),
                    settings.hotplugMillis() * 1_000_000L, settings.lossCounting(), sentinels, dispatcher,
                    this::portChanged);
            CpuSocket controlSocket = reader.socketFor(control.socket(), -1);
            prepareControl(control, controlSocket);
            reader.watch(controlSocket);
            for (int cpu = cpus.online().nextCpu(0); cpu >= 0; cpu = cpus.online().nextCpu(cpu + 1)) {
                openCpu(cpu);
            }
            if (registered != null) {
                listenerSockets = new RegisteredSockets(familyId, cpus.possible(), settings.lossCounting(),
                        attribution);
                reader.listenWith(listenerSockets);
                listenerSockets.openAtStart(reader, registered);
            }
        } catch (SourceException e) {
            abandon(control);
            throw e;
        } catch (NativeException e) {
            abandon(control);
            throw new SourceException(LiveProblems.forSocketFailure(e).message(), e);
        }
        dispatcherThread = new Thread(dispatcher, "taskscope-live-dispatcher");
        dispatcherThread.setDaemon(true);
        readerThread = new Thread(this::readOnNicerTerms, "taskscope-live-reader");
        readerThread.setDaemon(true);
        running = true;
        dispatcherThread.start();
        readerThread.start();
        try {
            checkDelivery();
        } catch (SourceException e) {
            dispatcher.silence();
            stop();
            throw e;
        }
        shutdownHook = new Thread(this::stop, "taskscope-live-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        dispatcher.post(SourceState.RUNNING, "listening on CPUs " + registeredCpus().toCpulist()
                + " (taskstats v" + taskstatsVersion + ")" + (registered == null ? ""
                : "; registered mode: each listener on a socket of its own, beside the per-CPU ones"));
    }

    private void readOnNicerTerms() {
        try {
            if (settings.readerNice() != 0) {
                int errno = CurrentThread.setNice(settings.readerNice());
                if (errno != 0) {
                    niceProblem = "nice " + settings.readerNice() + " refused: " + Errno.describe(errno);
                    dispatcher.post(SourceState.DEGRADED, "the socket reader's " + niceProblem);
                }
            }
        } catch (RuntimeException | LinkageError e) { // e.g. a libc without gettid: read at the nice it has
            niceProblem = "nice " + settings.readerNice() + " not possible here: " + e;
        } finally {
            reader.run();
        }
    }

    private void portChanged(int cpu, int port) {
        if (port < 0) {
            ports.remove(cpu);
        } else {
            ports.put(cpu, port);
        }
    }

    /** Closes what start() opened before it failed (no thread runs yet). */
    private void abandon(TaskstatsChannel control) {
        if (sentinels != null) {
            sentinels.close();
        }
        if (reader != null) {
            reader.closeBeforeStart();
        } else if (control != null) {
            control.socket().close();
        }
        queue.close();
    }

    /**
     * Runs /bin/true and waits for its exit record. In a non-initial network namespace registration succeeds but
     * nothing is ever delivered, and not every kernel lets us tell that namespace apart from the outside: the
     * kernel's own answer settles it.
     */
    private void checkDelivery() throws SourceException {
        java.nio.file.Path probe = java.nio.file.Path.of("/bin/true");
        if (!java.nio.file.Files.isExecutable(probe)) {
            return;
        }
        long pid;
        dispatcher.notePids(true);
        try {
            Process p = new ProcessBuilder(probe.toString()).start();
            p.waitFor();
            pid = p.pid();
        } catch (IOException e) {
            dispatcher.notePids(false);
            return; // cannot run it: skip the check rather than refuse
        } catch (InterruptedException e) {
            dispatcher.notePids(false);
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        boolean delivered;
        while (!(delivered = dispatcher.sawPid(pid)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        dispatcher.notePids(false);
        if (!delivered) {
            throw new SourceException(KernelFacts.inInitialNetNamespace().orElse(false)
                    ? "Registration succeeded but the exit of a test process (/bin/true, pid " + pid + ") was not "
                    + "delivered within 2 s. Run taskscope probe for the details."
                    : LiveProblems.NOT_INIT_NET.message());
        }
    }

    private static void refuseUnworkableNamespaces() throws SourceException {
        if (!KernelFacts.inInitialPidNamespace().orElse(true)) {
            throw new SourceException(LiveProblems.NOT_INIT_PID.message());
        }
        if (!KernelFacts.inInitialNetNamespace().orElse(true)) {
            throw new SourceException(LiveProblems.NOT_INIT_NET.message());
        }
    }

    private static int resolveFamily(TaskstatsChannel control) throws NativeException, SourceException {
        FamilyReply family = control.resolveFamily();
        if (family instanceof FamilyReply.Found found) {
            return found.id();
        } else if (family instanceof FamilyReply.Refused refused && refused.errno() == Errno.ENOENT.number()) {
            throw new SourceException(LiveProblems.NO_FAMILY.message());
        }
        throw new SourceException("Could not resolve the TASKSTATS family: " + family);
    }

    private void prepareControl(TaskstatsChannel control, CpuSocket controlSocket)
            throws NativeException, SourceException {
        String all = cpus.possible().toCpulist();
        int errno = control.requestRaw(familyId, (f, s) -> NetlinkRequests.deregisterCpumask(f, s, all),
                d -> reader.admit(controlSocket, d));
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
        CpuSocket cpuSocket = null;
        try {
            grantedReceiveBuffer = socket.setReceiveBuffer(settings.receiveBufferBytes());
            cpuSocket = reader.socketFor(socket, cpu); // its drop counter is read now, before anything can drop
            int errno = reader.cleanThenRegister(channel, cpuSocket, Integer.toString(cpu));
            if (errno != 0) {
                throw new SourceException(LiveProblems.forErrno(errno, "a listener on CPU " + cpu).message());
            }
        } catch (NativeException | SourceException e) {
            if (cpuSocket != null) {
                reader.unwatch(cpuSocket);
            }
            socket.close();
            throw e;
        }
        ports.put(cpu, socket.portId());
    }

    /** Tests: each registered listener's netlink port, by name. */
    Map<String, Integer> listenerPorts() {
        return listenerSockets.ports();
    }

    /** Tests: listener copies left out of their views (see {@link ListenerCopyRows}). */
    long unshownCopies() {
        return dispatcher.unshownCopies();
    }

    /** Tests: registered listener {@code name}'s attribution as it stands. */
    ListenerAttribution.Figures attributionFigures(String name) {
        return listenerSockets.figures(name);
    }

    @Override
    public java.util.Optional<ListenerSockets> listenerSockets() {
        return java.util.Optional.of(new ListenerSockets() {
            @Override
            public void register(java.util.List<RegisteredListener> listeners) {
                synchronized (LiveCollector.this) {
                    if (readerThread == null) {
                        registered = java.util.List.copyOf(listeners);
                    } else if (listenerSockets != null && running) {
                        listenerSockets.want(listeners);
                    } else if (listenerSockets == null) {
                        throw new IllegalStateException("started without registered listeners");
                    }
                }
            }

            @Override
            public boolean inUse() {
                return registered != null;
            }

            @Override
            public java.util.List<RegisteredListenerReport> reports() {
                return registeredReports();
            }
        });
    }

    /** What each registered listener was sent and got, per CPU (exact once stopped); empty without any. */
    public java.util.List<RegisteredListenerReport> registeredReports() {
        RegisteredSockets s = listenerSockets;
        return s == null ? java.util.List.of() : s.reports();
    }

    /**
     * Asks for a sentinel exit on every CPU whose socket overflowed since its last record, now rather than once
     * it has been quiet a while: the loss counts are then exact as soon as the sentinels' records arrive.
     */
    public void revealLosses() {
        SocketReader r = reader;
        if (r != null) {
            r.revealNow();
        }
    }

    /** Tests only: the socket reader stops reading (a reader starved of CPU) until released. */
    void holdReaderForTests(boolean on) {
        reader.holdForTests(on);
    }

    /**
     * Stops: reveals unrevealed overflows, deregisters every CPU, reads and delivers what the sockets still hold,
     * then reports STOPPED. Blocks until the dispatcher has handed the consumer everything.
     */
    @Override
    public void stop() {
        boolean first;
        synchronized (this) {
            if (readerThread == null) {
                return; // never started
            }
            first = !stopping;
            stopping = true;
            running = false;
        }
        if (!first) { // another thread (the shutdown hook, say) is stopping it: wait until it is done
            boolean interrupted = false;
            while (true) {
                try {
                    stopped.await(200, java.util.concurrent.TimeUnit.SECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        reader.requestStop();
        boolean interrupted = join(readerThread, 90_000);
        interrupted |= join(dispatcherThread, 90_000);
        if (!readerThread.isAlive() && !dispatcherThread.isAlive()) {
            queue.close(); // both are done with it: its memory can go
        }
        sentinels.close();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
                // stop() is running as that hook
            }
        }
        stopped.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins {@code t} for up to {@code millis}, an interrupt notwithstanding; returns whether one came. */
    private static boolean join(Thread t, long millis) {
        if (t == Thread.currentThread()) {
            return false;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (t.isAlive()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                interrupted = true; // stopping must finish: the interrupt is given back afterwards
            }
        }
        return interrupted;
    }
}
