package io.taskscope.core;

import java.util.Objects;

/**
 * One decoded taskstats record as a listener receives it.
 *
 * @param kind          PID record or TGID aggregate
 * @param cpu           the CPU the task exited on (known from which per-CPU socket received it; -1 if unknown)
 * @param receivedNanos when it was received, nanoseconds since the Unix epoch
 * @param seq           the netlink {@code nlmsg_seq}: for exit events a per-CPU counter, so gaps are losses
 * @param taskId        the pid ({@code TASKSTATS_TYPE_PID}) or tgid ({@code TASKSTATS_TYPE_TGID}) the nest names,
 *                      as seen from the initial pid namespace
 * @param stats         the struct taskstats values, exactly as the kernel sent them
 * @param threadComm    for a TGID aggregate: the comm of the PID record it came with (the last thread's), "" when
 *                      unknown or for a PID record
 * @param groupMicros   for a TGID aggregate: that PID record's ac_tgetime, the process's walltime (µs); else 0
 */
public record ExitRecord(RecordKind kind, int cpu, long receivedNanos, long seq, long taskId, Taskstats stats,
                         String threadComm, long groupMicros) {

    public ExitRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(threadComm, "threadComm");
    }

    /** A record not joined to another (every PID record; an aggregate read alone). */
    public ExitRecord(RecordKind kind, int cpu, long receivedNanos, long seq, long taskId, Taskstats stats) {
        this(kind, cpu, receivedNanos, seq, taskId, stats, "", 0);
    }

    /** This aggregate joined to the PID record of its message. */
    public ExitRecord joinedTo(ExitRecord pidRecord) {
        return new ExitRecord(kind, cpu, receivedNanos, seq, taskId, stats, pidRecord.comm(),
                pidRecord.get(TaskstatsField.AC_TGETIME));
    }

    /** What to call the task: ac_comm, or for an aggregate (whose ac_comm is empty) its last thread's. */
    public String command() {
        return comm().isEmpty() && !threadComm.isEmpty() ? threadComm : comm();
    }

    public int version() {
        return stats.version();
    }

    public String comm() {
        return stats.comm();
    }

    public long get(TaskstatsField field) {
        return stats.get(field);
    }

    /**
     * The id to show: the pid for a PID record, the thread group id for a TGID aggregate (its ac_pid is 0) — the
     * TASKSTATS_TYPE_PID / _TGID attribute either way.
     */
    public long pid() {
        return taskId;
    }

    /** The thread group id: ac_tgid (v12+), else for a TGID aggregate the nest's id. */
    public long tgid() {
        long tgid = stats.get(TaskstatsField.AC_TGID);
        return tgid != 0 || kind == RecordKind.PID ? tgid : taskId;
    }

    public Delay delay(DelayClass c) {
        return stats.delay(c);
    }

    /** Elapsed time since the task began (ac_etime), in nanoseconds. */
    public long lifetimeNanos() {
        return stats.get(TaskstatsField.AC_ETIME) * 1_000L;
    }

    /**
     * The share of the task's lifetime it spent waiting in this delay class, in percent: delay total / elapsed time
     * (htop's CPUD% / IOD% / SWPD%). Not capped: a TGID aggregate sums its threads and can pass 100.
     * NaN when the lifetime is 0.
     */
    public double percentOfLifetime(DelayClass c) {
        long lifetime = lifetimeNanos();
        return lifetime == 0 ? Double.NaN : 100.0 * unsigned(stats.get(c.totalField())) / lifetime;
    }

    /** A u64 as a double (totals never reach 2^63 ns, but the bits are unsigned). */
    private static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }
}
