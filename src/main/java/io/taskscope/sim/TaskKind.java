package io.taskscope.sim;

import io.taskscope.core.DelayClass;

/**
 * One kind of task a profile's machine runs: its names, how often it exits, whether it is multi-threaded, how long
 * it lives, how much CPU, memory and I/O it uses, and how it waits.
 *
 * @param comms          command names (one is picked per task)
 * @param weight         share of exits among the profile's kinds
 * @param threadedChance chance that a new task of this kind is a multi-threaded process
 * @param maxThreads     threads of such a process, the leader included (2..maxThreads)
 * @param lifetimeMicros lifetime distribution
 * @param cpuShare       fraction of its lifetime on a CPU
 * @param rssKb          peak resident memory
 * @param ioBytes        bytes read (writes are a fraction of it)
 * @param uids           users it runs as
 * @param delays         per {@link DelayClass} (by ordinal); CPU delay events follow context switches
 */
record TaskKind(String[] comms, double weight, double threadedChance, int maxThreads, QuantileTable lifetimeMicros,
                double cpuShare, QuantileTable rssKb, QuantileTable ioBytes, int[] uids, DelayModel[] delays) {

    static Builder named(String... comms) {
        return new Builder(comms);
    }

    /** Reads like a sentence in {@link Profile}. */
    static final class Builder {
        private final String[] comms;
        private double weight = 1;
        private double threadedChance;
        private int maxThreads = 2;
        private QuantileTable lifetime = QuantileTable.logNormal(10_000, 1);
        private double cpuShare = 0.5;
        private QuantileTable rss = QuantileTable.logNormal(4_000, 0.8);
        private QuantileTable io = QuantileTable.logNormal(16_384, 1.5);
        private int[] uids = {1000};
        private final DelayModel[] delays = new DelayModel[DelayClass.values().length];

        private Builder(String[] comms) {
            this.comms = comms;
            java.util.Arrays.fill(delays, DelayModel.NONE);
            delays[DelayClass.CPU.ordinal()] = DelayModel.of(0, 20_000, 1.0); // per context switch, see SimEngine
            delays[DelayClass.WPCOPY.ordinal()] = DelayModel.of(400, 2_000, 0.7); // copy-on-write after fork
            delays[DelayClass.IRQ.ordinal()] = DelayModel.of(50, 3_000, 0.8);
        }

        Builder weight(double w) {
            weight = w;
            return this;
        }

        Builder threaded(double chance, int max) {
            threadedChance = chance;
            maxThreads = max;
            return this;
        }

        Builder lives(double medianMicros, double sigma) {
            lifetime = QuantileTable.logNormal(medianMicros, sigma);
            return this;
        }

        Builder cpu(double share) {
            cpuShare = share;
            return this;
        }

        Builder rss(double medianKb) {
            rss = QuantileTable.logNormal(medianKb, 0.8);
            return this;
        }

        Builder io(double medianBytes) {
            io = QuantileTable.logNormal(medianBytes, 1.5);
            return this;
        }

        Builder users(int... ids) {
            uids = ids;
            return this;
        }

        Builder delay(DelayClass c, DelayModel model) {
            delays[c.ordinal()] = model;
            return this;
        }

        /** CPU delay per time the task was scheduled in, before the load factor. */
        Builder cpuDelay(double medianNanos, double sigma) {
            delays[DelayClass.CPU.ordinal()] = DelayModel.of(0, medianNanos, sigma);
            return this;
        }

        TaskKind build() {
            return new TaskKind(comms, weight, threadedChance, maxThreads, lifetime, cpuShare, rss, io, uids, delays);
        }
    }
}
