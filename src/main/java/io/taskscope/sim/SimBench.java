package io.taskscope.sim;

import io.taskscope.core.RecordBlock;

/** Access to the engine for benchmarks: unpaced generation with no source thread around it. */
public final class SimBench {
    private SimBench() {
    }

    /** Fills blocks with the next records of a simulated machine, as fast as it can. */
    public interface Generator {
        int fill(RecordBlock block, int maxRows);
    }

    public static Generator generator(Profile profile, int cpus, double rate, long seed) {
        SimEngine engine = new SimEngine(profile, cpus, rate, seed, 0);
        return (block, maxRows) -> engine.generate(block, maxRows, Long.MAX_VALUE);
    }
}
