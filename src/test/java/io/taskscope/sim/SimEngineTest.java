package io.taskscope.sim;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.taskstats.DecodedDatagram;
import io.taskscope.taskstats.ExitMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimEngineTest {

    private static final long EPOCH = 1_795_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static RecordBlock run(Profile profile, int cpus, double rate, long seed, double seconds) {
        SimEngine engine = new SimEngine(profile, cpus, rate, seed, EPOCH);
        RecordBlock all = new RecordBlock(1024);
        RecordBlock batch = new RecordBlock(4096);
        long until = (long) (seconds * SECOND);
        while (engine.simNanos() < until) {
            batch.clear();
            engine.generate(batch, 4096, until);
            for (int row = 0; row < batch.size(); row++) {
                all.add(batch, row);
            }
        }
        return all;
    }

    @Test
    void theSameSeedGivesTheSameRecordsBitForBit() {
        RecordBlock a = run(Profile.CONTAINER_HOST, 128, 20_000, 42, 2);
        RecordBlock b = run(Profile.CONTAINER_HOST, 128, 20_000, 42, 2);
        RecordBlock c = run(Profile.CONTAINER_HOST, 128, 20_000, 43, 2);
        assertThat(a.size()).isEqualTo(b.size()).isGreaterThan(30_000);
        for (int row = 0; row < a.size(); row++) {
            assertThat(b.record(row)).isEqualTo(a.record(row));
            assertThat(b.seq(row)).isEqualTo(a.seq(row));
        }
        assertThat(c.record(100)).isNotEqualTo(a.record(100));
    }

    /** The engine writes rows without clearing them first: every field must be written, whatever was there. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void reusedRowsHoldNothingOfTheirPastContents(Profile profile) {
        RecordBlock dirty = new RecordBlock(8);
        for (int row = 0; row < 6000; row++) {
            dirty.addRow(RecordKind.PID, 0, 0, 0, 0);
            java.util.Arrays.fill(dirty.valuesForWriting(), row * RecordBlock.FIELD_COUNT,
                    (row + 1) * RecordBlock.FIELD_COUNT, 0x5A5A5A5A5A5AL);
        }
        dirty.clear();
        new SimEngine(profile, 16, 2_000, 3, EPOCH).generate(dirty, 5000, SECOND);
        RecordBlock fresh = new RecordBlock(8);
        new SimEngine(profile, 16, 2_000, 3, EPOCH).generate(fresh, 5000, SECOND);
        assertThat(dirty.size()).isEqualTo(fresh.size()).isPositive();
        for (int row = 0; row < fresh.size(); row++) {
            assertThat(dirty.record(row)).isEqualTo(fresh.record(row));
        }
    }

    @Test
    void batchBoundariesDoNotChangeTheRecords() {
        SimEngine small = new SimEngine(Profile.BUILD, 32, 5_000, 7, EPOCH);
        SimEngine big = new SimEngine(Profile.BUILD, 32, 5_000, 7, EPOCH);
        RecordBlock a = new RecordBlock(16);
        RecordBlock b = new RecordBlock(16);
        for (long t = 1_000_000; t <= SECOND; t += 1_000_000) {
            small.generate(a, Integer.MAX_VALUE, t); // paced: 1 ms at a time
        }
        big.generate(b, Integer.MAX_VALUE, SECOND);
        assertThat(a.size()).isEqualTo(b.size());
        for (int row = 0; row < a.size(); row += 97) {
            assertThat(a.record(row)).isEqualTo(b.record(row));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = {"DESKTOP", "FORK_STORM", "CONTAINER_HOST", "MEMORY_PRESSURE"})
    void theMeanRateIsTheSetting(Profile profile) {
        double rate = 50_000;
        SimEngine engine = new SimEngine(profile, 64, rate, 3, EPOCH);
        RecordBlock block = new RecordBlock(8192);
        long until = 20 * SECOND;
        while (engine.simNanos() < until) {
            block.clear();
            engine.generate(block, 8192, until);
        }
        // messages, not records: a group exit is one message carrying two records
        assertThat(engine.messages() / 20.0).isCloseTo(rate, within(rate * 0.02));
    }

    @Test
    void buildComesInBursts() {
        RecordBlock block = run(Profile.BUILD, 64, 10_000, 5, 12);
        long inBurst = 0;
        long quiet = 0;
        for (int row = 0; row < block.size(); row++) {
            double s = (block.receivedNanos(row) - EPOCH) / 1e9;
            if (s < 7) {
                inBurst++;
            } else {
                quiet++;
            }
        }
        // 7 s at 1.6x against 5 s at 0.25x
        assertThat((double) inBurst / 7 / ((double) quiet / 5)).isCloseTo(1.6 / 0.25, within(0.8));
    }

    @Test
    void desktopLoadsAFewCpusAndLeavesMostIdle() {
        RecordBlock block = run(Profile.DESKTOP, 100, 20_000, 9, 5);
        long[] perCpu = perCpu(block, 100);
        long[] sorted = perCpu.clone();
        java.util.Arrays.sort(sorted);
        long top10 = 0;
        long total = 0;
        for (int i = 0; i < 100; i++) {
            total += sorted[i];
            if (i >= 90) {
                top10 += sorted[i];
            }
        }
        assertThat((double) top10 / total).as("share of the 10 busiest CPUs").isGreaterThan(0.5);
        assertThat(sorted[59]).as("the 60 idlest CPUs").isLessThan(sorted[99] / 50);
    }

    @Test
    void forkStormSpreadsOverEveryCpu() {
        long[] perCpu = perCpu(run(Profile.FORK_STORM, 64, 200_000, 11, 2), 64);
        long min = java.util.Arrays.stream(perCpu).min().orElseThrow();
        long max = java.util.Arrays.stream(perCpu).max().orElseThrow();
        assertThat((double) max / min).isLessThan(2.0);
    }

    private static long[] perCpu(RecordBlock block, int cpus) {
        long[] n = new long[cpus];
        for (int row = 0; row < block.size(); row++) {
            n[block.cpu(row)]++;
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyPidRecordIsSelfConsistent(Profile profile) {
        RecordBlock block = run(profile, 48, 20_000, 17, 3);
        int pidRows = 0;
        for (int row = 0; row < block.size(); row++) {
            ExitRecord r = block.record(row);
            assertThat(r.version()).isEqualTo(16);
            if (r.kind() != RecordKind.PID) {
                continue;
            }
            pidRows++;
            for (DelayClass c : DelayClass.values()) {
                long count = r.get(c.countField());
                long total = r.get(c.totalField());
                assertThat(count).isNotNegative();
                assertThat(total).isNotNegative();
                if (count > 0) {
                    double mean = (double) total / count;
                    assertThat((double) r.get(c.maxField())).as("%s max", c).isGreaterThanOrEqualTo(mean);
                    assertThat((double) r.get(c.minField())).as("%s min", c).isLessThanOrEqualTo(mean).isPositive();
                } else {
                    assertThat(total).isZero();
                }
            }
            assertThat(r.get(TaskstatsField.CPU_COUNT))
                    .isEqualTo(r.get(TaskstatsField.NVCSW) + r.get(TaskstatsField.NIVCSW) + 1);
            assertThat(r.get(TaskstatsField.CPU_RUN_REAL_TOTAL))
                    .isEqualTo((r.get(TaskstatsField.AC_UTIME) + r.get(TaskstatsField.AC_STIME)) * 1000);
            assertThat(r.get(TaskstatsField.AC_UTIME) % 4000).isZero(); // tick-granular at HZ=250
            assertThat(r.get(TaskstatsField.CPU_RUN_VIRTUAL_TOTAL))
                    .isLessThanOrEqualTo(r.get(TaskstatsField.AC_ETIME) * 1000);
            assertThat(r.get(TaskstatsField.HIWATER_VM)).isGreaterThanOrEqualTo(r.get(TaskstatsField.HIWATER_RSS));
            assertThat(r.get(TaskstatsField.READ_CHAR)).isGreaterThanOrEqualTo(r.get(TaskstatsField.READ_BYTES));
            assertThat(r.get(TaskstatsField.AC_PID)).isEqualTo(r.taskId());
            assertThat(r.get(TaskstatsField.AC_BTIME)).isLessThanOrEqualTo(r.receivedNanos() / SECOND);
            assertThat(r.comm()).isNotEmpty();
        }
        assertThat(pidRows).isGreaterThan(10_000);
    }

    @Test
    void tgidAggregatesSumTheirThreadsAsTheKernelDoes() {
        RecordBlock block = run(Profile.MEMORY_PRESSURE, 16, 20_000, 23, 5);
        Map<Long, long[]> sums = new HashMap<>();
        Map<Long, Integer> lastThreadRow = new HashMap<>();
        int groups = 0;
        for (int row = 0; row < block.size(); row++) {
            if (block.isPid(row)) {
                long tgid = block.get(row, TaskstatsField.AC_TGID);
                long[] s = sums.computeIfAbsent(tgid, k -> new long[SimEngine.TGID_SUMMED.length]);
                for (int i = 0; i < s.length; i++) {
                    s[i] += block.get(row, SimEngine.TGID_SUMMED[i]);
                }
                lastThreadRow.put(tgid, row);
                continue;
            }
            groups++;
            long tgid = block.taskId(row);
            int last = lastThreadRow.get(tgid);
            assertThat(last).isEqualTo(row - 1); // the same message: right after the leader's PID record
            assertThat(block.seq(row)).isEqualTo(block.seq(last));
            assertThat(block.get(last, TaskstatsField.AC_PID)).isEqualTo(tgid); // the leader exits last
            assertThat(block.get(last, TaskstatsField.AC_FLAG) & 0x20).isEqualTo(0x20); // AGROUP
            long[] s = sums.remove(tgid);
            for (int i = 0; i < s.length; i++) {
                assertThat(block.get(row, SimEngine.TGID_SUMMED[i])).as(SimEngine.TGID_SUMMED[i].kernelName())
                        .isEqualTo(s[i]);
            }
            for (DelayClass c : DelayClass.values()) { // copied from the last thread, not combined
                assertThat(block.get(row, c.maxField())).isEqualTo(block.get(last, c.maxField()));
            }
            assertThat(block.comm(row)).isEmpty();
            assertThat(block.get(row, TaskstatsField.AC_PID)).isZero();
        }
        assertThat(groups).isGreaterThan(50);
    }

    @Test
    void memoryPressureDelaysRiseOverTime() {
        RecordBlock block = run(Profile.MEMORY_PRESSURE, 32, 2_000, 29, 120);
        double early = meanPerTask(block, DelayClass.SWAPIN, 0, 15);
        double late = meanPerTask(block, DelayClass.SWAPIN, 100, 120);
        assertThat(late).isGreaterThan(early * 5);
        assertThat(meanPerTask(block, DelayClass.THRASHING, 100, 120))
                .isGreaterThan(meanPerTask(block, DelayClass.THRASHING, 0, 15) * 5);
    }

    private static double meanPerTask(RecordBlock block, DelayClass c, double fromS, double toS) {
        double sum = 0;
        long n = 0;
        for (int row = 0; row < block.size(); row++) {
            double s = (block.receivedNanos(row) - EPOCH) / 1e9;
            if (block.isPid(row) && s >= fromS && s < toS) {
                sum += block.get(row, c.totalField());
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void simulatedRecordsSurviveTheV16CodecUnchanged() {
        RecordBlock block = run(Profile.DATABASE, 8, 5_000, 31, 2);
        int checked = 0;
        for (int row = 0; row < block.size(); row++) {
            ExitRecord r = block.record(row);
            if (r.kind() != RecordKind.PID) {
                continue;
            }
            boolean group = row + 1 < block.size() && !block.isPid(row + 1);
            byte[] bytes = group
                    ? ExitMessageEncoder.encode(31, r.seq(), r.taskId(), r.stats(), block.taskId(row + 1),
                    block.record(row + 1).stats())
                    : ExitMessageEncoder.encode(31, r.seq(), r.taskId(), r.stats());
            DecodedDatagram d = DecodedDatagram.decode(bytes, 31, r.cpu(), r.receivedNanos());
            assertThat(d.malformed()).isEmpty();
            assertThat(d.records().get(0)).isEqualTo(r);
            if (group) {
                assertThat(d.records().get(1)).isEqualTo(block.record(row + 1));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(5_000);
    }

    /**
     * What the kernel cannot mean, the simulator never makes: a task waits for a CPU only while not running, so
     * run-queue wait + run time fit in its elapsed time; no class waits longer than the task lived; a class's max
     * fits in its total; and so DelayPlausibility flags nothing. (Before, date/worker rows had CPU delay up to 450 %
     * of their lifetime.)
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void delaysFitInTheLifetime(Profile profile) {
        RecordBlock all = run(profile, 64, 20_000, 11, 3);
        int checked = 0;
        for (int row = 0; row < all.size(); row++) {
            assertThat(io.taskscope.core.DelayPlausibility.implausible(all, row)).as("row %d", row).isZero();
            if (!all.isPid(row)) {
                continue;
            }
            long life = all.get(row, TaskstatsField.AC_ETIME) * 1_000;
            assertThat(all.get(row, TaskstatsField.CPU_DELAY_TOTAL) + all.get(row, TaskstatsField.CPU_RUN_REAL_TOTAL))
                    .as("row %d: cpu wait + run <= elapsed", row).isLessThanOrEqualTo(life);
            for (DelayClass c : DelayClass.values()) {
                long count = all.get(row, c.countField());
                long total = all.get(row, c.totalField());
                assertThat(total).as("row %d %s", row, c).isLessThanOrEqualTo(life);
                if (count > 0) {
                    assertThat(all.get(row, c.maxField())).as("row %d %s max", row, c)
                            .isBetween(total / count, total);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void v17TimestampsFallWithinTheTasksLife() {
        SimEngine engine = new SimEngine(Profile.MEMORY_PRESSURE, 16, 5_000, 5, EPOCH, 17);
        RecordBlock block = new RecordBlock(8192);
        engine.generate(block, 8192, 2 * SECOND);
        int stamped = 0;
        for (int row = 0; row < block.size(); row++) {
            assertThat(block.get(row, TaskstatsField.VERSION)).isEqualTo(17);
            if (!block.isPid(row)) {
                continue;
            }
            long end = block.receivedNanos(row);
            long start = end - block.get(row, TaskstatsField.AC_ETIME) * 1_000;
            for (DelayClass c : DelayClass.values()) {
                long ts = block.get(row, c.maxTimeField());
                if (block.get(row, c.countField()) == 0) {
                    assertThat(ts).isZero();
                } else {
                    assertThat(ts).as("row %d %s", row, c).isBetween(start, end);
                    stamped++;
                }
            }
        }
        assertThat(stamped).isPositive();
        RecordBlock v16 = new RecordBlock(8192);
        new SimEngine(Profile.MEMORY_PRESSURE, 16, 5_000, 5, EPOCH).generate(v16, 8192, 2 * SECOND);
        for (int row = 0; row < v16.size(); row++) {
            for (DelayClass c : DelayClass.values()) {
                assertThat(v16.get(row, c.maxTimeField())).isZero();
            }
        }
    }

    @Test
    void aProcessTotalIsJoinedToItsLastThread() {
        RecordBlock all = run(Profile.BUILD, 16, 5_000, 9, 5);
        int joined = 0;
        for (int row = 1; row < all.size(); row++) {
            if (!all.isPid(row)) {
                assertThat(all.comm(row)).isEmpty(); // as the kernel sends it
                assertThat(all.command(row)).isEqualTo(all.comm(row - 1)).isNotEmpty();
                assertThat(all.groupMicros(row)).isEqualTo(all.get(row - 1, TaskstatsField.AC_TGETIME)).isPositive();
                assertThat(all.taskId(row)).isEqualTo(all.get(row - 1, TaskstatsField.AC_TGID));
                joined++;
            }
        }
        assertThat(joined).isPositive();
    }
}
