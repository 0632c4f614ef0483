package io.taskscope.bench;

import io.taskscope.core.CpuSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import io.taskscope.live.LiveCollector;
import io.taskscope.live.nativeio.Affinity;
import io.taskscope.live.nativeio.NativeException;
import io.taskscope.live.nativeio.NativeThreads;
import io.taskscope.session.LossEvent;
import io.taskscope.session.SourceBatch;
import io.taskscope.session.SourceConsumer;
import io.taskscope.session.SourceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live collector under a storm of short-lived threads on every CPU: one generator thread pinned to each online
 * CPU starts and joins native threads ({@link NativeThreads}) as fast as it can (each thread's exit is one taskstats record on that CPU), while the
 * collector listens. Reports exits created, records received, lost, and the collector's CPU time per record.
 */
public final class LiveBench {

    /** The figures one run produced. */
    public record Result(Duration storm, long exitsCreated, long ourRecordsReceived, long allRecordsReceived,
                         long lost, long enobufs, long collectorCpuNanos, int grantedReceiveBuffer) {

        public double exitsPerSecond() {
            return exitsCreated / (storm.toNanos() / 1e9);
        }

        public double collectorNanosPerRecord() {
            return allRecordsReceived == 0 ? 0 : (double) collectorCpuNanos / allRecordsReceived;
        }

        /** Collector CPU as a share of one core over the storm. */
        public double collectorCoreShare() {
            return (double) collectorCpuNanos / storm.toNanos();
        }
    }

    private static final int OUTSTANDING = 32;

    public static Result run(Duration storm, int receiveBuffer) throws SourceException, InterruptedException {
        long self = ProcessHandle.current().pid();
        LongAdder ours = new LongAdder();
        LongAdder all = new LongAdder();
        LongAdder lost = new LongAdder();
        LongAdder enobufs = new LongAdder();
        SourceConsumer consumer = new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                RecordBlock block = batch.records();
                for (int row = 0; row < block.size(); row++) {
                    if (block.isPid(row)) {
                        all.increment();
                        if (block.get(row, TaskstatsField.AC_TGID) == self) {
                            ours.increment();
                        }
                    }
                }
                for (LossEvent l : batch.losses()) {
                    lost.add(l.records());
                    if (l.cause() == LossEvent.Cause.ENOBUFS) {
                        enobufs.increment();
                    }
                }
            }
        };
        LiveCollector collector = new LiveCollector(LiveCollector.Settings.defaults().withReceiveBuffer(receiveBuffer));
        collector.start(consumer);
        long cpuBefore = collector.readerCpuNanos();
        CpuSet cpus = collector.registeredCpus();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder created = new LongAdder();
        List<Thread> generators = new ArrayList<>();
        for (int cpu = cpus.nextCpu(0); cpu >= 0; cpu = cpus.nextCpu(cpu + 1)) {
            int pinned = cpu;
            Thread g = new Thread(() -> generate(pinned, stop, created), "storm-cpu" + cpu);
            generators.add(g);
        }
        long start = System.nanoTime();
        generators.forEach(Thread::start);
        Thread.sleep(storm.toMillis());
        stop.set(true);
        for (Thread g : generators) {
            g.join();
        }
        long stormNanos = System.nanoTime() - start;
        Thread.sleep(500); // let the collector drain what is queued
        long cpuAfter = collector.readerCpuNanos();
        collector.stop();
        return new Result(Duration.ofNanos(stormNanos), created.sum(), ours.sum(), all.sum(), lost.sum(),
                enobufs.sum(), cpuAfter - cpuBefore, collector.grantedReceiveBuffer());
    }

    /** Pins itself to {@code cpu}, so the native threads it starts inherit the mask and exit there. */
    private static void generate(int cpu, AtomicBoolean stop, LongAdder created) {
        try {
            Affinity.pinCurrentThread(cpu);
        } catch (NativeException e) {
            throw new IllegalStateException(e);
        }
        NativeThreads threads = new NativeThreads();
        while (!stop.get()) {
            threads.startAndJoin(OUTSTANDING);
            created.add(OUTSTANDING);
        }
    }
}
