package io.taskscope.session;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerFanoutTest {

    private static ExitRecord exitOn(int cpu, long pid) {
        return new ExitRecord(RecordKind.PID, cpu, 0, pid, pid, Taskstats.builder().version(16).build());
    }

    private static RecordBlock block(ExitRecord... records) {
        RecordBlock block = new RecordBlock(4);
        for (ExitRecord r : records) {
            block.add(r);
        }
        return block;
    }

    private final List<Listener> listeners = List.of(
            new Listener(0, "a", 0, CpuSet.of(0)),
            new Listener(1, "b", 0, CpuSet.of(1)),
            new Listener(2, "all", 0, CpuSet.range(0, 3)),
            new Listener(3, "none", 0, CpuSet.empty()));

    @Test
    void deliversAsTheKernelRoutesAndCounts() {
        ListenerFanout fanout = new ListenerFanout(listeners, 4);
        List<String> delivered = new ArrayList<>();
        fanout.accept(new SourceBatch(block(exitOn(0, 10), exitOn(1, 11), exitOn(3, 12)), List.of(), 0),
                (l, b, row) -> delivered.add(l.name() + ":" + b.taskId(row)));
        assertThat(delivered).containsExactlyInAnyOrder("a:10", "all:10", "b:11", "all:11", "all:12");
        Tally t = fanout.tally();
        assertThat(t.received()).isEqualTo(3);
        assertThat(t.receivedOn(3)).isEqualTo(1);
        assertThat(t.deliveredTo(2)).isEqualTo(3);
        assertThat(t.deliveredTo(3)).isZero(); // a listener with no CPUs receives nothing
    }

    @Test
    void aLossBeforeRoutingIsEveryListenersOnThatCpu() {
        ListenerFanout fanout = new ListenerFanout(listeners, 4);
        fanout.accept(new SourceBatch(block(), List.of(
                new LossEvent(1, LossEvent.ALL_LISTENERS, 7, LossEvent.Cause.SEQUENCE_GAP, 0),
                new LossEvent(1, LossEvent.ALL_LISTENERS, 0, LossEvent.Cause.ENOBUFS, 0),
                new LossEvent(2, 2, 5, LossEvent.Cause.BUFFER_FULL, 0)), 3), (l, b, row) -> { });
        Tally t = fanout.tally();
        assertThat(t.lostOn(1)).isEqualTo(7);
        assertThat(t.overflowsOn(1)).isEqualTo(1);
        assertThat(t.lostBy(1)).isEqualTo(7);
        assertThat(t.lostBy(2)).isEqualTo(12); // 7 on CPU 1 before routing + 5 of its own
        assertThat(t.lostBy(0)).isZero();
        assertThat(t.lostOn(2)).isZero(); // a listener's own loss is not the CPU's
        assertThat(t.stale()).isEqualTo(3);
    }
}
