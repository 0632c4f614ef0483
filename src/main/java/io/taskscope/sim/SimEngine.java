package io.taskscope.sim;

import io.taskscope.core.DelayClass;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;

import java.util.List;

/**
 * Generates a simulated machine's task exits into a {@link RecordBlock}, in simulated-time order, allocating
 * nothing per record. Exits form a Poisson process whose rate follows the profile's phases; each picks a CPU by
 * the profile's layout and a kind of task, and gets a full, self-consistent struct taskstats v16 or v17:
 * tick-granular utime/stime (HZ=250) against an exact cpu_run_virtual_total, cpu_count = context switches + 1,
 * heavy-tailed delays whose per-task max &ge; mean &ge; min, memory and I/O counters that go together. Never what
 * the kernel cannot mean: run-queue wait + run time &le; elapsed time, every class's total &le; elapsed time, and a
 * thread never outlives its process (so {@link io.taskscope.core.DelayPlausibility} flags nothing it makes). v17's
 * X_delay_max_ts is a moment within the task's life.
 * <p>
 * Multi-threaded processes exit thread by thread, interleaved with other exits; the last one (the leader, with
 * AGROUP) carries the TGID aggregate in the same message, summed as the kernel sums it ({@code fill_tgid_exit}:
 * delay counts and totals, run times, elapsed time, utime/stime, context switches) with max/min copied from the
 * last thread ({@code UPDATE_DELAY} copies, it does not combine). Like the kernel's, the sequence number is
 * per CPU and shared by a message's two records.
 */
final class SimEngine {

    static final int VERSION = 16;
    private final int version;
    private static final long TICK_MICROS = 4_000; // HZ=250
    private static final int PID_MAX = 4_194_304;
    private static final int MAX_GROUPS = 1024;
    private static final long EXE_DEV = 0x803; // huge_encode_dev(8:3)

    private static final int AFORK = 0x01;
    private static final int ASU = 0x02;
    private static final int ACORE = 0x08;
    private static final int AXSIG = 0x10;
    private static final int AGROUP = 0x20;

    private static final DelayClass[] CLASSES = DelayClass.values();
    /** The fields fill_tgid_exit() and the delay accumulation add up into a TGID aggregate. */
    static final TaskstatsField[] TGID_SUMMED = {
            TaskstatsField.CPU_COUNT, TaskstatsField.CPU_DELAY_TOTAL, TaskstatsField.BLKIO_COUNT,
            TaskstatsField.BLKIO_DELAY_TOTAL, TaskstatsField.SWAPIN_COUNT, TaskstatsField.SWAPIN_DELAY_TOTAL,
            TaskstatsField.FREEPAGES_COUNT, TaskstatsField.FREEPAGES_DELAY_TOTAL, TaskstatsField.THRASHING_COUNT,
            TaskstatsField.THRASHING_DELAY_TOTAL, TaskstatsField.COMPACT_COUNT, TaskstatsField.COMPACT_DELAY_TOTAL,
            TaskstatsField.WPCOPY_COUNT, TaskstatsField.WPCOPY_DELAY_TOTAL, TaskstatsField.IRQ_COUNT,
            TaskstatsField.IRQ_DELAY_TOTAL, TaskstatsField.CPU_RUN_REAL_TOTAL, TaskstatsField.CPU_RUN_VIRTUAL_TOTAL,
            TaskstatsField.CPU_SCALED_RUN_REAL_TOTAL, TaskstatsField.AC_ETIME, TaskstatsField.AC_UTIME,
            TaskstatsField.AC_STIME, TaskstatsField.NVCSW, TaskstatsField.NIVCSW};

    /** Field offsets as constants, so the JIT folds them into the row writes of fill(). */
    private static final int F_AC_BTIME = TaskstatsField.AC_BTIME.ordinal();
    private static final int F_AC_BTIME64 = TaskstatsField.AC_BTIME64.ordinal();
    private static final int F_AC_ETIME = TaskstatsField.AC_ETIME.ordinal();
    private static final int F_AC_EXE_DEV = TaskstatsField.AC_EXE_DEV.ordinal();
    private static final int F_AC_EXE_INODE = TaskstatsField.AC_EXE_INODE.ordinal();
    private static final int F_AC_EXITCODE = TaskstatsField.AC_EXITCODE.ordinal();
    private static final int F_AC_FLAG = TaskstatsField.AC_FLAG.ordinal();
    private static final int F_AC_GID = TaskstatsField.AC_GID.ordinal();
    private static final int F_AC_MAJFLT = TaskstatsField.AC_MAJFLT.ordinal();
    private static final int F_AC_MINFLT = TaskstatsField.AC_MINFLT.ordinal();
    private static final int F_AC_NICE = TaskstatsField.AC_NICE.ordinal();
    private static final int F_AC_SCHED = TaskstatsField.AC_SCHED.ordinal();
    private static final int F_AC_PID = TaskstatsField.AC_PID.ordinal();
    private static final int F_AC_PPID = TaskstatsField.AC_PPID.ordinal();
    private static final int F_AC_STIME = TaskstatsField.AC_STIME.ordinal();
    private static final int F_AC_STIMESCALED = TaskstatsField.AC_STIMESCALED.ordinal();
    private static final int F_AC_TGETIME = TaskstatsField.AC_TGETIME.ordinal();
    private static final int F_AC_TGID = TaskstatsField.AC_TGID.ordinal();
    private static final int F_AC_UID = TaskstatsField.AC_UID.ordinal();
    private static final int F_AC_UTIME = TaskstatsField.AC_UTIME.ordinal();
    private static final int F_AC_UTIMESCALED = TaskstatsField.AC_UTIMESCALED.ordinal();
    private static final int F_CANCELLED_WRITE_BYTES = TaskstatsField.CANCELLED_WRITE_BYTES.ordinal();
    private static final int F_COREMEM = TaskstatsField.COREMEM.ordinal();
    private static final int F_CPU_RUN_REAL_TOTAL = TaskstatsField.CPU_RUN_REAL_TOTAL.ordinal();
    private static final int F_CPU_RUN_VIRTUAL_TOTAL = TaskstatsField.CPU_RUN_VIRTUAL_TOTAL.ordinal();
    private static final int F_CPU_SCALED_RUN_REAL_TOTAL = TaskstatsField.CPU_SCALED_RUN_REAL_TOTAL.ordinal();
    private static final int F_HIWATER_RSS = TaskstatsField.HIWATER_RSS.ordinal();
    private static final int F_HIWATER_VM = TaskstatsField.HIWATER_VM.ordinal();
    private static final int F_NIVCSW = TaskstatsField.NIVCSW.ordinal();
    private static final int F_NVCSW = TaskstatsField.NVCSW.ordinal();
    private static final int F_READ_BYTES = TaskstatsField.READ_BYTES.ordinal();
    private static final int F_READ_CHAR = TaskstatsField.READ_CHAR.ordinal();
    private static final int F_READ_SYSCALLS = TaskstatsField.READ_SYSCALLS.ordinal();
    private static final int F_VERSION = TaskstatsField.VERSION.ordinal();
    private static final int F_VIRTMEM = TaskstatsField.VIRTMEM.ordinal();
    private static final int F_WRITE_BYTES = TaskstatsField.WRITE_BYTES.ordinal();
    private static final int F_WRITE_CHAR = TaskstatsField.WRITE_CHAR.ordinal();
    private static final int F_WRITE_SYSCALLS = TaskstatsField.WRITE_SYSCALLS.ordinal();

    private static final int[] SUMMED_OFFSETS =
            java.util.Arrays.stream(TGID_SUMMED).mapToInt(TaskstatsField::ordinal).toArray();

    private final Profile profile;
    private final int cpus;
    private final double baseRate;
    private final long epochStartNanos;
    private final SimRandom random;
    private final AliasTable cpuTable;
    private final double[] cpuLoad;
    private final TaskKind[] kinds;
    private final AliasTable kindTable;
    private final long[] exeInode;
    private final QuantileTable exponential = QuantileTable.exponential();
    private final long[] seq;
    private final int[] parentPid;

    /** The profile's phase at the current event, computed once per event. */
    private double rateFactor = 1;
    private double pressure;
    private long nextEventNanos;
    private long simNanos;
    private int nextPid = 1000;
    private long emitted;

    /** A multi-threaded process whose threads are still exiting. */
    private static final class Group {
        int kind;
        String comm;
        int tgid;
        int threadsLeft;
        int nextTid;
        long startNanos;
        final long[] sums = new long[TGID_SUMMED.length];
    }

    /** Per kind: the delay classes besides CPU it meets, and those it never meets (written as zeros). */
    private final DelayClass[][] activeDelays;
    private final DelayClass[][] idleDelays;

    private final Group[] groups = new Group[MAX_GROUPS];
    private int activeGroups;
    /** Threads still to exit, over all active groups. */
    private int pendingThreads;

    SimEngine(Profile profile, int cpus, double rate, long seed, long epochStartNanos) {
        this(profile, cpus, rate, seed, epochStartNanos, VERSION);
    }

    /** @param version the struct taskstats version to emit: 16, or 17 (adds the delay-max timestamps) */
    SimEngine(Profile profile, int cpus, double rate, long seed, long epochStartNanos, int version) {
        this.version = version;
        this.profile = profile;
        this.cpus = cpus;
        this.baseRate = rate;
        this.epochStartNanos = epochStartNanos;
        this.random = new SimRandom(seed);
        double[] weights = profile.layout().weights(cpus, random);
        this.cpuTable = new AliasTable(weights);
        double mean = 0;
        for (double w : weights) {
            mean += w / cpus;
        }
        this.cpuLoad = new double[cpus];
        for (int i = 0; i < cpus; i++) {
            cpuLoad[i] = weights[i] / mean;
        }
        List<TaskKind> list = profile.kinds();
        this.kinds = list.toArray(new TaskKind[0]);
        this.kindTable = new AliasTable(list.stream().mapToDouble(TaskKind::weight).toArray());
        this.exeInode = new long[kinds.length];
        this.parentPid = new int[kinds.length];
        for (int k = 0; k < kinds.length; k++) {
            exeInode[k] = 100_000 + (kinds[k].comms()[0].hashCode() & 0xFFFFF);
            parentPid[k] = allocatePid();
        }
        this.activeDelays = new DelayClass[kinds.length][];
        this.idleDelays = new DelayClass[kinds.length][];
        for (int k = 0; k < kinds.length; k++) {
            TaskKind kind = kinds[k];
            activeDelays[k] = java.util.Arrays.stream(CLASSES)
                    .filter(c -> c != DelayClass.CPU && !kind.delays()[c.ordinal()].none()).toArray(DelayClass[]::new);
            idleDelays[k] = java.util.Arrays.stream(CLASSES)
                    .filter(c -> c != DelayClass.CPU && kind.delays()[c.ordinal()].none()).toArray(DelayClass[]::new);
        }
        for (int g = 0; g < MAX_GROUPS; g++) {
            groups[g] = new Group();
        }
        this.seq = new long[cpus];
        this.rateFactor = profile.rateFactor(0);
        this.nextEventNanos = interArrival(rateFactor);
    }

    double[] cpuLoad() {
        return cpuLoad.clone();
    }

    long simNanos() {
        return simNanos;
    }

    long emitted() {
        return emitted;
    }

    /** Exit messages (not records: a group exit is one message of two records) generated so far. */
    long messages() {
        long n = 0;
        for (long s : seq) {
            n += s;
        }
        return n;
    }

    private long interArrival(double phaseRateFactor) {
        return Math.max(1, Math.round(exponential.sample(random) * 1e9 / (baseRate * phaseRateFactor)));
    }

    /**
     * Appends the exits that happen up to simulated time {@code untilNanos}, stopping early when the block holds
     * {@code maxRows}. Returns the number of rows added.
     */
    int generate(RecordBlock block, int maxRows, long untilNanos) {
        int start = block.size();
        while (block.size() < maxRows - 1 && nextEventNanos <= untilNanos) { // -1: a group exit adds two rows
            simNanos = nextEventNanos;
            double seconds = simNanos * 1e-9;
            rateFactor = profile.rateFactor(seconds);
            pressure = profile.pressure(seconds);
            exit(block);
            nextEventNanos = simNanos + interArrival(rateFactor);
        }
        if (nextEventNanos > untilNanos) {
            simNanos = Math.max(simNanos, untilNanos);
        }
        return block.size() - start;
    }

    private void exit(RecordBlock block) {
        if (pendingThreads > 0 && random.chance(Math.min(0.5, pendingThreads / (pendingThreads + 40.0)))) {
            threadExit(block, groups[random.nextInt(activeGroups)]);
            return;
        }
        int k = kindTable.sample(random);
        TaskKind kind = kinds[k];
        if (kind.threadedChance() > 0 && activeGroups < MAX_GROUPS && random.chance(kind.threadedChance())) {
            Group g = groups[activeGroups++];
            g.kind = k;
            g.comm = kind.comms()[random.nextInt(kind.comms().length)];
            g.tgid = allocatePid();
            g.threadsLeft = 2 + random.nextInt(Math.max(1, kind.maxThreads() - 1));
            pendingThreads += g.threadsLeft;
            g.nextTid = g.tgid + 1;
            nextPid += g.threadsLeft; // the threads' ids follow the leader's
            // the process has run a while before its first thread ends, and no thread outlives it
            g.startNanos = simNanos - 1_000 * Math.max(30, (long) kind.lifetimeMicros().sample(random));
            java.util.Arrays.fill(g.sums, 0);
            threadExit(block, g);
            return;
        }
        int cpu = cpuTable.sample(random);
        int pid = allocatePid();
        int row = block.addRowUncleared(RecordKind.PID, cpu, epochStartNanos + simNanos, seq[cpu]++, pid);
        String comm = kind.comms()[random.nextInt(kind.comms().length)];
        fill(block, row, k, comm, pid, pid, cpu, true, 0);
        emitted++;
    }

    private void threadExit(RecordBlock block, Group g) {
        boolean last = --g.threadsLeft == 0;
        pendingThreads--;
        int cpu = cpuTable.sample(random);
        int pid = last ? g.tgid : g.nextTid++;
        long messageSeq = seq[cpu]++;
        int row = block.addRowUncleared(RecordKind.PID, cpu, epochStartNanos + simNanos, messageSeq, pid);
        fill(block, row, g.kind, g.comm, pid, g.tgid, cpu, last, simNanos - g.startNanos);
        long[] v = block.valuesForWriting();
        int base = row * RecordBlock.FIELD_COUNT;
        for (int i = 0; i < SUMMED_OFFSETS.length; i++) {
            g.sums[i] += v[base + SUMMED_OFFSETS[i]];
        }
        emitted++;
        if (last) {
            int agg = block.addRow(RecordKind.TGID, cpu, epochStartNanos + simNanos, messageSeq, g.tgid);
            block.setComm(agg, "");
            block.set(agg, TaskstatsField.VERSION, version);
            for (int i = 0; i < TGID_SUMMED.length; i++) {
                block.set(agg, TGID_SUMMED[i], g.sums[i]);
            }
            for (DelayClass c : CLASSES) { // UPDATE_DELAY copies max/min (and v17's max_ts) from the task added last
                block.set(agg, c.maxField(), block.get(row, c.maxField()));
                block.set(agg, c.minField(), block.get(row, c.minField()));
                if (version >= 17) {
                    block.set(agg, c.maxTimeField(), block.get(row, c.maxTimeField()));
                }
            }
            block.joinAggregate(agg);
            emitted++;
            groups[indexOf(g)] = groups[activeGroups - 1];
            groups[--activeGroups] = g;
        }
    }

    private int indexOf(Group g) {
        for (int i = 0; i < activeGroups; i++) {
            if (groups[i] == g) {
                return i;
            }
        }
        throw new IllegalStateException("group not active");
    }

    private int allocatePid() {
        if (nextPid >= PID_MAX) {
            nextPid = 300; // the kernel wraps to RESERVED_PIDS
        }
        return nextPid++;
    }

    /** Writes a plausible, self-consistent struct taskstats for one exiting task into {@code row}. */
    private void fill(RecordBlock b, int row, int k, String comm, int pid, int tgid, int cpu, boolean groupDead,
                      long groupAgeNanos) {
        TaskKind kind = kinds[k];
        double load = cpuLoad[cpu] * rateFactor; // busier CPU, more preemption and waiting

        long lifeUs = Math.max(30, (long) kind.lifetimeMicros().sample(random));
        if (groupAgeNanos > 0) { // about as long as the process so far, and never longer
            long ageUs = Math.max(1, groupAgeNanos / 1_000);
            lifeUs = Math.min(ageUs, Math.max(lifeUs / 4, Math.min(lifeUs, ageUs)));
        }
        double cpuUs = lifeUs * kind.cpuShare() * (0.6 + 0.4 * random.nextDouble());
        double ticks = cpuUs * (1.0 / TICK_MICROS);
        long utime = (long) (ticks * 0.8) * TICK_MICROS;
        long stime = (long) (ticks * 0.2) * TICK_MICROS;
        long virtualNs = (long) (cpuUs * 1_000);
        long small = random.nextLong(); // several small jitters from one draw
        double lifeSeconds = lifeUs * 1e-6; // multiplications: a division costs more than writing a field
        long nvcsw = (long) (lifeSeconds * 40 * (1 - kind.cpuShare()) + (small & 3));
        long nivcsw = (long) (ticks * 0.3 * Math.min(4, load) + ((small >>> 2) & 1) + ((small >>> 3) & 1));
        long runs = nvcsw + nivcsw + 1;

        b.setComm(row, comm);
        long[] v = b.valuesForWriting();
        int base = row * RecordBlock.FIELD_COUNT;
        v[base + F_VERSION] = version;
        v[base + F_AC_NICE] = 0;
        v[base + F_AC_SCHED] = 0;
        int[] uids = kind.uids();
        int uid = uids[(int) (((small >>> 4) & 0xFFFF) * uids.length >>> 16)];
        int flags = groupDead ? AGROUP : 0;
        long exitcode = 0;
        double fate = random.nextDouble();
        if (groupDead && fate < 0.0008) {
            exitcode = 11 | 0x80; // SIGSEGV, core dumped
            flags |= AXSIG | ACORE;
        } else if (groupDead && fate < 0.004) {
            exitcode = 9; // SIGKILL
            flags |= AXSIG;
        } else if (groupDead && fate < 0.03) {
            exitcode = (1 + random.nextInt(2)) << 8;
        }
        if (uid == 0 && random.chance(0.3)) {
            flags |= ASU;
        }
        if (groupDead && random.chance(0.02)) {
            flags |= AFORK; // forked, never exec'd
        }
        v[base + F_AC_EXITCODE] = exitcode;
        v[base + F_AC_FLAG] = flags;
        v[base + F_AC_UID] = uid;
        v[base + F_AC_GID] = uid;
        v[base + F_AC_PID] = pid;
        v[base + F_AC_PPID] = parentPid[k];
        v[base + F_AC_TGID] = tgid;
        long begin = (long) ((epochStartNanos + simNanos) * 1e-9 - lifeSeconds);
        v[base + F_AC_BTIME] = begin;
        v[base + F_AC_BTIME64] = begin;
        v[base + F_AC_ETIME] = lifeUs;
        v[base + F_AC_TGETIME] = groupAgeNanos > 0 ? groupAgeNanos / 1_000 : lifeUs;
        v[base + F_AC_UTIME] = utime;
        v[base + F_AC_STIME] = stime;
        v[base + F_AC_UTIMESCALED] = utime;
        v[base + F_AC_STIMESCALED] = stime;
        v[base + F_CPU_RUN_REAL_TOTAL] = (utime + stime) * 1_000;
        v[base + F_CPU_SCALED_RUN_REAL_TOTAL] = (utime + stime) * 1_000;
        v[base + F_CPU_RUN_VIRTUAL_TOTAL] = virtualNs;
        v[base + F_NVCSW] = nvcsw;
        v[base + F_NIVCSW] = nivcsw;

        long rssKb = Math.max(300, (long) kind.rssKb().sample(random));
        long vmKb = rssKb * (2 + ((((small >>> 20) & 0xFFFF) * 3) >>> 16));
        v[base + F_HIWATER_RSS] = rssKb;
        v[base + F_HIWATER_VM] = vmKb;
        v[base + F_COREMEM] = (long) (rssKb * (1 / 1024.0) * cpuUs);
        v[base + F_VIRTMEM] = (long) (vmKb * (1 / 1024.0) * cpuUs);
        v[base + F_AC_MINFLT] = rssKb / 4 + ((small >>> 36) & 63);

        long more = random.nextLong();
        long read = ((long) kind.ioBytes().sample(random)) & ~4095L;
        long written = (long) (read * 0.4 * random.nextDouble()) & ~4095L;
        v[base + F_READ_BYTES] = read;
        v[base + F_WRITE_BYTES] = written;
        v[base + F_CANCELLED_WRITE_BYTES] = ((more >>> 40) & 127) == 0 ? written / 2 : 0;
        long readChar = read + (more & 0xFFFF);
        long writeChar = written + ((more >>> 16) & 0x1FFF);
        v[base + F_READ_CHAR] = readChar;
        v[base + F_WRITE_CHAR] = writeChar;
        v[base + F_READ_SYSCALLS] = (readChar >> 12) + 1 + ((more >>> 29) & 7);
        v[base + F_WRITE_SYSCALLS] = (writeChar >> 12) + ((more >>> 32) & 7);
        v[base + F_AC_EXE_DEV] = EXE_DEV;
        v[base + F_AC_EXE_INODE] = exeInode[k];

        // CPU delay: one runqueue wait per time it was scheduled in (sched_info.pcount); longer on busier CPUs. A task
        // is running, waiting for a CPU or sleeping, one at a time: wait + run time <= elapsed.
        long lifeNs = lifeUs * 1_000;
        long endNs = epochStartNanos + simNanos;
        double cpuScale = (0.5 + 0.5 * Math.min(4, cpuLoad[cpu])) * rateFactor;
        writeDelay(v, base, DelayClass.CPU, runs, kind.delays()[DelayClass.CPU.ordinal()], cpuScale,
                lifeNs - v[base + F_CPU_RUN_REAL_TOTAL], endNs, lifeNs);
        long majflt = 0;
        for (DelayClass c : activeDelays[k]) {
            DelayModel model = kind.delays()[c.ordinal()];
            double intensity = model.pressureDriven() ? pressure : 1;
            long count = draw(model.eventsPerSecond() * lifeSeconds * intensity);
            writeDelay(v, base, c, count, model, model.pressureDriven() ? 0.5 + pressure : 1, lifeNs, endNs, lifeNs);
            if (c == DelayClass.SWAPIN) {
                majflt = count;
            }
        }
        for (DelayClass c : idleDelays[k]) {
            v[base + c.countField().ordinal()] = 0;
            v[base + c.totalField().ordinal()] = 0;
            v[base + c.maxField().ordinal()] = 0;
            v[base + c.minField().ordinal()] = 0;
            v[base + c.maxTimeField().ordinal()] = 0;
        }
        v[base + F_AC_MAJFLT] = majflt + (random.chance(0.05) ? 1 + random.nextInt(5) : 0);
    }

    /**
     * count/total/max/min of one class, with max &ge; total/count &ge; min, total &le; {@code budgetNanos} (each
     * wait at least 1 ns) and max &le; what the total leaves after the other waits; v17: when the max happened.
     */
    private void writeDelay(long[] v, int base, DelayClass c, long count, DelayModel model, double scale,
                            long budgetNanos, long endNanos, long lifeNanos) {
        count = Math.min(count, Math.max(0, budgetNanos));
        long mean = 0;
        long max = 0;
        long min = 0;
        if (count > 0) {
            mean = Math.max(1, (long) (model.perEventNanos().sample(random) * scale));
            max = mean;
            min = mean;
            if (count > 1) {
                // the worst of many waits is far above their mean, more so the more there were (~log2 of count)
                long bits = random.nextLong();
                double u1 = (bits >>> 43) * 0x1.0p-21;
                double u2 = ((bits >>> 22) & 0x1F_FFFF) * 0x1.0p-21;
                double u3 = (bits & 0x3F_FFFF) * 0x1.0p-22;
                max = mean + (long) (mean * 3 * u1 * u2 * (64 - Long.numberOfLeadingZeros(count)));
                min = Math.max(1, (long) (mean * (0.05 + 0.9 * u3)));
            }
            mean = Math.min(mean, budgetNanos / count);
            min = Math.min(min, mean);
            max = Math.max(mean, Math.min(max, count * mean - (count - 1) * min));
        }
        // rows are reused uncleared: a v16 record writes its (absent) timestamps as 0
        v[base + c.maxTimeField().ordinal()] = version < 17 || count == 0 ? 0
                : endNanos - lifeNanos + (long) (random.nextDouble() * lifeNanos);
        v[base + c.countField().ordinal()] = count;
        v[base + c.totalField().ordinal()] = count * mean;
        v[base + c.maxField().ordinal()] = max;
        v[base + c.minField().ordinal()] = min;
    }

    /** A count with the given expectation: the integer part, plus one with the fractional part's chance, jittered. */
    private long draw(double expected) {
        if (expected <= 0) {
            return 0;
        }
        double jittered = expected * (0.5 + random.nextDouble());
        long whole = (long) jittered;
        return whole + (random.nextDouble() < jittered - whole ? 1 : 0);
    }
}
