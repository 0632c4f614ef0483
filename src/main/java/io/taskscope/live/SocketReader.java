package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Errno;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.live.nativeio.Poller;
import io.taskscope.live.nativeio.ReceiveBatch;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.SourceState;
import io.taskscope.taskstats.Netlink;
import io.taskscope.taskstats.NetlinkRequests;
import io.taskscope.taskstats.TaskstatsProtocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The thread that owns the live collector's sockets, and only reads them: {@code poll}, then {@code recvmmsg}, each
 * datagram copied into the {@link DatagramQueue}, with no lock, no call into a consumer and no object per datagram.
 * What it does besides copying is what must happen at the socket, in arrival order, kept in a {@link LossLedger}:
 * the per-CPU sequence numbers ({@link SequenceTracker}), ENOBUFS episodes, the kernel's drop counter, and what its own
 * queue refused (a datagram is read anyway, so the kernel's queue keeps draining, and counted as Taskscope's loss).
 * So for every CPU, at every moment: exits the kernel numbered = exits queued + dropped by the queue + lost in the
 * kernel, and {@link #counters} reads those figures as they are.
 * <p>
 * It reads in batches: after a round that found little it yields the CPU before polling again, so that on a busy
 * machine each recvmmsg takes many datagrams (the kernel's queue holds hundreds of milliseconds' worth at the default
 * buffer). It never sleeps on a timer while the storm goes on: a 1 ms {@code parkNanos} nap here once lasted 6.3 s
 * under a thread storm on 6.18 (the thread not even runnable meanwhile: schedstat), and the sockets overflowed; the
 * C anchor, which only ever blocks in poll, never saw that. Only poll's wake-up on data, and yield, are trusted.
 * <p>
 * Stopping ({@link #requestStop()}): unrevealed overflows are revealed (for up to 1.5 s), every CPU is deregistered
 * (synchronously: generic netlink handles the request inside the send, and {@code add_del_listener()} takes the
 * per-CPU listener lock {@code send_cpu_listeners()} holds, so nothing is queued after it), what the sockets still
 * hold is read, their last drops counted, the sockets closed, and the END entry written.
 */
final class SocketReader implements Runnable {

    private static final long REVEAL_AT_STOP_NANOS = 1_500_000_000L;
    private static final int POLL_MILLIS = 50;
    /** recvmmsg calls on one socket before the others get their turn. */
    private static final int CALLS_PER_SOCKET_PER_ROUND = 8;
    /** Datagrams one recvmmsg call may take. */
    static final int BATCH = 64;
    /** The most the last loss counts may wait at stop for the dispatcher to make room. */
    private static final long LAST_COUNTS_WAIT_NANOS = 60_000_000_000L;

    private final DatagramQueue queue;
    private final int familyId;
    private final CpuSet possible;
    private final int receiveBufferBytes;
    private final long hotplugNanos;
    private final LiveCollector.LossCounting counting;
    private final Events events;
    private final BiConsumer<Integer, Integer> portChanged;
    private final LossLedger ledger;

    private final Poller poller = new Poller();
    private final List<CpuSocket> sockets = new ArrayList<>();
    private CpuSocket[] watched = new CpuSocket[0];
    /** Per watched index: its last drain stopped at the call cap, not at EAGAIN (more may be waiting). */
    private boolean[] backlog = new boolean[0];
    /** Per watched index: what a paced listener may read this round. */
    private int[] allowed = new int[0];
    private volatile CpuSet registered = CpuSet.empty();
    /** CPUs whose registration failed: not retried until they go offline and come back. */
    private CpuSet refused = CpuSet.empty();
    private final ReceiveBatch batch = new ReceiveBatch(BATCH, DatagramQueue.MAX_DATAGRAM);
    private int yieldAbove = Integer.MAX_VALUE;

    /** The registered listeners' sockets, applied between rounds; null without registered listeners. */
    private RegisteredSockets listeners;
    /** Listener marks the queue had no room for: written before any later datagram (whose order they bound). */
    private final java.util.ArrayDeque<Integer> pendingMarks = new java.util.ArrayDeque<>();

    private volatile boolean stopRequested;
    private volatile boolean revealRequested;
    /** The longest time between two rounds of the loop (ns): how long the kernel's queues went unread at worst. */
    private volatile long longestGap;
    private final ReaderStalls stalls = new ReaderStalls();
    /** The part of the last round that took longest, and how long (for a stall's explanation). */
    private String slowestPhase = "poll";
    private long slowestPhaseNanos;
    /** Tests only: the reader stops reading (as a reader starved of CPU would), so the kernel's queue overflows. */
    private volatile boolean held;
    private volatile boolean holding;
    private volatile boolean finished;

    SocketReader(DatagramQueue queue, int familyId, SystemCpus cpus, int receiveBufferBytes, long hotplugNanos,
                 LiveCollector.LossCounting counting, Sentinels sentinels, Events events,
                 BiConsumer<Integer, Integer> portChanged) {
        this.queue = queue;
        this.familyId = familyId;
        this.possible = cpus.possible();
        this.receiveBufferBytes = receiveBufferBytes;
        this.hotplugNanos = hotplugNanos;
        this.counting = counting;
        this.events = events;
        this.portChanged = portChanged;
        int cpuCount = cpus.limits().nrCpuIds();
        this.ledger = new LossLedger(queue, sentinels, cpuCount);
    }

    /**
     * The most datagrams a round may find on a socket for the reader to yield afterwards: an eighth of what its
     * receive buffer holds ({@code grantedBytes}, sk_rcvbuf: twice the SO_RCVBUF asked). A thread's exit message
     * costs ~2.3 KB of it: {@code taskstats_exit()} sizes the skb for a PID and a TGID record once the process has
     * been multi-threaded, ~1.2 KB, in a 2 KiB slab plus the skb's own overhead (measured here: 2286 bytes). At the
     * default 8 MiB that is ~450 datagrams a round.
     */
    static int yieldFits(long grantedBytes) {
        return (int) Math.min(Integer.MAX_VALUE, grantedBytes / 2304 / 8);
    }

    // ---- before the thread starts (the collector's start(), on its caller's thread) ----

    /** A socket for {@code cpu} (-1: the control socket), counting losses as this reader does. */
    CpuSocket socketFor(NetlinkSocket socket, int cpu) {
        return new CpuSocket(socket, cpu, counting);
    }

    /** A socket for registered listener number {@code index}, registered (by the caller) on its cpumask. */
    CpuSocket socketForListener(NetlinkSocket socket, int index, RegisteredListener listener) {
        return new CpuSocket(socket, CpuSocket.tagOf(index), listener, counting);
    }

    /** The registered listeners' sockets, whose edits this thread applies between rounds. Before {@link #run}. */
    void listenWith(RegisteredSockets registered) {
        this.listeners = registered;
    }

    /**
     * Deregisters every possible CPU from {@code s}'s socket (its port may be a predecessor's, registered still), then
     * watches it and registers {@code mask}, each answer awaited; returns the kernel's errno (0: registered). What
     * arrives before the registration is a predecessor's (stale); after it, {@code s}'s. Before {@link #run} only.
     */
    int cleanThenRegister(TaskstatsChannel channel, CpuSocket s, String mask) throws NativeException {
        CpuSocket stale = socketFor(s.socket, -1);
        String all = possible.toCpulist();
        int errno = channel.requestRaw(familyId, (f, q) -> NetlinkRequests.deregisterCpumask(f, q, all),
                d -> admit(stale, d));
        if (errno == 0) {
            watch(s);
            errno = channel.requestRaw(familyId, (f, q) -> NetlinkRequests.registerCpumask(f, q, mask),
                    d -> admit(s, d));
        }
        return errno;
    }

    /**
     * A change of listener {@code s}'s mask on {@code cpus} took effect in the kernel: what those CPUs' sockets hold
     * now was sent before it, so it is read into the queue first, then the REGISTERED mark (see
     * {@link ListenerAttribution}). Before {@link #run}, or from within it.
     */
    void mark(CpuSocket s, CpuSet cpus) throws NativeException {
        for (CpuSocket c : new ArrayList<>(sockets)) {
            if (c.cpu >= 0 && cpus.contains(c.cpu)) {
                drain(c, Integer.MAX_VALUE, false);
            }
        }
        pendingMarks.addLast(s.cpu);
        flushMarks();
    }

    /** Writes the marks waiting for room; true when none is left waiting. */
    private boolean flushMarks() {
        while (!pendingMarks.isEmpty() && queue.registered(pendingMarks.peekFirst(), WallClock.nowNanos())) {
            pendingMarks.pollFirst();
        }
        return pendingMarks.isEmpty();
    }

    /** A state change for the consumer, from this thread (a listener edit that could not be applied). */
    void tell(SourceState state, String detail) {
        events.post(state, detail);
    }

    /** A registered listener removed: what its socket holds was sent to it and is read, then it is closed. */
    void retireListener(CpuSocket s) throws NativeException {
        drain(s, Integer.MAX_VALUE, false);
        sockets.remove(s);
        s.close();
        rewatch();
    }

    /** Adds a socket to read from; its CPU counts as registered. Before {@link #run} only, or from within it. */
    void watch(CpuSocket s) {
        sockets.add(s);
        if (s.cpu >= 0) {
            try {
                yieldAbove = Math.min(yieldAbove, yieldFits(s.socket.receiveBuffer()));
            } catch (NativeException e) {
                yieldAbove = 0; // unknown: never yield
            }
            ledger.opened(s);
            registered = registered.with(s.cpu);
        }
        rewatch();
    }

    /** Takes a socket back out (its registration failed at start). */
    void unwatch(CpuSocket s) {
        sockets.remove(s);
        if (s.cpu >= 0) {
            registered = registered.without(s.cpu);
        }
        rewatch();
    }

    /**
     * Takes a datagram that arrived on {@code s} while a request waited for its answer (start-up registration): it
     * goes into the queue, its sequence number checked, as if it had been read here. Before {@link #run} only.
     */
    void admit(CpuSocket s, ByteBuffer datagram) {
        int n = Math.min(datagram.limit(), DatagramQueue.MAX_DATAGRAM);
        int at = pendingMarks.isEmpty() || flushMarks() ? queue.reserve(n) : -1;
        if (at >= 0) {
            queue.writeView().put(at, datagram, 0, n);
            accept(s, queue.writeView(), at, n, true, WallClock.nowNanos());
        } else {
            accept(s, datagram, 0, n, false, WallClock.nowNanos());
        }
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

    LossLedger.CpuCounters counters(int cpu) {
        return ledger.counters(cpu);
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
            stopReading();
        } catch (NativeException | RuntimeException e) {
            failure = e.getMessage();
        } finally {
            closeAll();
            writeLastCounts();
            if (failure != null) {
                events.post(SourceState.FAILED, "live collection failed: " + failure);
            }
            queue.end(WallClock.nowNanos());
            batch.close();
            finished = true;
        }
    }

    /** Reads until asked to stop, then until the overflows left are revealed (bounded). */
    private void loop() throws NativeException {
        long nextHotplug = System.nanoTime() + hotplugNanos;
        long revealDeadline = Long.MAX_VALUE;
        long lastRound = System.nanoTime();
        stalls.baseline();
        while (true) {
            long roundStart = System.nanoTime();
            long gap = roundStart - lastRound;
            longestGap = Math.max(longestGap, gap);
            lastRound = roundStart;
            String stall = held ? null : stalls.seen(gap, slowestPhase, slowestPhaseNanos);
            if (stall != null) {
                events.post(SourceState.DEGRADED, stall);
            }
            slowestPhaseNanos = 0;
            if (held && !stopRequested) {
                holding = true;
                LockSupport.parkNanos(1_000_000L);
                continue;
            }
            holding = false;
            if (listeners != null && !stopRequested && listeners.anyWanted()) {
                listeners.applyWanted(this);
                phase("applying listener edits", roundStart);
            }
            boolean anyBacklog = false;
            for (boolean b : backlog) {
                anyBacklog |= b;
            }
            int timeout = anyBacklog ? 0 : POLL_MILLIS;
            CpuSocket[] ws0 = watched;
            for (int i = 0; i < ws0.length; i++) {
                Pace pace = ws0[i].pace;
                if (pace != null) {
                    allowed[i] = pace.allowed(roundStart);
                    poller.enable(i, allowed[i] > 0); // out of turn: its buffer fills, as a slow reader's does
                    if (allowed[i] == 0) {
                        backlog[i] = false;
                        timeout = Math.min(timeout, pace.millisToNext());
                    }
                }
            }
            int ready = poller.poll(timeout);
            long t = phase("poll", roundStart);
            if (ledger.anyPending()) {
                ledger.flushPending();
            }
            if (!pendingMarks.isEmpty()) {
                flushMarks();
            }
            int most = 0;
            boolean capped = false;
            if (ready > 0 || anyBacklog) {
                CpuSocket[] ws = watched;
                for (int i = 0; i < ws.length; i++) {
                    if ((poller.isReady(i) || backlog[i]) && (ws[i].pace == null || allowed[i] > 0)) {
                        int read = drain(ws[i], CALLS_PER_SOCKET_PER_ROUND, true);
                        backlog[i] = read < 0;
                        capped |= read < 0;
                        most = Math.max(most, Math.abs(read));
                    }
                }
            }
            t = phase("recvmmsg and copying into the queue", t);
            long now = System.nanoTime();
            ledger.tick(WallClock.nowNanos());
            if (revealRequested) {
                revealRequested = false;
                ledger.revealNow();
            }
            ledger.askForSentinels(now);
            t = phase("loss accounting", t);
            if (stopRequested) {
                if (revealDeadline == Long.MAX_VALUE) {
                    revealDeadline = now + REVEAL_AT_STOP_NANOS;
                    ledger.revealNow();
                }
                if (!ledger.anyUnrevealed() || now >= revealDeadline) {
                    return;
                }
            } else if (now >= nextHotplug) {
                followHotplug();
                stalls.baseline();
                t = phase("following CPU hotplug", t);
                nextHotplug = System.nanoTime() + hotplugNanos;
            }
            if (most > 0 && most < yieldAbove && !capped && !stopRequested) {
                Thread.yield(); // let the others run (and datagrams gather) before the next poll; no timer
                phase("yielding the CPU", t);
            }
        }
    }

    /** Ends a part of the round begun at {@code start}; keeps the longest; returns the time now. */
    private long phase(String name, long start) {
        long now = System.nanoTime();
        if (now - start > slowestPhaseNanos) {
            slowestPhaseNanos = now - start;
            slowestPhase = name;
        }
        return now;
    }

    /**
     * Deregisters every listener (each after its closing mark, so what its CPUs' references get from then on is not
     * counted as sent to it), then every CPU, reads what is left and counts each socket's last drops.
     */
    private void stopReading() throws NativeException {
        if (listeners != null) {
            listeners.closeAtStop(this);
        }
        for (CpuSocket s : watched) {
            if (s.cpu >= 0) {
                deregister(s);
            }
        }
        for (CpuSocket s : watched) {
            drain(s, Integer.MAX_VALUE, false); // what a paced listener's buffer holds was delivered to it: read it
            if (s.cpu >= 0) {
                ledger.closing(s);
            }
        }
    }

    /**
     * Reads one socket until it has nothing more, or {@code maxCalls} recvmmsg calls (of {@link #BATCH} datagrams)
     * have been made; returns how many datagrams it read, negated when it stopped at the cap (more may wait).
     */
    private int drain(CpuSocket s, int maxCalls, boolean paced) throws NativeException {
        int read = 0;
        Pace pace = paced ? s.pace : null;
        for (int k = 0; k < maxCalls; k++) {
            int most = BATCH;
            if (pace != null) {
                most = Math.min(BATCH, pace.allowed(System.nanoTime()));
                if (most == 0) {
                    return read; // its turn is over; the poll comes back to it when the pace allows
                }
            }
            int n = s.socket.receiveMany(batch, most);
            if (n <= 0) {
                if (n == 0 || n == -Errno.EAGAIN.number()) {
                    if (s.cpu >= 0) {
                        ledger.drained(s);
                    }
                    return read;
                }
                if (n == -Errno.ENOBUFS.number()) {
                    if (s.cpu >= 0) {
                        ledger.overflowed(s);
                    } else if (s.isListener()) {
                        s.overflows++;
                    }
                    continue;
                }
                throw new NativeException("recvmmsg(netlink) on " + nameOf(s), -n);
            }
            long nanos = WallClock.nowNanos(); // one time for the batch: they were read within microseconds
            ByteBuffer from = batch.view();
            for (int i = 0; i < n; i++) {
                int at = batch.offset(i);
                int length = Math.min(batch.length(i), DatagramQueue.MAX_DATAGRAM);
                if (isAnswer(s, from, at, length)) {
                    continue;
                }
                int to = pendingMarks.isEmpty() || flushMarks() ? queue.reserve(length) : -1;
                if (to >= 0) {
                    queue.writeView().put(to, from, at, length);
                    accept(s, queue.writeView(), to, length, true, nanos);
                } else {
                    accept(s, from, at, length, false, nanos);
                }
            }
            read += n;
            if (pace != null) {
                pace.took(n);
            }
        }
        return -read;
    }

    /**
     * One datagram from {@code s} at {@code buf[at .. at+length)}: committed to the queue ({@code queued}) or counted
     * as dropped, its sequence number checked (a LOSS entry, if any, follows the datagram).
     */
    private void accept(CpuSocket s, ByteBuffer buf, int at, int length, boolean queued, long nanos) {
        if (queued) {
            queue.commit(DatagramQueue.DATAGRAM, s.cpu, nanos, length);
        } else if (s.isListener() && isExitMessage(buf, at, length)) {
            s.queueDropped++;
        }
        if (s.cpu >= 0 && isExitMessage(buf, at, length)) {
            ledger.exitRead(s, queued, buf.getInt(at + 8) & 0xFFFF_FFFFL, nanos);
        }
    }

    private boolean isExitMessage(ByteBuffer buf, int at, int length) {
        return length >= Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN
                && (buf.getShort(at + 4) & 0xFFFF) == familyId
                && (buf.get(at + Netlink.NLMSG_HDRLEN) & 0xFF) == TaskstatsProtocol.CMD_NEW;
    }

    /** An answer to a request this thread sent (a hotplug registration, a refused deregistration): taken here. */
    private boolean isAnswer(CpuSocket s, ByteBuffer buf, int at, int length) {
        if (length < Netlink.NLMSG_HDRLEN + 4 || (buf.getShort(at + 4) & 0xFFFF) != Netlink.NLMSG_ERROR) {
            return false;
        }
        int seq = buf.getInt(at + 8);
        int errno = -buf.getInt(at + Netlink.NLMSG_HDRLEN);
        if (seq == s.registerSeq) {
            s.registerSeq = -1;
            if (s.isListener()) {
                if (errno != 0) {
                    RegisteredSockets.refused(s, errno);
                }
            } else {
                s.refused = errno != 0; // a CPU's hotplug registration: retired at the next hotplug check
            }
        }
        if (errno != 0) {
            events.post(SourceState.DEGRADED, "the kernel refused a request on " + nameOf(s) + ": "
                    + Errno.describe(errno));
        }
        return true;
    }

    private static String nameOf(CpuSocket s) {
        return s.isListener() ? "listener " + s.listener.name() + "'s socket"
                : s.cpu < 0 ? "the control socket" : "CPU " + s.cpu + "'s socket";
    }

    void deregister(CpuSocket s) {
        String mask = s.isListener() ? s.registeredMask.toCpulist() : Integer.toString(s.cpu);
        if (mask.isEmpty()) {
            s.deregistered = true;
            return;
        }
        try {
            s.socket.send(NetlinkRequests.deregisterCpumaskNoAck(familyId, s.nextSeq++, mask));
            s.deregistered = true;
        } catch (NativeException e) {
            // closing the socket drops the entry at the kernel's next send to it (ECONNREFUSED)
        }
    }

    /** At the very end the dispatcher is still reading: wait (bounded) for room to write the last loss counts. */
    private void writeLastCounts() {
        long deadline = System.nanoTime() + LAST_COUNTS_WAIT_NANOS;
        while (ledger.anyPending() && System.nanoTime() < deadline) {
            ledger.flushPending();
            if (ledger.anyPending()) {
                LockSupport.parkNanos(1_000_000L);
            }
        }
        if (ledger.anyPending()) {
            events.post(SourceState.DEGRADED, "the queue never made room for the last loss counts: "
                    + ledger.unwritten() + " were not reported");
        }
    }

    /** Registers CPUs that came online, and drops the ones that went offline; no waiting for answers. */
    private void followHotplug() throws NativeException {
        for (CpuSocket s : new ArrayList<>(sockets)) {
            if (s.refused) { // the kernel refused its registration: not listened to
                retire(s);
                refused = refused.with(s.cpu);
            }
        }
        CpuSet online;
        try {
            online = SystemCpus.readOnline(SystemCpus.SYSFS);
        } catch (IOException e) {
            return; // keep what we have
        }
        refused = refused.intersect(online); // one that went offline may be tried again when it is back
        CpuSet current = registered;
        CpuSet gone = current.minus(online);
        CpuSet added = online.minus(current).minus(refused).intersect(possible);
        if (gone.isEmpty() && added.isEmpty()) {
            return;
        }
        for (int cpu = gone.nextCpu(0); cpu >= 0; cpu = gone.nextCpu(cpu + 1)) {
            CpuSocket s = socketOf(cpu);
            if (s != null) {
                deregister(s);
                drain(s, Integer.MAX_VALUE, false);
                retire(s);
            }
        }
        for (int cpu = added.nextCpu(0); cpu >= 0; cpu = added.nextCpu(cpu + 1)) {
            try {
                openAndRegister(cpu);
            } catch (NativeException e) {
                refused = refused.with(cpu);
                events.post(SourceState.DEGRADED, "CPU " + cpu + " came online but: "
                        + LiveProblems.forSocketFailure(e).message());
            }
        }
        rewatch();
        events.post(SourceState.RUNNING, "CPUs online changed: now listening on " + registered);
    }

    /** A CPU's socket leaves: its last drops counted (no sentinel can run on an offline CPU), closed. */
    private void retire(CpuSocket s) {
        ledger.closing(s);
        s.socket.close();
        sockets.remove(s);
        registered = registered.without(s.cpu);
        portChanged.accept(s.cpu, -1);
        rewatch();
    }

    private void openAndRegister(int cpu) throws NativeException {
        NetlinkSocket socket = NetlinkSocket.open();
        try {
            socket.setReceiveBuffer(receiveBufferBytes);
            CpuSocket s = socketFor(socket, cpu);
            socket.send(NetlinkRequests.deregisterCpumaskNoAck(familyId, s.nextSeq++, possible.toCpulist()));
            s.registerSeq = s.nextSeq;
            socket.send(NetlinkRequests.registerCpumask(familyId, s.nextSeq++, Integer.toString(cpu)));
            watch(s);
            portChanged.accept(cpu, socket.portId());
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
    }

    private CpuSocket socketOf(int cpu) {
        for (CpuSocket s : sockets) {
            if (s.cpu == cpu) {
                return s;
            }
        }
        return null;
    }

    private void rewatch() {
        watched = sockets.toArray(new CpuSocket[0]);
        backlog = new boolean[watched.length];
        allowed = new int[watched.length];
        int[] fds = new int[watched.length];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = watched[i].socket.fd();
        }
        poller.watch(fds);
    }

    private void closeAll() {
        for (CpuSocket s : sockets) {
            if ((s.cpu >= 0 || s.isListener()) && !s.deregistered) {
                deregister(s); // the failure path; the normal one deregistered already
            }
            s.close();
        }
        sockets.clear();
        watched = new CpuSocket[0];
        backlog = new boolean[0];
        registered = CpuSet.empty();
    }

    /** State changes for the consumer, handed to the dispatcher thread (which alone talks to the consumer). */
    interface Events {
        void post(SourceState state, String detail);
    }
}
