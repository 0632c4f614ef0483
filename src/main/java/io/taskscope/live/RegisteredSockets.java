package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Errno;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.RegisteredListenerReport;
import io.taskscope.source.SourceException;
import io.taskscope.taskstats.NetlinkRequests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registered listeners' sockets: one each, registered on its cpumask, opened at the start and then kept as the
 * user edits them. Any thread may ask for a new set ({@link #want}); the socket reader, which owns every socket,
 * applies it at the top of its next round ({@link #applyWanted}): a new listener gets a socket, a removed one is
 * deregistered, read out and closed, a changed mask is registered anew and what it left deregistered (the kernel keeps
 * a per-CPU list of listeners, {@code add_del_listener()}, and registering a CPU a socket is already on is a no-op),
 * a changed buffer or pace applies at once. Each change of mask is bounded by a mark in the queue (see
 * {@link ListenerAttribution}), written once the reference sockets of the CPUs concerned have been read.
 * <p>
 * While running, requests are sent without waiting for their answer: a paced listener's socket may hold thousands of
 * copies before the ack, and the reader must not stop reading the others meanwhile. Generic netlink runs the request
 * within the send, so the kernel's lists have changed when it returns; a refusal comes back as the ack, which the reader
 * takes ({@link SocketReader}) and keeps as the listener's problem. A mask beyond the possible CPUs, which the kernel
 * refuses before changing anything ({@code cpulist_parse()}: ERANGE; {@code add_del_listener()}: EINVAL), is sent
 * anyway, so the error shown is the kernel's, but no interval opens for it.
 */
final class RegisteredSockets {

    private final int familyId;
    private final CpuSet possible;
    private final LiveCollector.LossCounting counting;
    private final ListenerAttribution attribution;
    private final AtomicReference<List<RegisteredListener>> wanted = new AtomicReference<>();
    /** Every socket ever opened here, in order (the retired ones too, for their reports). */
    private final List<CpuSocket> all = new CopyOnWriteArrayList<>();
    private int nextIndex;

    RegisteredSockets(int familyId, CpuSet possible, LiveCollector.LossCounting counting,
                      ListenerAttribution attribution) {
        this.familyId = familyId;
        this.possible = possible;
        this.counting = counting;
        this.attribution = attribution;
    }

    /** The listeners to have sockets from now on (by name); any thread, returns at once. */
    void want(List<RegisteredListener> listeners) {
        wanted.set(List.copyOf(listeners));
    }

    boolean anyWanted() {
        return wanted.get() != null;
    }

    /**
     * Opens the first sockets, before the reader runs: each request's answer awaited, so a refusal stops the start
     * with the kernel's error.
     */
    void openAtStart(SocketReader reader, List<RegisteredListener> listeners) throws NativeException, SourceException {
        for (RegisteredListener spec : listeners) {
            NetlinkSocket socket = NetlinkSocket.open();
            CpuSocket s = null;
            try {
                s = open(reader, socket, spec);
                int errno = reader.cleanThenRegister(new TaskstatsChannel(socket), s, spec.cpus().toCpulist());
                if (errno != 0) {
                    throw new SourceException(LiveProblems.forErrno(errno, "listener " + spec.name() + " on CPUs "
                            + spec.cpus().toCpulist()).message());
                }
                registered(reader, s, spec.cpus(), CpuSet.empty());
                all.add(s);
            } catch (NativeException | SourceException e) {
                if (s != null) {
                    reader.unwatch(s);
                }
                socket.close();
                throw e;
            }
        }
    }

    /** The reader thread, between rounds: brings the sockets to what was last wanted. */
    void applyWanted(SocketReader reader) throws NativeException {
        List<RegisteredListener> next = wanted.getAndSet(null);
        if (next == null) {
            return;
        }
        Map<String, CpuSocket> open = new LinkedHashMap<>();
        for (CpuSocket s : all) {
            if (!s.retired && !s.deregistered) {
                open.put(s.listener.name(), s);
            }
        }
        for (RegisteredListener spec : next) {
            CpuSocket s = open.remove(spec.name());
            try {
                if (s == null) {
                    openWhileRunning(reader, spec);
                } else {
                    change(reader, s, spec);
                }
            } catch (NativeException e) { // one listener's socket (EMFILE, say): the others and the collector go on
                reader.tell(io.taskscope.source.SourceState.DEGRADED, "listener " + spec.name() + ": "
                        + LiveProblems.forSocketFailure(e).message());
            }
        }
        for (CpuSocket gone : open.values()) {
            retire(reader, gone);
        }
    }

    private CpuSocket open(SocketReader reader, NetlinkSocket socket, RegisteredListener spec) throws NativeException {
        if (spec.receiveBufferBytes() > 0) {
            socket.setReceiveBuffer(spec.receiveBufferBytes());
        }
        attribution.named(nextIndex, spec.name());
        CpuSocket s = reader.socketForListener(socket, nextIndex++, spec);
        attribution.ensureRing(ListenerAttribution.ringFor(s.granted));
        return s;
    }

    private void openWhileRunning(SocketReader reader, RegisteredListener spec) throws NativeException {
        NetlinkSocket socket = NetlinkSocket.open();
        CpuSocket s;
        try {
            s = open(reader, socket, spec);
            socket.send(NetlinkRequests.deregisterCpumaskNoAck(familyId, s.nextSeq++, possible.toCpulist()));
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
        reader.watch(s);
        all.add(s);
        register(reader, s, spec.cpus());
    }

    /** A listener kept: its mask registered anew if it changed, its buffer and pace as now asked. */
    private void change(SocketReader reader, CpuSocket s, RegisteredListener spec) throws NativeException {
        RegisteredListener before = s.listener;
        s.listener = spec;
        if (spec.receiveBufferBytes() != before.receiveBufferBytes()) {
            // SO_RCVBUF is doubled by the kernel; rmem_default is taken as it is, so half of it gives it back
            int ask = spec.receiveBufferBytes() > 0 ? spec.receiveBufferBytes() : (int) (KernelFacts.rmemDefault() / 2);
            s.granted = s.socket.setReceiveBuffer(ask);
            attribution.ensureRing(ListenerAttribution.ringFor(s.granted));
        }
        if (spec.recordsPerSecond() != before.recordsPerSecond()) {
            s.pace = CpuSocket.paceOf(spec);
        }
        if (!spec.cpus().equals(s.registeredMask)) {
            register(reader, s, spec.cpus());
        }
    }

    /**
     * Registers {@code mask} on {@code s}, then deregisters what it had beyond it. The mark comes between the two,
     * after the concerned CPUs' references were read: for the CPUs added, what they held was sent before; for those
     * left, all that is sent until the deregistration is still the listener's.
     */
    private void register(SocketReader reader, CpuSocket s, CpuSet mask) throws NativeException {
        s.problem = null;
        s.registerSeq = s.nextSeq;
        s.socket.send(NetlinkRequests.registerCpumask(familyId, s.nextSeq++, mask.toCpulist()));
        if (!mask.minus(possible).isEmpty()) {
            return; // refused, as its answer will say: the mask it had stays
        }
        CpuSet left = s.registeredMask.minus(mask);
        registered(reader, s, mask.minus(s.registeredMask), left);
        if (!left.isEmpty()) {
            s.socket.send(NetlinkRequests.deregisterCpumaskNoAck(familyId, s.nextSeq++, left.toCpulist()));
        }
    }

    private void registered(SocketReader reader, CpuSocket s, CpuSet added, CpuSet left) throws NativeException {
        attribution.plan(CpuSocket.listenerOf(s.cpu), added, left);
        reader.mark(s, added.union(left));
        s.registeredMask = s.registeredMask.minus(left).union(added);
    }

    /** A listener removed: deregistered from all its CPUs, what its socket holds read (it was sent), closed. */
    private void retire(SocketReader reader, CpuSocket s) throws NativeException {
        close(reader, s);
        s.retired = true;
        reader.retireListener(s);
    }

    /** The stop: each listener's closing mark, then its deregistration (the reader then reads what is left). */
    void closeAtStop(SocketReader reader) throws NativeException {
        for (CpuSocket s : all) {
            if (!s.retired && !s.deregistered) {
                close(reader, s);
            }
        }
    }

    /** Its closing mark (what its CPUs' references got until now was sent to it), then its deregistration. */
    private void close(SocketReader reader, CpuSocket s) throws NativeException {
        attribution.plan(CpuSocket.listenerOf(s.cpu), CpuSet.empty(), s.registeredMask);
        reader.mark(s, s.registeredMask);
        reader.deregister(s);
    }

    /** The kernel refused a request on {@code s}: kept as its problem, for its report. */
    static void refused(CpuSocket s, int errno) {
        s.problem = "the kernel refused its cpumask " + s.listener.cpus().toCpulist() + ": " + Errno.describe(errno);
    }

    /** What each listener that has (or, once stopped, had) a socket was sent and got, per CPU. */
    List<RegisteredListenerReport> reports() {
        List<RegisteredListenerReport> out = new ArrayList<>();
        for (CpuSocket s : all) {
            if (s.retired) {
                continue;
            }
            ListenerAttribution.Figures f = attribution.figures(CpuSocket.listenerOf(s.cpu));
            out.add(new RegisteredListenerReport(s.listener, s.registeredMask, s.granted, f.sent(), f.settled(),
                    f.received(),
                    f.unknown() + f.waiting(), s.overflows, s.dropsSinceOpenOrAtClose(), s.queueDropped, s.problem));
        }
        return out;
    }

    /** Tests: the netlink port of each listener's socket not retired, by name. */
    Map<String, Integer> ports() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (CpuSocket s : all) {
            if (!s.retired) {
                out.put(s.listener.name(), s.socket.portId());
            }
        }
        return out;
    }

    /** Tests: listener {@code name}'s attribution figures (the socket not retired). */
    ListenerAttribution.Figures figures(String name) {
        for (CpuSocket s : all) {
            if (!s.retired && s.listener.name().equals(name)) {
                return attribution.figures(CpuSocket.listenerOf(s.cpu));
            }
        }
        throw new IllegalArgumentException("no listener " + name);
    }
}
