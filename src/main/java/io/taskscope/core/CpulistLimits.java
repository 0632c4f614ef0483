package io.taskscope.core;

/**
 * The two kernel bounds a cpulist is checked against.
 *
 * @param nrCpuIds the bitmap width {@code cpulist_parse()} uses ({@code nr_cpumask_bits} = {@code nr_cpu_ids},
 *                 one more than the highest possible CPU): a CPU at or above it is ERANGE
 * @param nrCpus   the kernel's compile-time {@code CONFIG_NR_CPUS} ({@code /sys/devices/system/cpu/kernel_max} + 1):
 *                 it sizes {@code TASKSTATS_CPUMASK_MAXLEN = 100 + 6 * NR_CPUS}, the E2BIG bound
 */
public record CpulistLimits(int nrCpuIds, int nrCpus) {

    /** The largest machine Taskscope models: the kernel's maximum CONFIG_NR_CPUS. */
    public static final int MAX_CPUS = 8192;

    public CpulistLimits {
        if (nrCpuIds < 1 || nrCpuIds > MAX_CPUS) {
            throw new IllegalArgumentException("nrCpuIds must be 1.." + MAX_CPUS + ", was " + nrCpuIds);
        }
        if (nrCpus < nrCpuIds || nrCpus > MAX_CPUS) {
            throw new IllegalArgumentException("nrCpus must be " + nrCpuIds + ".." + MAX_CPUS + ", was " + nrCpus);
        }
    }

    /** A machine whose possible CPUs are {@code 0..cpus-1}, built with NR_CPUS = cpus (the simulator's machines). */
    public static CpulistLimits forMachine(int cpus) {
        return new CpulistLimits(cpus, cpus);
    }

    /** {@code TASKSTATS_CPUMASK_MAXLEN}: the most bytes the kernel takes in the mask attribute, NUL included. */
    public int maxAttributeLength() {
        return 100 + 6 * nrCpus;
    }

    /**
     * The longest cpulist text that is accepted when it is sent NUL-terminated (as Taskscope always sends it).
     * Measured on 6.18 with NR_CPUS=256: 1635 characters pass, 1636 give E2BIG.
     */
    public int maxTextLength() {
        return maxAttributeLength() - 1;
    }
}
