package io.taskscope.source;

import io.taskscope.core.CpuSet;

/**
 * A virtual listener as the kernel treats one: its own netlink socket, registered on its cpumask, with its own receive
 * buffer and, to play a slow consumer, a pace at which it is read.
 *
 * @param name               the listener's name
 * @param cpus               the cpumask it registers (TASKSTATS_CMD_ATTR_REGISTER_CPUMASK)
 * @param receiveBufferBytes SO_RCVBUF(FORCE) asked for its socket; 0 leaves the kernel's net.core.rmem_default
 * @param recordsPerSecond   the most datagrams read from it per second; 0 reads it as fast as it fills
 */
public record RegisteredListener(String name, CpuSet cpus, int receiveBufferBytes, int recordsPerSecond) {
    public RegisteredListener {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("listener " + name + " has no CPUs to register");
        }
        if (receiveBufferBytes < 0 || recordsPerSecond < 0) {
            throw new IllegalArgumentException("listener " + name + ": a buffer or pace below 0");
        }
    }

    /** On {@code cpus}, with the kernel's default buffer, read as fast as it fills. */
    public static RegisteredListener of(String name, CpuSet cpus) {
        return new RegisteredListener(name, cpus, 0, 0);
    }
}
