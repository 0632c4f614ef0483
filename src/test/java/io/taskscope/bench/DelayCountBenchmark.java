package io.taskscope.bench;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.session.DelayTotals;
import io.taskscope.session.ListenerFanout;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.source.SourceBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What serve's delay tally adds to the routing pass, per record: the pass over the same pre-generated batches of
 * bench serve's profile (64 CPUs, one listener), without and with {@link ListenerFanout#countDelays}. Generation is
 * left out, so the difference is the tally's alone. Run: {@code mvn -Pbench test-compile exec:exec
 * -Djmh.args="DelayCountBenchmark"}; compare the two lines (ns per record).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DelayCountBenchmark {
    /** A paced simulator's batch at 100 000 exits/s: a few ms of records, just generated, so in cache. */
    private static final int ROWS = 512;
    private static final int BATCHES = 4;

    @Param({"false", "true"})
    public boolean countDelays;

    private final RecordBlock[] blocks = new RecordBlock[BATCHES];
    private ListenerFanout fanout;
    private int next;
    private long sink;

    @Setup(Level.Trial)
    public void setUp() {
        SimBench.Generator generator = SimBench.generator(Profile.CONTAINER_HOST, 64, 100_000, 1);
        for (int i = 0; i < BATCHES; i++) { // a few, so the branches see different rows
            blocks[i] = new RecordBlock(ROWS);
            generator.fill(blocks[i], ROWS);
        }
        fanout = new ListenerFanout(ListenerSet.oneOnAll(64).listeners(), 64);
        if (countDelays) {
            fanout.countDelays(new DelayTotals(new long[] {10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
                    1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000,
                    500_000_000, 1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L}));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long route() {
        RecordBlock block = blocks[next];
        next = (next + 1) % BATCHES;
        fanout.accept(new SourceBatch(block, List.of(), 0), (listener, b, row) -> sink += row);
        return sink;
    }
}
