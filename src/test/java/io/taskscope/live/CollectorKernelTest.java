package io.taskscope.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static io.taskscope.testing.KernelUnavailable.assumeKernel;

/**
 * What the live collector's real-kernel tests share: they skip (saying why) where taskstats listeners cannot be
 * registered or fewer than two CPUs are online; each starts a collector into a {@link KernelSupport.Collector}, which
 * is resumed and stopped afterwards whatever happened.
 */
abstract class CollectorKernelTest {

    protected LiveCollector collector;
    protected final KernelSupport.Collector consumer = new KernelSupport.Collector();

    @BeforeEach
    void needsTheKernel() throws Exception {
        KernelSupport.assumeLiveTaskstats();
        assumeKernel(KernelSupport.onlineCpuCount() >= 2, "needs at least two online CPUs");
    }

    @AfterEach
    void stopTheCollector() {
        consumer.resume();
        if (collector != null) {
            collector.stop();
        }
    }

    protected void start(LiveCollector.Settings settings) throws Exception {
        collector = new LiveCollector(settings);
        collector.start(consumer);
    }
}
