package io.taskscope.bench;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.ListenerFanout;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.source.SourceBatch;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue target: unpaced generation plus routing to 8 listeners on 1024 CPUs, on one core, at 5 million records a
 * second or more, allocating nothing per record. Run: {@code mvn -Pbench test-compile exec:exec
 * -Djmh.args="SimBenchmark -prof gc"}; read the "records" line (records/s) and gc.alloc.rate.norm (bytes per batch
 * of about 8192 records).
 */
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SimBenchmark {

    @Param({"FORK_STORM", "BUILD"})
    public Profile profile;

    private SimBench.Generator generator;
    private ListenerFanout fanout;
    private final RecordBlock block = new RecordBlock(8192);
    private long sink;

    @Setup(Level.Trial)
    public void setUp() {
        generator = SimBench.generator(profile, 1024, 5_000_000, 1);
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            listeners.add(new Listener(i, "l" + i, 0, CpuSet.range(i * 128, i * 128 + 127)));
        }
        fanout = new ListenerFanout(listeners, 1024).withBuffers(ListenerBuffer.Settings.defaults());
    }

    /** JMH reports these per second: records generated and routed. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long records;
    }

    @Benchmark
    public long generateAndRoute(Counters counters) {
        block.clear();
        int rows = generator.fill(block, 8192);
        fanout.accept(new SourceBatch(block, List.of(), 0), (listener, b, row) -> sink += row);
        counters.records += rows;
        return sink;
    }
}
