package io.taskscope.sim;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.ListenerFanout;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reason the cpumask API exists, as the simulator shows it: with the default buffers and reader speed, one
 * listener on all 64 CPUs of a fork-storm machine loses records; four listeners on a quarter each lose none.
 */
class OverflowStoryTest {

    private static ListenerFanout runFor(List<Listener> listeners, double seconds) throws InterruptedException {
        SimSettings settings = SimSettings.of(Profile.FORK_STORM, 64, Double.NaN, 1, SimSettings.UNPACED);
        SimulatorSource sim = new SimulatorSource(settings, (long) (seconds * 1e9));
        ListenerFanout fanout = new ListenerFanout(listeners, 64).withBuffers(ListenerBuffer.Settings.defaults());
        sim.start(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                fanout.accept(batch, (l, b, row) -> { });
            }
        });
        sim.awaitEnd();
        fanout.drainBuffers();
        return fanout;
    }

    @Test
    void oneListenerOnAllCpusOverflows() throws InterruptedException {
        ListenerFanout fanout = runFor(List.of(new Listener(0, "all", 0, CpuSet.range(0, 63))), 3);
        ListenerBuffer buffer = fanout.buffer(0);
        assertThat(buffer.dropped()).isGreaterThan(buffer.sent() / 4);
        assertThat(buffer.episodes()).isPositive();
        assertThat(buffer.dropped()).isEqualTo(buffer.sent() - buffer.received());
        assertThat(fanout.tally().overflowsOf(0)).isEqualTo(buffer.episodes());
    }

    @Test
    void fourQuarterListenersLoseNothing() throws InterruptedException {
        List<Listener> quarters = List.of(
                new Listener(0, "q0", 0, CpuSet.range(0, 15)), new Listener(1, "q1", 0, CpuSet.range(16, 31)),
                new Listener(2, "q2", 0, CpuSet.range(32, 47)), new Listener(3, "q3", 0, CpuSet.range(48, 63)));
        ListenerFanout fanout = runFor(quarters, 3);
        long delivered = 0;
        for (int id = 0; id < 4; id++) {
            ListenerBuffer buffer = fanout.buffer(id);
            assertThat(buffer.dropped()).as("q%d dropped", id).isZero();
            assertThat(fanout.tally().lostBy(id)).isZero();
            assertThat(buffer.received()).isEqualTo(buffer.sent());
            delivered += fanout.tally().deliveredTo(id);
        }
        assertThat(delivered).isEqualTo(fanout.tally().received()); // every record reached exactly one quarter
    }
}
