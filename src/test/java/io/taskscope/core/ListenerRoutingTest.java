package io.taskscope.core;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerRoutingTest {

    private final int[] into = new int[ListenerRouting.MAX_LISTENERS];

    private static List<Integer> routed(ListenerRouting routing, int cpu) {
        return Routed.ids(routing, cpu);
    }

    @Test
    void exitGoesToEveryListenerOnItsCpuNewestFirst() {
        ListenerRouting routing = new ListenerRouting(4);
        routing.register(0, CpuSet.of(0));
        routing.register(1, CpuSet.of(1));
        routing.register(2, CpuSet.range(0, 1));
        assertThat(routed(routing, 0)).containsExactly(2, 0); // list_add() puts the newest at the head
        assertThat(routed(routing, 1)).containsExactly(2, 1);
    }

    @Test
    void cpuWithoutListenersSendsToNobody() {
        ListenerRouting routing = new ListenerRouting(4);
        routing.register(0, CpuSet.of(0));
        assertThat(routed(routing, 3)).isEmpty();
        assertThat(routing.listenerCount(3)).isZero();
        assertThat(routed(routing, 99)).isEmpty(); // beyond the machine
    }

    @Test
    void registeringTwiceIsANoOp() {
        ListenerRouting routing = new ListenerRouting(2);
        routing.register(0, CpuSet.of(0));
        routing.register(1, CpuSet.of(0));
        routing.register(0, CpuSet.range(0, 1));
        assertThat(routed(routing, 0)).containsExactly(1, 0); // 0 kept its place: no duplicate, no move
        assertThat(routed(routing, 1)).containsExactly(0);
    }

    @Test
    void deregisteringAnUnregisteredCpuIsANoOp() {
        ListenerRouting routing = new ListenerRouting(2);
        routing.register(0, CpuSet.of(0));
        routing.deregister(0, CpuSet.of(1));
        routing.deregister(5, CpuSet.range(0, 1));
        assertThat(routed(routing, 0)).containsExactly(0);
        routing.deregister(0, CpuSet.of(0));
        assertThat(routed(routing, 0)).isEmpty();
    }

    @Test
    void changeMovesOnlyTheCpusThatDiffer() {
        ListenerRouting routing = new ListenerRouting(8);
        routing.register(0, CpuSet.range(0, 3));
        routing.register(1, CpuSet.range(0, 7));
        routing.change(0, CpuSet.range(0, 3), CpuSet.range(2, 5));
        assertThat(routing.cpusOf(0).toCpulist()).isEqualTo("2-5");
        assertThat(routed(routing, 2)).containsExactly(1, 0); // kept its place on a CPU in both masks
        assertThat(routed(routing, 4)).containsExactly(0, 1); // newly joined: at the head
        assertThat(routed(routing, 0)).containsExactly(1);
    }

    @Test
    void refusesCpusBeyondTheMachine() {
        ListenerRouting routing = new ListenerRouting(4);
        assertThatThrownBy(() -> routing.register(0, CpuSet.of(4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routing.register(64, CpuSet.of(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routingAllocatesNothing() {
        ListenerRouting routing = new ListenerRouting(1024);
        for (int id = 0; id < 8; id++) {
            routing.register(id, CpuSet.range(id * 128, id * 128 + 255 > 1023 ? 1023 : id * 128 + 255));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up so the JIT has compiled route()
            sink += routing.route(i & 1023, into);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            sink += routing.route(i & 1023, into);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 1M route() calls").isLessThan(1024);
    }
}
