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
 * @param listenerMode      how a live source served its listeners: {@value #PER_CPU} (routed from per-CPU sockets;
 *                          also every file written before the mode was recorded) or {@value #REGISTERED} (each also on
 *                          a socket of its own, whose figures the SOCKETS frames hold)
 * @param listenerCopies    registered mode: whether COPIES frames hold what each listener's own socket received
 *                          (every file written since they exist; a registered file without them replays its
 *                          listeners routed from the per-CPU references)
 */
public record SessionHeader(int formatVersion, String host, String kernelRelease, int taskstatsVersion,
                            String possibleCpus, String onlineCpus, int nrCpus, String sourceKind,
                            String sourceDescription, long startEpochNanos, long startMonotonic,
                            String listenerMode, boolean listenerCopies) {

    public static final int FORMAT_VERSION = 1;
    public static final String PER_CPU = "per-cpu";
    public static final String REGISTERED = "registered";

    /** A header of a session whose listeners were routed from per-CPU sockets (or modelled: the simulator). */
    public SessionHeader(int formatVersion, String host, String kernelRelease, int taskstatsVersion,
                         String possibleCpus, String onlineCpus, int nrCpus, String sourceKind,
                         String sourceDescription, long startEpochNanos, long startMonotonic) {
        this(formatVersion, host, kernelRelease, taskstatsVersion, possibleCpus, onlineCpus, nrCpus, sourceKind,
                sourceDescription, startEpochNanos, startMonotonic, PER_CPU, false);
    }

    /** Whether each listener had a socket of its own (live, registered mode). */
    public boolean registered() {
        return REGISTERED.equals(listenerMode);
    }

    /**
     * The same header with {@code mode} as its listener mode, for a file being written: registered, it holds the
     * listeners' copies ({@link SessionWriter#copies}).
     */
    public SessionHeader withListenerMode(String mode) {
        return new SessionHeader(formatVersion, host, kernelRelease, taskstatsVersion, possibleCpus, onlineCpus, nrCpus,
                sourceKind, sourceDescription, startEpochNanos, startMonotonic, mode, REGISTERED.equals(mode));
    }

    /** Whether a replay shows each listener what its own socket received (registered, with COPIES frames). */
    public boolean hasListenerCopies() {
        return registered() && listenerCopies;
    }

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
