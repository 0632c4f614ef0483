package io.taskscope.core;

import java.util.Arrays;

/**
 * The kernel's per-CPU listener lists ({@code per_cpu(listener_array, cpu)} in kernel/taskstats.c), for virtual
 * listeners: who receives the record of a task that exits on a given CPU.
 * <ul>
 *   <li>{@link #register}: {@code add_del_listener(REGISTER)}: for each CPU of the mask, add the listener at the
 *       head of that CPU's list unless it is already there (the CVE-2011-2484 duplicate check), so registering a CPU
 *       twice changes nothing.</li>
 *   <li>{@link #deregister}: {@code add_del_listener(DEREGISTER)}: for each CPU of the mask, remove the listener's
 *       entry if any; a CPU it was not registered on is a no-op.</li>
 *   <li>{@link #route}: {@code send_cpu_listeners()}: every listener on the exit CPU's list, newest first; a CPU
 *       with an empty list sends to nobody (the kernel does not even build the message).</li>
 * </ul>
 * Thread-safe and lock-free for readers: each edit publishes new per-CPU arrays (copy on write, like the kernel's
 * rw_semaphore gives readers a consistent list), so a collector thread can route while the UI edits masks.
 * Routing allocates nothing and costs O(listeners on that CPU).
 */
public final class ListenerRouting {

    /** The most virtual listeners Taskscope keeps at once. */
    public static final int MAX_LISTENERS = 64;

    private static final int[] NOBODY = new int[0];

    private final int cpuCount;
    /** lists[cpu] = listener ids, newest registration first; arrays are never modified once published. */
    private volatile int[][] lists;

    public ListenerRouting(int cpuCount) {
        if (cpuCount < 1 || cpuCount > CpulistLimits.MAX_CPUS) {
            throw new IllegalArgumentException("cpuCount must be 1.." + CpulistLimits.MAX_CPUS + ", was " + cpuCount);
        }
        this.cpuCount = cpuCount;
        int[][] empty = new int[cpuCount][];
        Arrays.fill(empty, NOBODY);
        this.lists = empty;
    }

    public int cpuCount() {
        return cpuCount;
    }

    /** Adds the listener to the list of every CPU in {@code cpus} it is not on yet. CPUs beyond cpuCount are refused. */
    public synchronized void register(int listenerId, CpuSet cpus) {
        checkId(listenerId);
        checkFits(cpus);
        int[][] next = lists.clone();
        for (int cpu = cpus.nextCpu(0); cpu >= 0; cpu = cpus.nextCpu(cpu + 1)) {
            int[] list = next[cpu];
            if (indexOf(list, listenerId) < 0) {
                int[] grown = new int[list.length + 1];
                grown[0] = listenerId; // list_add(): at the head
                System.arraycopy(list, 0, grown, 1, list.length);
                next[cpu] = grown;
            }
        }
        lists = next;
    }

    /** Removes the listener from every CPU in {@code cpus}; CPUs it is not on are left alone. */
    public synchronized void deregister(int listenerId, CpuSet cpus) {
        checkId(listenerId);
        int[][] next = lists.clone();
        for (int cpu = cpus.nextCpu(0); cpu >= 0 && cpu < cpuCount; cpu = cpus.nextCpu(cpu + 1)) {
            int[] list = next[cpu];
            int at = indexOf(list, listenerId);
            if (at >= 0) {
                int[] shrunk = list.length == 1 ? NOBODY : new int[list.length - 1];
                System.arraycopy(list, 0, shrunk, 0, at);
                System.arraycopy(list, at + 1, shrunk, at, list.length - at - 1);
                next[cpu] = shrunk;
            }
        }
        lists = next;
    }

    /**
     * Moves a listener from {@code oldCpus} to {@code newCpus} as a user-space collector would: deregister the CPUs
     * it leaves, register the ones it joins. CPUs in both keep their place in the lists.
     */
    public synchronized void change(int listenerId, CpuSet oldCpus, CpuSet newCpus) {
        deregister(listenerId, oldCpus.minus(newCpus));
        register(listenerId, newCpus.minus(oldCpus));
    }

    /**
     * Writes the ids of the listeners that receive an exit on {@code cpu} into {@code into} (newest first) and
     * returns how many. {@code into} must hold {@link #MAX_LISTENERS}. A CPU outside the machine has nobody.
     */
    public int route(int cpu, int[] into) {
        if (cpu < 0 || cpu >= cpuCount) {
            return 0;
        }
        int[] list = lists[cpu];
        System.arraycopy(list, 0, into, 0, list.length);
        return list.length;
    }

    /** How many listeners receive exits on {@code cpu}. */
    public int listenerCount(int cpu) {
        return cpu < 0 || cpu >= cpuCount ? 0 : lists[cpu].length;
    }

    /** Whether {@code listenerId} receives exits on {@code cpu}. */
    public boolean isRegistered(int listenerId, int cpu) {
        return cpu >= 0 && cpu < cpuCount && indexOf(lists[cpu], listenerId) >= 0;
    }

    /** The CPUs {@code listenerId} is registered on: its effective mask. */
    public CpuSet cpusOf(int listenerId) {
        int[][] snapshot = lists;
        long[] words = new long[(cpuCount + 63) >> 6];
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            if (indexOf(snapshot[cpu], listenerId) >= 0) {
                words[cpu >> 6] |= 1L << cpu;
            }
        }
        return CpuSet.ofWords(words);
    }

    private static int indexOf(int[] list, int id) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static void checkId(int id) {
        if (id < 0 || id >= MAX_LISTENERS) {
            throw new IllegalArgumentException("listener id must be 0.." + (MAX_LISTENERS - 1) + ", was " + id);
        }
    }

    private void checkFits(CpuSet cpus) {
        if (cpus.last() >= cpuCount) {
            throw new IllegalArgumentException("CPU " + cpus.last() + " is beyond this machine's " + cpuCount + " CPUs");
        }
    }
}
