package io.taskscope.core;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The virtual listeners a user has defined, immutable: every edit gives a new set, which makes undo a matter of
 * keeping the old one. Ids are small and stable; names are unique.
 */
public final class ListenerSet {

    /** Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
    private static final int[] PALETTE = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
            0x999999};

    private final List<Listener> listeners;

    private ListenerSet(List<Listener> listeners) {
        this.listeners = Collections.unmodifiableList(new ArrayList<>(listeners));
    }

    public static ListenerSet of(List<Listener> listeners) {
        return new ListenerSet(listeners);
    }

    public static ListenerSet empty() {
        return new ListenerSet(List.of());
    }

    public List<Listener> listeners() {
        return listeners;
    }

    public int size() {
        return listeners.size();
    }

    public Optional<Listener> byId(int id) {
        return listeners.stream().filter(l -> l.id() == id).findFirst();
    }

    public Optional<Listener> byName(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The palette colour for the n-th listener. */
    public static int colour(int n) {
        return PALETTE[n % PALETTE.length];
    }

    /** Adds a listener with a fresh id, a free name and the next palette colour. */
    public ListenerSet add(String baseName, CpuSet cpus) {
        int id = freeId();
        List<Listener> next = new ArrayList<>(listeners);
        next.add(new Listener(id, freeName(baseName), colour(id), cpus));
        return new ListenerSet(next);
    }

    public ListenerSet remove(int id) {
        List<Listener> next = new ArrayList<>(listeners);
        next.removeIf(l -> l.id() == id);
        return new ListenerSet(next);
    }

    public ListenerSet replace(Listener changed) {
        List<Listener> next = new ArrayList<>(listeners);
        next.replaceAll(l -> l.id() == changed.id() ? changed : l);
        return new ListenerSet(next);
    }

    public ListenerSet withCpus(int id, CpuSet cpus) {
        return byId(id).map(l -> replace(l.withCpus(cpus))).orElse(this);
    }

    /**
     * Every mask cut to {@code cpus} (a machine's possible CPUs): what can be registered there. The same set when
     * every mask fits.
     */
    public ListenerSet cutTo(CpuSet cpus) {
        ListenerSet out = this;
        for (Listener l : listeners) {
            if (!l.cpus().isSubsetOf(cpus)) {
                out = out.withCpus(l.id(), l.cpus().intersect(cpus));
            }
        }
        return out;
    }

    /** Renames, unless another listener has the name (then nothing changes). */
    public ListenerSet rename(int id, String name) {
        if (name.isBlank() || byName(name).filter(l -> l.id() != id).isPresent()) {
            return this;
        }
        return byId(id).map(l -> replace(l.withName(name.strip()))).orElse(this);
    }

    public boolean isFull() {
        return listeners.size() >= ListenerRouting.MAX_LISTENERS;
    }

    private int freeId() {
        for (int id = 0; id < ListenerRouting.MAX_LISTENERS; id++) {
            final int candidate = id;
            if (listeners.stream().noneMatch(l -> l.id() == candidate)) {
                return id;
            }
        }
        throw new IllegalStateException("at most " + ListenerRouting.MAX_LISTENERS + " listeners");
    }

    private String freeName(String base) {
        if (byName(base).isEmpty()) {
            return base;
        }
        for (int n = 2; ; n++) {
            String name = base + "-" + n;
            if (byName(name).isEmpty()) {
                return name;
            }
        }
    }

    // ---- presets ----

    /** One listener on every CPU: the configuration that overflows first. */
    public static ListenerSet oneOnAll(int cpuCount) {
        return empty().add("all", CpuSet.range(0, cpuCount - 1));
    }

    /** {@code n} listeners on consecutive, nearly equal slices of the CPUs. */
    public static ListenerSet splitEvenly(int cpuCount, int n) {
        int parts = Math.max(1, Math.min(n, Math.min(cpuCount, ListenerRouting.MAX_LISTENERS)));
        ListenerSet set = empty();
        for (int i = 0; i < parts; i++) {
            int first = (int) ((long) cpuCount * i / parts);
            int last = (int) ((long) cpuCount * (i + 1) / parts) - 1;
            set = set.add("part" + i, CpuSet.range(first, last));
        }
        return set;
    }

    /** One listener per NUMA node, given each node's CPUs. */
    public static ListenerSet perNode(List<CpuSet> nodes) {
        ListenerSet set = empty();
        for (int i = 0; i < nodes.size() && i < ListenerRouting.MAX_LISTENERS; i++) {
            set = set.add("node" + i, nodes.get(i));
        }
        return set;
    }

    /** One listener per CPU, as the kernel documentation recommends for the highest rates (up to 64 here). */
    public static ListenerSet perCpu(int cpuCount) {
        ListenerSet set = empty();
        for (int cpu = 0; cpu < Math.min(cpuCount, ListenerRouting.MAX_LISTENERS); cpu++) {
            set = set.add("cpu" + cpu, CpuSet.of(cpu));
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListenerSet other && listeners.equals(other.listeners);
    }

    @Override
    public int hashCode() {
        return listeners.hashCode();
    }

    @Override
    public String toString() {
        return listeners.toString();
    }
}
