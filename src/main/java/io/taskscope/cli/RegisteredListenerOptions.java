package io.taskscope.cli;

import io.taskscope.core.Listener;
import io.taskscope.session.Session;
import io.taskscope.source.ListenerSockets;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.RegisteredListenerReport;
import io.taskscope.source.Source;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --listeners per-cpu|registered} and each registered listener's socket settings. Per-CPU (the default): one
 * socket per CPU, listeners routed in user space, exact CPU and losses. Registered: each --listener also gets a socket
 * of its own on its cpumask, as a daemon listening there would, beside the per-CPU ones that measure it.
 */
final class RegisteredListenerOptions {

    @CommandLine.Mixin
    ListenerModeOption mode = new ListenerModeOption();

    @Option(names = "--listener-buffer", paramLabel = "NAME=BYTES",
            description = "Registered: the receive buffer asked for a listener's socket (64k, 16M; the kernel "
                    + "doubles it). Default: the kernel's net.core.rmem_default.")
    List<String> buffers = new ArrayList<>();

    @Option(names = "--listener-pace", paramLabel = "NAME=RECORDS_PER_S",
            description = "Registered: read a listener's socket at most this many records a second, as a slow "
                    + "consumer would. Default: as fast as it fills.")
    List<String> paces = new ArrayList<>();

    boolean registered(CommandLine cmd) {
        return Boolean.TRUE.equals(mode.registered(cmd));
    }

    /**
     * In registered mode, gives {@code src} the listeners to register; returns its sockets' reports to read after the
     * stop, or empty in per-CPU mode. A source without listener sockets, or an option naming no listener, is refused.
     */
    Optional<ListenerSockets> apply(Source src, List<Listener> listeners, CommandLine cmd) {
        Optional<ListenerSockets> sockets = sockets(src, cmd);
        if (sockets.isPresent()) {
            sockets.get().register(listeners.stream().map(specs(listeners, cmd)).toList());
        }
        return sockets;
    }

    /**
     * As {@link #apply}, for a session that keeps the sockets as its listeners change (serve, whose listeners file
     * SIGHUP re-reads): the session registers them, each listener's buffer and pace following its name.
     */
    Optional<ListenerSockets> apply(Session session, Source src, List<Listener> listeners, CommandLine cmd) {
        Optional<ListenerSockets> sockets = sockets(src, cmd);
        if (sockets.isPresent()) {
            java.util.function.Function<Listener, RegisteredListener> specs = specs(listeners, cmd);
            sockets.get().register(List.of()); // registered mode; the session registers its listeners at the start
            session.setSocketSpecs(specs);
        }
        return sockets;
    }

    /** The source's sockets in registered mode, empty in per-CPU mode (where the socket options are refused). */
    private Optional<ListenerSockets> sockets(Source src, CommandLine cmd) {
        if (!registered(cmd)) {
            if (!buffers.isEmpty() || !paces.isEmpty()) {
                throw new CommandLine.ParameterException(cmd,
                        "--listener-buffer and --listener-pace need --listeners registered");
            }
            return Optional.empty();
        }
        return Optional.of(src.listenerSockets().orElseThrow(() -> new CommandLine.ParameterException(cmd,
                "--listeners registered needs the live source: only the kernel registers listeners")));
    }

    /**
     * Each listener's socket, its buffer and pace found by name (so a listener of a re-read file gets what its name
     * was given); an option naming none of {@code listeners} is refused.
     */
    private java.util.function.Function<Listener, RegisteredListener> specs(List<Listener> listeners,
                                                                            CommandLine cmd) {
        Map<String, Long> buffer = byName(buffers, "--listener-buffer", listeners, cmd, new ByteSizeOption()::convert);
        Map<String, Long> pace = byName(paces, "--listener-pace", listeners, cmd, RegisteredListenerOptions::count);
        for (Map.Entry<String, Long> e : buffer.entrySet()) {
            if (e.getValue() > Integer.MAX_VALUE / 2) {
                throw new CommandLine.ParameterException(cmd, "listener " + e.getKey() + ": buffer or pace too big");
            }
        }
        for (Map.Entry<String, Long> e : pace.entrySet()) {
            if (e.getValue() > Integer.MAX_VALUE) {
                throw new CommandLine.ParameterException(cmd, "listener " + e.getKey() + ": buffer or pace too big");
            }
        }
        return l -> new RegisteredListener(l.name(), l.cpus(), (int) (long) buffer.getOrDefault(l.name(), 0L),
                (int) (long) pace.getOrDefault(l.name(), 0L));
    }

    private static long count(String text) {
        try {
            long n = Long.parseLong(text.strip());
            if (n < 1) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a pace of at least 1 record/s");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number of records per second");
        }
    }

    private static Map<String, Long> byName(List<String> given, String option, List<Listener> listeners,
                                            CommandLine cmd, java.util.function.Function<String, Long> parse) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            String name = eq < 0 ? "" : g.substring(0, eq);
            if (eq <= 0 || listeners.stream().noneMatch(l -> l.name().equals(name))) {
                throw new CommandLine.ParameterException(cmd, option + " " + g + ": name a --listener, as NAME=VALUE");
            }
            try {
                out.put(name, parse.apply(g.substring(eq + 1)));
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.ParameterException(cmd, option + " " + g + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** One line per registered listener, for the run's summary. */
    static String text(List<RegisteredListenerReport> reports) {
        StringBuilder b = new StringBuilder();
        for (RegisteredListenerReport r : reports) {
            RegisteredListener l = r.listener();
            b.append(String.format(Locale.ROOT, "registered %s on %s (%d KiB buffer%s): sent %d, received %d, lost %d",
                    l.name(), l.cpus().toCpulist(), r.grantedBytes() / 1024,
                    l.recordsPerSecond() == 0 ? "" : ", read at " + l.recordsPerSecond() + "/s",
                    r.sentTotal(), r.receivedTotal(), r.lostTotal()));
            if (r.lostTotal() > 0) {
                b.append(" (");
                String sep = "";
                for (int cpu = r.lostOn().nextCpu(0); cpu >= 0; cpu = r.lostOn().nextCpu(cpu + 1)) {
                    b.append(sep).append("CPU ").append(cpu).append(": ").append(r.lost(cpu));
                    sep = ", ";
                }
                b.append(')');
            }
            b.append(String.format(Locale.ROOT, "; %d ENOBUFS, sk_drops %s", r.overflows(),
                    r.socketDrops() < 0 ? "unknown" : Long.toString(r.socketDrops())));
            if (r.unknown() > 0) {
                b.append(", ").append(r.unknown()).append(" not placed (the reference lost them)");
            }
            if (r.queueDropped() > 0) {
                b.append(", ").append(r.queueDropped()).append(" dropped by Taskscope's queue");
            }
            b.append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** The same as one JSON line: {"registered":[{...}, ...]}. */
    static String json(List<RegisteredListenerReport> reports) {
        StringBuilder b = new StringBuilder("{\"registered\":[");
        String sep = "";
        for (RegisteredListenerReport r : reports) {
            RegisteredListener l = r.listener();
            b.append(sep).append(String.format(Locale.ROOT, "{\"listener\":%s,\"cpus\":\"%s\",\"buffer_bytes\":%d,"
                            + "\"pace_per_s\":%d,\"sent\":%d,\"received\":%d,\"lost\":%d,\"lost_by_cpu\":{",
                    io.taskscope.export.JsonText.string(l.name()), l.cpus().toCpulist(), r.grantedBytes(),
                    l.recordsPerSecond(), r.sentTotal(), r.receivedTotal(), r.lostTotal()));
            String s2 = "";
            for (int cpu = r.lostOn().nextCpu(0); cpu >= 0; cpu = r.lostOn().nextCpu(cpu + 1)) {
                b.append(s2).append('"').append(cpu).append("\":").append(r.lost(cpu));
                s2 = ",";
            }
            b.append(String.format(Locale.ROOT, "},\"enobufs\":%d,\"sk_drops\":%d,\"unplaced\":%d,\"queue_dropped\":%d}",
                    r.overflows(), r.socketDrops(), r.unknown(), r.queueDropped()));
            sep = ",";
        }
        return b.append("]}").toString();
    }
}
