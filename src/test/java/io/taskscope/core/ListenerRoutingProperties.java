package io.taskscope.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerRoutingProperties {


    private static List<Integer> routed(ListenerRouting routing, int cpu) {
        return Routed.ids(routing, cpu);
    }

    /** One step of a random edit sequence: register or deregister listener {@code id} on {@code cpus}. */
    record Op(boolean register, int id, CpuSet cpus) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<CpuSet> masks = Arbitraries.integers().between(0, 15).set().ofMaxSize(6)
                .map(s -> CpuSet.of(s.stream().mapToInt(Integer::intValue).toArray()));
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 5), masks)
                .as(Op::new).list().ofMaxSize(30);
    }

    /** Whatever the edits, each CPU routes to exactly the listeners a per-CPU set model says. */
    @Property(tries = 300)
    void agreesWithASetPerCpu(@ForAll("ops") List<Op> ops) {
        ListenerRouting routing = new ListenerRouting(16);
        List<Set<Integer>> model = new ArrayList<>();
        for (int cpu = 0; cpu < 16; cpu++) {
            model.add(new HashSet<>());
        }
        for (Op op : ops) {
            if (op.register()) {
                routing.register(op.id(), op.cpus());
                op.cpus().stream().forEach(cpu -> model.get(cpu).add(op.id()));
            } else {
                routing.deregister(op.id(), op.cpus());
                op.cpus().stream().forEach(cpu -> model.get(cpu).remove(op.id()));
            }
        }
        for (int cpu = 0; cpu < 16; cpu++) {
            assertThat(routed(routing, cpu)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(model.get(cpu));
        }
    }
}
