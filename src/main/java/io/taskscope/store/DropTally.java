package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the recorder's queue refused, per CPU, until the writer puts it into the file as losses of cause
 * {@link LossEvent.Cause#QUEUE}; the losses a refused batch carried are kept, as counts by cause. Counted on the
 * source's thread, written on the writer's.
 */
final class DropTally {

    private static final LossEvent.Cause[] CAUSES = LossEvent.Cause.values();

    private final int cpus;
    private final AtomicLongArray exits;
    /** [cause * cpus + cpu]: the losses of dropped batches (ENOBUFS: episodes, not records). */
    private final AtomicLongArray losses;
    /** Something was counted since the writer last looked (a hint: the counts themselves are per CPU). */
    private final AtomicLong pending = new AtomicLong();

    /** @param cpus CPUs of the machine recorded (records of higher CPUs are not counted per CPU) */
    DropTally(int cpus) {
        this.cpus = cpus;
        this.exits = new AtomicLongArray(cpus);
        this.losses = new AtomicLongArray(CAUSES.length * cpus);
    }

    void count(SourceBatch batch) {
        RecordBlock records = batch.records();
        for (int r = 0; r < records.size(); r++) {
            int cpu = records.cpu(r);
            if (records.isPid(r) && cpu >= 0 && cpu < cpus) {
                exits.getAndIncrement(cpu);
                pending.incrementAndGet();
            }
        }
        for (LossEvent l : batch.losses()) {
            if (l.cpu() >= 0 && l.cpu() < cpus && l.listenerId() == LossEvent.ALL_LISTENERS) {
                boolean episode = l.cause() == LossEvent.Cause.ENOBUFS;
                losses.getAndAdd(l.cause().ordinal() * cpus + l.cpu(), episode ? 1 : l.records());
                pending.incrementAndGet();
            }
        }
    }

    /** Writes what was counted since the last call as losses at {@code nanos}; returns the records they say lost. */
    long writeTo(SessionWriter writer, long nanos) throws IOException {
        if (pending.getAndSet(0) == 0) {
            return 0;
        }
        long lost = 0;
        for (int cpu = 0; cpu < cpus; cpu++) {
            long n = exits.getAndSet(cpu, 0);
            if (n > 0) {
                writer.loss(new LossEvent(cpu, LossEvent.ALL_LISTENERS, n, LossEvent.Cause.QUEUE, nanos));
                lost += n;
            }
            for (LossEvent.Cause cause : CAUSES) {
                long c = losses.getAndSet(cause.ordinal() * cpus + cpu, 0);
                if (c > 0 && cause == LossEvent.Cause.ENOBUFS) {
                    for (long e = 0; e < c; e++) { // episodes: one mark each, no records
                        writer.loss(new LossEvent(cpu, LossEvent.ALL_LISTENERS, 0, cause, nanos));
                    }
                } else if (c > 0) {
                    writer.loss(new LossEvent(cpu, LossEvent.ALL_LISTENERS, c, cause, nanos));
                    lost += c;
                }
            }
        }
        return lost;
    }
}
