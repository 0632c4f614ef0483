package io.taskscope.core;

import java.util.Objects;

/**
 * A virtual taskstats listener: what one netlink socket registered with {@code TASKSTATS_CMD_ATTR_REGISTER_CPUMASK}
 * would be. Immutable; an edit makes a new Listener with the same id.
 *
 * @param id   small dense number (0 .. {@link ListenerRouting#MAX_LISTENERS}-1), the key routing uses
 *             (the kernel keys its per-CPU lists by the socket's netlink port id)
 * @param name what the user calls it; unique among listeners
 * @param rgb  display colour as 0xRRGGBB (the core knows no UI toolkit)
 * @param cpus the CPUs it is registered on
 */
public record Listener(int id, String name, int rgb, CpuSet cpus) {

    public Listener {
        if (id < 0 || id >= ListenerRouting.MAX_LISTENERS) {
            throw new IllegalArgumentException("listener id must be 0.." + (ListenerRouting.MAX_LISTENERS - 1));
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cpus, "cpus");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a listener needs a name");
        }
        rgb &= 0xFF_FFFF;
    }

    public Listener withCpus(CpuSet newCpus) {
        return new Listener(id, name, rgb, newCpus);
    }

    public Listener withName(String newName) {
        return new Listener(id, newName, rgb, cpus);
    }

    public Listener withRgb(int newRgb) {
        return new Listener(id, name, newRgb, cpus);
    }

    /** "#1f77b4". */
    public String hexColour() {
        return String.format("#%06x", rgb);
    }
}
