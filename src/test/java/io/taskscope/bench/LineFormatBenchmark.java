package io.taskscope.bench;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.export.LineBuffer;
import io.taskscope.export.LineFormat;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
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

import java.util.concurrent.TimeUnit;

/**
 * Issue target: each of listen's formats at 500 000 records a second or more on one core, with no garbage per
 * record. A block of 4096 simulated records (the build profile: full v16 records, delays of every kind, real-looking
 * command names) is formatted row by row into one buffer, emptied as the writer would empty it. Run:
 * {@code mvn -Pbench test-compile exec:exec -Djmh.args="LineFormatBenchmark -prof gc"}; the score is records/s
 * (ops/s), gc.alloc.rate.norm is bytes per 4096 records.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LineFormatBenchmark {

    private static final int ROWS = 4096;

    @Param({"TEXT", "JSONL", "CSV"})
    public LineFormat format;

    private final RecordBlock block = new RecordBlock(ROWS);
    private final LineBuffer out = new LineBuffer(2 << 20);
    private final Listener listener = new Listener(0, "all", 0, CpuSet.range(0, 63));

    @Setup(Level.Trial)
    public void setUp() {
        SimBench.generator(Profile.BUILD, 64, 100_000, 1).fill(block, ROWS);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int format() {
        for (int row = 0; row < block.size(); row++) {
            format.write(listener, block, row, out);
            if (out.size() >= 1 << 20) {
                out.clear(); // the printer writes the buffer out here
            }
        }
        int size = out.size();
        out.clear();
        return size;
    }
}
