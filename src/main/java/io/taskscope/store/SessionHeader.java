package io.taskscope.store;

/**
 * What a recording says about where it came from.
 *
 * @param formatVersion     the file format version
 * @param host              host name
 * @param kernelRelease     uname -r of the recorded machine ("" for the simulator)
 * @param taskstatsVersion  struct taskstats version of the source (0 when unknown)
 * @param possibleCpus      cpulist of the possible CPUs
 * @param onlineCpus        cpulist of the online CPUs at the start
 * @param nrCpus            NR_CPUS of the recorded machine
 * @param sourceKind        live or sim
 * @param sourceDescription one line, e.g. "sim: build, 64 CPUs, 3,000 exits/s, seed 1"
 * @param startEpochNanos   wall clock at the start
 * @param startMonotonic    System.nanoTime() of the recorder at the start
 */
public record SessionHeader(int formatVersion, String host, String kernelRelease, int taskstatsVersion,
                            String possibleCpus, String onlineCpus, int nrCpus, String sourceKind,
                            String sourceDescription, long startEpochNanos, long startMonotonic) {

    public static final int FORMAT_VERSION = 1;

    /** The recorded machine as a source describes it (damaged CPU text falls back to one CPU). */
    public io.taskscope.source.SourceInfo machine(io.taskscope.source.SourceKind kind, String description) {
        io.taskscope.core.CpulistParse parsed = io.taskscope.core.CpuSet.parse(possibleCpus,
                io.taskscope.core.CpulistLimits.forMachine(io.taskscope.core.CpulistLimits.MAX_CPUS));
        io.taskscope.core.CpuSet cpus = parsed.isOk() && !parsed.orElseThrow().isEmpty() ? parsed.orElseThrow()
                : io.taskscope.core.CpuSet.of(0);
        int ids = cpus.last() + 1;
        int configured = Math.max(ids, Math.min(io.taskscope.core.CpulistLimits.MAX_CPUS, Math.max(1, nrCpus)));
        return new io.taskscope.source.SourceInfo(kind, description,
                new io.taskscope.core.CpulistLimits(ids, configured), cpus);
    }
}
