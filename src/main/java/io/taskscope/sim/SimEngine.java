package io.taskscope.sim;

import io.taskscope.core.DelayClass;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;

import java.util.List;

/**
 * Generates a simulated machine's task exits into a {@link RecordBlock}, in simulated-time order, allocating
 * nothing per record. Exits form a Poisson process whose rate follows the profile's phases; each picks a CPU by
 * the profile's layout and a kind of task, and gets a full, self-consistent struct taskstats v16:
 * tick-granular utime/stime (HZ=250) against an exact cpu_run_virtual_total, cpu_count = context switches + 1,
 * heavy-tailed delays whose per-task max &ge; mean &ge; min, memory and I/O counters that go together.
 * <p>
 * Multi-threaded processes exit thread by thread, interleaved with other exits; the last one (the leader, with
 * AGROUP) carries the TGID aggregate in the same message, summed as the kernel sums it ({@code fill_tgid_exit}:
 * delay counts and totals, run times, elapsed time, utime/stime, context switches) with max/min copied from the
 * last thread ({@code UPDATE_DELAY} copies, it does not combine). Like the kernel's, the sequence number is
 * per CPU and shared by a message's two records.
 */
final class SimEngine {

    static final int VERSION = 16;
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

    private final Group[] groups = new Group[MAX_GROUPS];
    private int activeGroups;
    /** Threads still to exit, over all active groups. */
    private int pendingThreads;

    SimEngine(Profile profile, int cpus, double rate, long seed, long epochStartNanos) {
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
        for (int g = 0; g < MAX_GROUPS; g++) {
            groups[g] = new Group();
        }
        this.seq = new long[cpus];
        this.nextEventNanos = interArrival(0);
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

    private long interArrival(long atNanos) {
        double rate = baseRate * profile.rateFactor(atNanos / 1e9);
        return Math.max(1, Math.round(exponential.sample(random) * 1e9 / rate));
    }

    /**
     * Appends the exits that happen up to simulated time {@code untilNanos}, stopping early when the block holds
     * {@code maxRows}. Returns the number of rows added.
     */
    int generate(RecordBlock block, int maxRows, long untilNanos) {
        int start = block.size();
        while (block.size() < maxRows - 1 && nextEventNanos <= untilNanos) { // -1: a group exit adds two rows
            simNanos = nextEventNanos;
            exit(block);
            nextEventNanos = simNanos + interArrival(simNanos);
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
            g.startNanos = simNanos;
            java.util.Arrays.fill(g.sums, 0);
            threadExit(block, g);
            return;
        }
        int cpu = cpuTable.sample(random);
        int pid = allocatePid();
        int row = block.addRow(RecordKind.PID, cpu, epochStartNanos + simNanos, seq[cpu]++, pid);
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
        int row = block.addRow(RecordKind.PID, cpu, epochStartNanos + simNanos, messageSeq, pid);
        fill(block, row, g.kind, g.comm, pid, g.tgid, cpu, last, simNanos - g.startNanos);
        for (int i = 0; i < TGID_SUMMED.length; i++) {
            g.sums[i] += block.get(row, TGID_SUMMED[i]);
        }
        emitted++;
        if (last) {
            int agg = block.addRow(RecordKind.TGID, cpu, epochStartNanos + simNanos, messageSeq, g.tgid);
            block.setComm(agg, "");
            block.set(agg, TaskstatsField.VERSION, VERSION);
            for (int i = 0; i < TGID_SUMMED.length; i++) {
                block.set(agg, TGID_SUMMED[i], g.sums[i]);
            }
            for (DelayClass c : CLASSES) { // UPDATE_DELAY copies max/min from the task added last
                block.set(agg, c.maxField(), block.get(row, c.maxField()));
                block.set(agg, c.minField(), block.get(row, c.minField()));
            }
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
        double seconds = simNanos / 1e9;
        double load = cpuLoad[cpu] * profile.rateFactor(seconds); // busier CPU, more preemption and waiting
        double pressure = profile.pressure(seconds);

        long lifeUs = Math.max(30, (long) kind.lifetimeMicros().sample(random));
        if (groupAgeNanos > 0) {
            lifeUs = Math.max(lifeUs / 4, Math.min(lifeUs, groupAgeNanos / 1_000));
        }
        double cpuUs = lifeUs * kind.cpuShare() * (0.6 + 0.4 * random.nextDouble());
        long utime = (long) (cpuUs * 0.8 / TICK_MICROS) * TICK_MICROS;
        long stime = (long) (cpuUs * 0.2 / TICK_MICROS) * TICK_MICROS;
        long virtualNs = (long) (cpuUs * 1_000);
        long nvcsw = (long) (lifeUs / 1e6 * 40 * (1 - kind.cpuShare()) + random.nextInt(4));
        long nivcsw = (long) (cpuUs / TICK_MICROS * 0.3 * Math.min(4, load) + random.nextInt(3));
        long runs = nvcsw + nivcsw + 1;

        b.setComm(row, comm);
        b.set(row, TaskstatsField.VERSION, VERSION);
        int uid = kind.uids()[random.nextInt(kind.uids().length)];
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
        b.set(row, TaskstatsField.AC_EXITCODE, exitcode);
        b.set(row, TaskstatsField.AC_FLAG, flags);
        b.set(row, TaskstatsField.AC_UID, uid);
        b.set(row, TaskstatsField.AC_GID, uid);
        b.set(row, TaskstatsField.AC_PID, pid);
        b.set(row, TaskstatsField.AC_PPID, parentPid[k]);
        b.set(row, TaskstatsField.AC_TGID, tgid);
        long begin = (epochStartNanos + simNanos) / 1_000_000_000L - lifeUs / 1_000_000L;
        b.set(row, TaskstatsField.AC_BTIME, begin);
        b.set(row, TaskstatsField.AC_BTIME64, begin);
        b.set(row, TaskstatsField.AC_ETIME, lifeUs);
        b.set(row, TaskstatsField.AC_TGETIME, groupAgeNanos > 0 ? groupAgeNanos / 1_000 : lifeUs);
        b.set(row, TaskstatsField.AC_UTIME, utime);
        b.set(row, TaskstatsField.AC_STIME, stime);
        b.set(row, TaskstatsField.AC_UTIMESCALED, utime);
        b.set(row, TaskstatsField.AC_STIMESCALED, stime);
        b.set(row, TaskstatsField.CPU_RUN_REAL_TOTAL, (utime + stime) * 1_000);
        b.set(row, TaskstatsField.CPU_SCALED_RUN_REAL_TOTAL, (utime + stime) * 1_000);
        b.set(row, TaskstatsField.CPU_RUN_VIRTUAL_TOTAL, virtualNs);
        b.set(row, TaskstatsField.NVCSW, nvcsw);
        b.set(row, TaskstatsField.NIVCSW, nivcsw);

        long rssKb = Math.max(300, (long) kind.rssKb().sample(random));
        long vmKb = rssKb * (2 + random.nextInt(3));
        b.set(row, TaskstatsField.HIWATER_RSS, rssKb);
        b.set(row, TaskstatsField.HIWATER_VM, vmKb);
        b.set(row, TaskstatsField.COREMEM, (long) (rssKb / 1024.0 * cpuUs));
        b.set(row, TaskstatsField.VIRTMEM, (long) (vmKb / 1024.0 * cpuUs));
        b.set(row, TaskstatsField.AC_MINFLT, rssKb / 4 + random.nextInt(64));

        long read = ((long) kind.ioBytes().sample(random)) & ~4095L;
        long written = (long) (read * 0.4 * random.nextDouble()) & ~4095L;
        b.set(row, TaskstatsField.READ_BYTES, read);
        b.set(row, TaskstatsField.WRITE_BYTES, written);
        b.set(row, TaskstatsField.CANCELLED_WRITE_BYTES, random.chance(0.01) ? written / 2 : 0);
        long readChar = read + random.nextInt(65_536);
        long writeChar = written + random.nextInt(8_192);
        b.set(row, TaskstatsField.READ_CHAR, readChar);
        b.set(row, TaskstatsField.WRITE_CHAR, writeChar);
        b.set(row, TaskstatsField.READ_SYSCALLS, readChar / 4_096 + 1 + random.nextInt(8));
        b.set(row, TaskstatsField.WRITE_SYSCALLS, writeChar / 4_096 + random.nextInt(8));
        b.set(row, TaskstatsField.AC_EXE_DEV, EXE_DEV);
        b.set(row, TaskstatsField.AC_EXE_INODE, exeInode[k]);

        double lifeSeconds = lifeUs / 1e6;
        long majflt = 0;
        for (DelayClass c : CLASSES) {
            DelayModel model = kind.delays()[c.ordinal()];
            long count;
            double scale;
            if (c == DelayClass.CPU) {
                count = runs; // sched_info.pcount: one runqueue wait per time it was scheduled in
                scale = (0.5 + 0.5 * Math.min(4, cpuLoad[cpu])) * profile.rateFactor(seconds);
            } else if (model.none()) {
                continue;
            } else {
                double intensity = model.pressureDriven() ? pressure : 1;
                count = draw(model.eventsPerSecond() * lifeSeconds * intensity);
                scale = model.pressureDriven() ? 0.5 + pressure : 1;
            }
            if (count == 0) {
                continue;
            }
            long mean = Math.max(1, (long) (model.perEventNanos().sample(random) * scale));
            long max = count == 1 ? mean : mean + (long) (mean * 3 * random.nextDouble() * random.nextDouble() * Math.log1p(count));
            long min = count == 1 ? mean : Math.max(1, (long) (mean * (0.05 + 0.9 * random.nextDouble())));
            b.set(row, c.countField(), count);
            b.set(row, c.totalField(), count * mean);
            b.set(row, c.maxField(), max);
            b.set(row, c.minField(), min);
            if (c == DelayClass.SWAPIN) {
                majflt = count;
            }
        }
        b.set(row, TaskstatsField.AC_MAJFLT, majflt + (random.chance(0.05) ? 1 + random.nextInt(5) : 0));
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
