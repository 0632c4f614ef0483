package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Errno;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.ReceiveBatch;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.live.nativeio.Poller;
import io.taskscope.session.LossEvent;
import io.taskscope.session.SourceState;
import io.taskscope.taskstats.Netlink;
import io.taskscope.taskstats.NetlinkRequests;
import io.taskscope.taskstats.TaskstatsProtocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;

/**
 * The thread that owns the live collector's sockets, and only reads them: {@code poll}, then {@code recv} straight
 * into the {@link DatagramQueue}, with no lock, no call into a consumer and no object per datagram. What it does
 * besides copying is what must happen at the socket, in arrival order:
 * <ul>
 *   <li>the per-CPU sequence check ({@link SequenceTracker}): a gap is a kernel loss, written into the queue as a
 *       LOSS entry beside the records;</li>
 *   <li>ENOBUFS ({@code netlink_overrun()}: the socket's queue overflowed), noted as an episode;</li>
 *   <li>when its queue is full, the datagram is read anyway (so the kernel's queue keeps draining), and counted as
 *       dropped by Taskscope's queue; the counts follow as LOSS entries as soon as there is room again;</li>
 *   <li>an overflow that no later record has revealed yet, on a CPU that then went quiet, gets a sentinel exit
 *       ({@link Sentinels}), whose sequence number counts it.</li>
 * </ul>
 * So for every CPU, at every moment: exits the kernel numbered = exits queued + dropped by the queue + lost in the
 * kernel (revealed), and {@link #counters()} reads those figures as they are.
 * <p>
 * Stopping ({@link #requestStop()}) reveals what overflows are still unrevealed, deregisters every CPU, waits for
 * the acknowledgements (after which the kernel queues nothing more: {@code add_del_listener()} takes the per-CPU
 * listener lock {@code send_cpu_listeners()} holds), reads what the sockets still hold, checks the kernel's own drop
 * counters (SO_MEMINFO), closes the sockets and writes the END entry.
 */
final class SocketReader implements Runnable {

    /** A socket we read; {@code cpu} -1 is the control socket, which never registers. */
    static final class Watched {
        final NetlinkSocket socket;
        final int cpu;
        /** sk_drops when it was opened (SO_MEMINFO), or -1 where the kernel cannot tell. */
        final long dropsAtOpen;
        int nextSeq = 1 << 20; // distinct from the synchronous channel's request numbers
        int awaitedAck = -1;
        boolean deregistered;

        Watched(NetlinkSocket socket, int cpu) {
            this.socket = socket;
            this.cpu = cpu;
            NetlinkSocket.MemInfo info = socket.memInfo();
            this.dropsAtOpen = info == null ? -1 : info.drops();
        }
    }

    /** How long a CPU must have been quiet after an unrevealed overflow before a sentinel is made. */
    static final long QUIET_NANOS = 250_000_000L;
    private static final long SENTINEL_RETRY_NANOS = 2_000_000_000L;
    private static final long REVEAL_AT_STOP_NANOS = 1_500_000_000L;
    private static final long DEREGISTER_AT_STOP_NANOS = 2_000_000_000L;
    private static final int POLL_MILLIS = 50;
    /** recvmmsg calls on one socket before the others get their turn. */
    private static final int CALLS_PER_SOCKET_PER_ROUND = 8;

    private final DatagramQueue queue;
    private final int familyId;
    private final int cpuCount;
    private final CpuSet possible;
    private final int receiveBufferBytes;
    private final long hotplugNanos;
    private final Sentinels sentinels;
    private final Events events;
    private final BiConsumer<Integer, Integer> portChanged;

    private final Poller poller = new Poller();
    private final List<Watched> watchedList = new ArrayList<>();
    private Watched[] watched = new Watched[0];
    private volatile CpuSet registered = CpuSet.empty();
    private final SequenceTracker sequences;
    /** Datagrams one recvmmsg call may take. */
    static final int BATCH = 64;
    private final ReceiveBatch batch = new ReceiveBatch(BATCH, DatagramQueue.MAX_DATAGRAM);
    /**
     * After a round that found little, the reader naps this long before polling again, so that it reads the kernel's
     * queues in batches of many datagrams per call (three system calls a datagram become a few per batch). Only
     * while every socket's round took less than an eighth of what its receive buffer holds (see
     * {@link #napFits}): at the default 8 MiB buffer that is ~450 datagrams a millisecond per CPU.
     */
    static final long NAP_NANOS = 1_000_000L;
    private int napAbove = Integer.MAX_VALUE;

    // per CPU, the reader's own
    /**
     * Per CPU, where its socket stands after an overflow. {@code netlink_overrun()} reports ENOBUFS once and sets
     * NETLINK_S_CONGESTED: from the first drop on, nothing is queued until the queue has emptied
     * ({@code netlink_rcv_wake()}). So what is read after the ENOBUFS until the socket is empty was queued before the
     * drops and cannot show their gap; the first exit read after that was queued after them and must.
     */
    private final byte[] overflow;
    private static final byte CLEAN = 0;
    /** ENOBUFS seen; still reading what was queued before the drops. */
    private static final byte OVERFLOWED = 1;
    /** Read to empty since: the next exit message reveals the drops. */
    private static final byte DRAINED = 2;
    private int unrevealedCount;
    private final long[] lastDatagramNanos;
    private final long[] sentinelAskedNanos;
    private final long[] pendingGap;
    private final long[] pendingQueue;
    private final int[] pendingOverflows;
    private final long[] pendingDrops;
    private final long[] pendingSince;
    private boolean anyPending;

    // per CPU, published for readers on other threads (single writer: lazySet of get + n)
    private final AtomicLongArray exits;
    private final AtomicLongArray kernelLost;
    private final AtomicLongArray queueDropped;
    private final AtomicLongArray overflows;

    private volatile boolean stopRequested;
    /** The longest time between two rounds of the loop (ns): how long the kernel's queues went unread at worst. */
    private volatile long longestGap;
    /** Tests only: the reader stops reading (as a reader starved of CPU would), so the kernel's queue overflows. */
    private volatile boolean held;
    private volatile boolean holding;
    private volatile boolean revealRequested;
    private volatile boolean finished;

    SocketReader(DatagramQueue queue, int familyId, SystemCpus cpus, int receiveBufferBytes, long hotplugNanos,
                 Sentinels sentinels, Events events, BiConsumer<Integer, Integer> portChanged) {
        this.queue = queue;
        this.familyId = familyId;
        this.cpuCount = cpus.limits().nrCpuIds();
        this.possible = cpus.possible();
        this.receiveBufferBytes = receiveBufferBytes;
        this.hotplugNanos = hotplugNanos;
        this.sentinels = sentinels;
        this.events = events;
        this.portChanged = portChanged;
        sequences = new SequenceTracker(cpuCount);

        overflow = new byte[cpuCount];
        lastDatagramNanos = new long[cpuCount];
        sentinelAskedNanos = new long[cpuCount];
        pendingGap = new long[cpuCount];
        pendingQueue = new long[cpuCount];
        pendingOverflows = new int[cpuCount];
        pendingDrops = new long[cpuCount];
        pendingSince = new long[cpuCount];
        exits = new AtomicLongArray(cpuCount);
        kernelLost = new AtomicLongArray(cpuCount);
        queueDropped = new AtomicLongArray(cpuCount);
        overflows = new AtomicLongArray(cpuCount);
    }

    /**
     * The most datagrams a round may find on a socket for the reader to nap afterwards: an eighth of what its
     * receive buffer holds ({@code grantedBytes}, sk_rcvbuf: twice the SO_RCVBUF asked). A thread's exit message
     * costs ~2.3 KB of it: {@code taskstats_exit()} sizes the skb for a PID and a TGID record once the process has
     * been multi-threaded, ~1.2 KB, in a 2 KiB slab plus the skb's own overhead (measured here: 2286 bytes).
     */
    static int napFits(long grantedBytes) {
        return (int) Math.min(Integer.MAX_VALUE, grantedBytes / 2304 / 8);
    }

    // ---- before the thread starts (the collector's start(), on its caller's thread) ----

    /** Adds a socket to read from; its CPU counts as registered. Before {@link #run} only, or from within it. */
    void watch(Watched w) {
        watchedList.add(w);
        if (w.cpu >= 0) {
            try {
                napAbove = Math.min(napAbove, napFits(w.socket.receiveBuffer()));
            } catch (NativeException e) {
                napAbove = 0; // unknown: never nap
            }
            sequences.reset(w.cpu);
            registered = registered.with(w.cpu);
        }
        rewatch();
    }

    /**
     * Takes a datagram that arrived while a request waited for its answer (start-up registration): it goes into
     * the queue, its sequence number checked, as if it had been read here. Producer side: before {@link #run}.
     */
    void admit(int cpu, ByteBuffer datagram, int length) {
        int n = Math.min(length, DatagramQueue.MAX_DATAGRAM);
        int at = queue.reserve(n);
        if (at >= 0) {
            queue.writeView().put(at, datagram, 0, n);
            accept(cpu, queue.writeView(), at, n, true, WallClock.nowNanos());
        } else {
            accept(cpu, datagram, 0, n, false, WallClock.nowNanos());
        }
    }

    /** Takes a socket back out (its registration failed at start). */
    void unwatch(NetlinkSocket socket) {
        watchedList.removeIf(w -> w.socket == socket);
        registered = CpuSet.empty();
        for (Watched w : watchedList) {
            if (w.cpu >= 0) {
                registered = registered.with(w.cpu);
            }
        }
        rewatch();
    }

    /** start() failed before the thread ran: deregisters and closes what was opened. */
    void closeBeforeStart() {
        closeAll();
        batch.close();
    }

    CpuSet registeredCpus() {
        return registered;
    }

    // ---- other threads ----

    /** Asks for sentinels on every CPU with an unrevealed overflow, quiet or not; returns at once. */
    void revealNow() {
        revealRequested = true;
    }

    /** Tests only: stops reading until released, like a reader the scheduler starves; returns once it has stopped. */
    void holdForTests(boolean on) {
        held = on;
        while (on && !holding && !finished) {
            Thread.onSpinWait();
        }
    }

    /** Asks the thread to stop (see the class comment); returns at once. */
    void requestStop() {
        stopRequested = true;
    }

    boolean finished() {
        return finished;
    }

    /** The counts of one CPU, as they are now. */
    record CpuCounters(long exits, long kernelLost, long queueDropped, long overflows) {
    }

    CpuCounters counters(int cpu) {
        return new CpuCounters(exits.get(cpu), kernelLost.get(cpu), queueDropped.get(cpu), overflows.get(cpu));
    }

    int cpuCount() {
        return cpuCount;
    }

    /** The longest the loop took to come round again, in ns (a poll timeout with nothing to read counts too). */
    long longestGapNanos() {
        return longestGap;
    }

    // ---- the thread ----

    @Override
    public void run() {
        String failure = null;
        try {
            loop();
        } catch (NativeException | RuntimeException e) {
            failure = e.getMessage();
        } finally {
            closeAll();
            flushPendingWaiting();
            if (failure != null) {
                events.post(SourceState.FAILED, "live collection failed: " + failure);
            }
            queue.end(WallClock.nowNanos());
            batch.close();
            finished = true;
        }
    }

    private void loop() throws NativeException {
        long nextHotplug = System.nanoTime() + hotplugNanos;
        long phaseDeadline = 0;
        int phase = 0; // 0 running, 1 revealing, 2 deregistering
        long lastRound = System.nanoTime();
        while (true) {
            long roundStart = System.nanoTime();
            if (roundStart - lastRound > longestGap) {
                longestGap = roundStart - lastRound;
            }
            lastRound = roundStart;
            if (held && !stopRequested) {
                holding = true;
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                continue;
            }
            holding = false;
            int ready = poller.poll(POLL_MILLIS);
            if (anyPending) {
                flushPending();
            }
            int most = 0;
            if (ready > 0) {
                Watched[] ws = watched;
                for (int i = 0; i < ws.length; i++) {
                    if (poller.isReady(i)) {
                        most = Math.max(most, drain(ws[i], CALLS_PER_SOCKET_PER_ROUND));
                    }
                }
            }
            long now = System.nanoTime();
            if (unrevealedCount > 0) {
                boolean now_ = revealRequested;
                revealRequested = false;
                askForSentinels(now, phase == 1 || now_);
            }
            if (phase == 0) {
                if (stopRequested) {
                    phase = 1;
                    phaseDeadline = now + REVEAL_AT_STOP_NANOS;
                    askForSentinels(now, true);
                } else if (now >= nextHotplug) {
                    followHotplug();
                    nextHotplug = System.nanoTime() + hotplugNanos;
                }
            }
            if (phase == 1 && (unrevealedCount == 0 || now >= phaseDeadline)) {
                phase = 2;
                phaseDeadline = now + DEREGISTER_AT_STOP_NANOS;
                for (Watched w : watched) {
                    if (w.cpu >= 0) {
                        deregister(w);
                    }
                }
            }
            if (phase == 2 && (allAcknowledged() || now >= phaseDeadline)) {
                for (Watched w : watched) {
                    drain(w, Integer.MAX_VALUE);
                }
                reconcileWithSocketDrops();
                return;
            }
            if (most > 0 && most < napAbove && phase == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(NAP_NANOS);
            }
        }
    }

    /**
     * Reads one socket until it has nothing more, or {@code maxCalls} recvmmsg calls (of {@link #BATCH} datagrams)
     * have been made; returns how many datagrams it read.
     */
    private int drain(Watched w, int maxCalls) throws NativeException {
        int read = 0;
        for (int k = 0; k < maxCalls; k++) {
            int n = w.socket.receiveMany(batch);
            if (n <= 0) {
                if (n == 0 || n == -Errno.EAGAIN.number()) {
                    if (w.cpu >= 0 && overflow[w.cpu] == OVERFLOWED) {
                        overflow[w.cpu] = DRAINED;
                    }
                    return read;
                }
                if (n == -Errno.ENOBUFS.number()) {
                    overflowed(w.cpu);
                    continue;
                }
                throw new NativeException("recvmmsg(netlink) on " + (w.cpu < 0 ? "the control socket" : "CPU " + w.cpu
                        + "'s socket"), -n);
            }
            long nanos = WallClock.nowNanos(); // one time for the batch: they were read within microseconds
            ByteBuffer from = batch.view();
            for (int i = 0; i < n; i++) {
                int at = batch.offset(i);
                int length = Math.min(batch.length(i), DatagramQueue.MAX_DATAGRAM);
                if (isAck(w, from, at, length)) {
                    continue;
                }
                int to = queue.reserve(length);
                if (to >= 0) {
                    queue.writeView().put(to, from, at, length);
                    accept(w.cpu, queue.writeView(), to, length, true, nanos);
                } else {
                    accept(w.cpu, from, at, length, false, nanos);
                }
            }
            read += n;
        }
        return read;
    }

    /**
     * One datagram from {@code cpu}'s socket at {@code buf[at .. at+length)}: commits it to the queue ({@code queued})
     * or counts it as dropped, then checks its sequence number (a LOSS entry, if any, follows the datagram).
     */
    private void accept(int cpu, ByteBuffer buf, int at, int length, boolean queued, long nanos) {
        boolean exit = cpu >= 0 && isExitMessage(buf, at, length);
        long gap = 0;
        if (exit) {
            lastDatagramNanos[cpu] = System.nanoTime();
            gap = sequences.observe(cpu, buf.getInt(at + 8) & 0xFFFF_FFFFL);
            if (overflow[cpu] == DRAINED) { // queued after the drops: its gap (if any) counted them all
                overflow[cpu] = CLEAN;
                unrevealedCount--;
            }
        }
        if (queued) {
            queue.commit(DatagramQueue.DATAGRAM, cpu, nanos, length);
            if (exit) {
                exits.lazySet(cpu, exits.get(cpu) + 1);
            }
        } else if (exit) {
            queueDropped.lazySet(cpu, queueDropped.get(cpu) + 1);
            pendingQueue[cpu]++;
            pend(cpu, nanos);
        }
        if (gap > 0) {
            kernelLost.lazySet(cpu, kernelLost.get(cpu) + gap);
            if (!queue.loss(cpu, nanos, gap, LossEvent.Cause.SEQUENCE_GAP.ordinal())) {
                pendingGap[cpu] += gap;
                pend(cpu, nanos);
            }
        }
    }

    private boolean isExitMessage(ByteBuffer buf, int at, int length) {
        return length >= Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN
                && (buf.getShort(at + 4) & 0xFFFF) == familyId
                && (buf.get(at + Netlink.NLMSG_HDRLEN) & 0xFF) == TaskstatsProtocol.CMD_NEW;
    }

    /** An acknowledgement of a request this thread sent (deregistration, hotplug registration): taken here. */
    private boolean isAck(Watched w, ByteBuffer buf, int at, int length) {
        if (length < Netlink.NLMSG_HDRLEN + 4 || (buf.getShort(at + 4) & 0xFFFF) != Netlink.NLMSG_ERROR) {
            return false;
        }
        int seq = buf.getInt(at + 8);
        int errno = -buf.getInt(at + Netlink.NLMSG_HDRLEN);
        if (seq == w.awaitedAck) {
            w.awaitedAck = -1;
        }
        if (errno != 0) {
            events.post(SourceState.DEGRADED, "the kernel refused a request on CPU " + w.cpu + "'s socket: "
                    + Errno.describe(errno));
        }
        return true;
    }

    private void overflowed(int cpu) {
        if (cpu < 0) {
            return;
        }
        overflows.lazySet(cpu, overflows.get(cpu) + 1);
        byte before = overflow[cpu];
        overflow[cpu] = OVERFLOWED;
        if (before == CLEAN) {
            unrevealedCount++;
            sentinelAskedNanos[cpu] = 0;
        }
        long nanos = WallClock.nowNanos();
        if (!queue.loss(cpu, nanos, 0, LossEvent.Cause.ENOBUFS.ordinal())) {
            pendingOverflows[cpu]++;
            pend(cpu, nanos);
        }
    }

    private void pend(int cpu, long nanos) {
        if (pendingSince[cpu] == 0) {
            pendingSince[cpu] = nanos;
        }
        anyPending = true;
    }

    /** Writes the counts of what was dropped while the queue was full, as soon as it has room. */
    private void flushPending() {
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            if (pendingSince[cpu] == 0) {
                continue;
            }
            long t = pendingSince[cpu];
            if (pendingGap[cpu] > 0) {
                if (!queue.loss(cpu, t, pendingGap[cpu], LossEvent.Cause.SEQUENCE_GAP.ordinal())) {
                    return;
                }
                pendingGap[cpu] = 0;
            }
            while (pendingOverflows[cpu] > 0) {
                if (!queue.loss(cpu, t, 0, LossEvent.Cause.ENOBUFS.ordinal())) {
                    return;
                }
                pendingOverflows[cpu]--;
            }
            if (pendingQueue[cpu] > 0) {
                if (!queue.loss(cpu, t, pendingQueue[cpu], LossEvent.Cause.QUEUE.ordinal())) {
                    return;
                }
                pendingQueue[cpu] = 0;
            }
            if (pendingDrops[cpu] > 0) {
                if (!queue.loss(cpu, t, pendingDrops[cpu], LossEvent.Cause.SOCKET_DROPS.ordinal())) {
                    return;
                }
                pendingDrops[cpu] = 0;
            }
            pendingSince[cpu] = 0;
        }
        anyPending = false;
    }

    /** At the very end the consumer is still reading: wait (bounded) for room to write the last counts. */
    private void flushPendingWaiting() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (anyPending && System.nanoTime() < deadline) {
            flushPending();
            if (anyPending) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        }
    }

    private void askForSentinels(long now, boolean stopping) {
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            if (overflow[cpu] != CLEAN && (stopping || now - lastDatagramNanos[cpu] >= QUIET_NANOS)
                    && (sentinelAskedNanos[cpu] == 0 || now - sentinelAskedNanos[cpu] >= SENTINEL_RETRY_NANOS)) {
                sentinelAskedNanos[cpu] = now;
                sentinels.request(cpu);
            }
        }
    }

    private void deregister(Watched w) {
        try {
            int seq = w.nextSeq++;
            w.awaitedAck = seq;
            w.socket.send(NetlinkRequests.deregisterCpumask(familyId, seq, Integer.toString(w.cpu)));
            w.deregistered = true;
        } catch (NativeException e) {
            w.awaitedAck = -1; // closing the socket drops the entry at the kernel's next send (ECONNREFUSED)
        }
    }

    private boolean allAcknowledged() {
        for (Watched w : watched) {
            if (w.awaitedAck >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The kernel's own count of what it dropped on each socket (sk_drops, which {@code netlink_overrun()} counts)
     * against the losses the sequence numbers showed: what a failed sentinel left unrevealed is counted here.
     */
    private void reconcileWithSocketDrops() {
        for (Watched w : watched) {
            reconcile(w);
        }
    }

    private void reconcile(Watched w) {
        if (w.cpu < 0 || w.dropsAtOpen < 0) {
            return;
        }
        NetlinkSocket.MemInfo info = w.socket.memInfo();
        if (info == null) {
            return;
        }
        long dropped = (info.drops() - w.dropsAtOpen) & 0xFFFF_FFFFL;
        long missing = dropped - kernelLost.get(w.cpu);
        if (missing > 0) {
            kernelLost.lazySet(w.cpu, kernelLost.get(w.cpu) + missing);
            long nanos = WallClock.nowNanos();
            if (!queue.loss(w.cpu, nanos, missing, LossEvent.Cause.SOCKET_DROPS.ordinal())) {
                pendingDrops[w.cpu] += missing;
                pend(w.cpu, nanos);
            }
        }
        if (overflow[w.cpu] != CLEAN) {
            overflow[w.cpu] = CLEAN;
            unrevealedCount--;
        }
    }

    /** Registers CPUs that came online, and drops the ones that went offline; no waiting for answers. */
    private void followHotplug() throws NativeException {
        CpuSet online;
        try {
            online = SystemCpus.readOnline(SystemCpus.SYSFS);
        } catch (IOException e) {
            return; // keep what we have
        }
        CpuSet current = registered;
        if (online.equals(current)) {
            return;
        }
        CpuSet gone = current.minus(online);
        CpuSet added = online.minus(current).intersect(possible);
        for (int cpu = gone.nextCpu(0); cpu >= 0; cpu = gone.nextCpu(cpu + 1)) {
            Watched w = socketOf(cpu);
            if (w != null) {
                deregister(w);
                drain(w, Integer.MAX_VALUE);
                reconcile(w); // no sentinel can run on an offline CPU: the socket's drop counter counts its tail
                w.socket.close();
                watchedList.remove(w);
                sequences.reset(cpu);
                registered = registered.without(cpu);
                portChanged.accept(cpu, -1);
            }
        }
        for (int cpu = added.nextCpu(0); cpu >= 0; cpu = added.nextCpu(cpu + 1)) {
            try {
                openAndRegister(cpu);
            } catch (NativeException e) {
                events.post(SourceState.DEGRADED, "CPU " + cpu + " came online but: "
                        + LiveProblems.forSocketFailure(e).message());
            }
        }
        rewatch();
        events.post(SourceState.RUNNING, "CPUs online changed: now listening on " + registered);
    }

    private void openAndRegister(int cpu) throws NativeException {
        NetlinkSocket socket = NetlinkSocket.open();
        try {
            socket.setReceiveBuffer(receiveBufferBytes);
            Watched w = new Watched(socket, cpu);
            socket.send(NetlinkRequests.deregisterCpumask(familyId, w.nextSeq++, possible.toCpulist()));
            w.awaitedAck = w.nextSeq;
            socket.send(NetlinkRequests.registerCpumask(familyId, w.nextSeq++, Integer.toString(cpu)));
            watch(w);
            portChanged.accept(cpu, socket.portId());
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
    }

    private Watched socketOf(int cpu) {
        for (Watched w : watchedList) {
            if (w.cpu == cpu) {
                return w;
            }
        }
        return null;
    }

    private void rewatch() {
        watched = watchedList.toArray(new Watched[0]);
        int[] fds = new int[watched.length];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = watched[i].socket.fd();
        }
        poller.watch(fds);
    }

    private void closeAll() {
        for (Watched w : watchedList) {
            if (w.cpu >= 0 && !w.deregistered) {
                deregister(w); // best effort on the failure path; the normal path deregistered already
            }
            w.socket.close();
        }
        watchedList.clear();
        watched = new Watched[0];
        registered = CpuSet.empty();
    }

    /** State changes for the consumer, handed to the dispatcher thread (which alone talks to the consumer). */
    interface Events {
        void post(SourceState state, String detail);
    }
}
