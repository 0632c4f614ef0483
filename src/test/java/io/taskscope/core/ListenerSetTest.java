package io.taskscope.core;

import io.taskscope.session.EditHistory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerSetTest {

    @Test
    void presetsCoverTheMachine() {
        assertThat(ListenerSet.oneOnAll(64).listeners()).singleElement()
                .satisfies(l -> assertThat(l.cpus()).isEqualTo(CpuSet.range(0, 63)));
        ListenerSet four = ListenerSet.splitEvenly(64, 4);
        assertThat(four.listeners()).extracting(l -> l.cpus().toCpulist())
                .containsExactly("0-15", "16-31", "32-47", "48-63");
        ListenerSet uneven = ListenerSet.splitEvenly(10, 3);
        assertThat(uneven.listeners()).extracting(l -> l.cpus().size()).containsExactly(3, 3, 4);
        assertThat(ListenerSet.perCpu(8).size()).isEqualTo(8);
        assertThat(ListenerSet.perCpu(100).size()).isEqualTo(64); // the most listeners kept
        assertThat(ListenerSet.perNode(List.of(CpuSet.range(0, 7), CpuSet.range(8, 15))).listeners())
                .extracting(Listener::name).containsExactly("node0", "node1");
    }

    @Test
    void namesStayUniqueAndIdsAreReused() {
        ListenerSet set = ListenerSet.empty().add("a", CpuSet.of(0)).add("a", CpuSet.of(1));
        assertThat(set.listeners()).extracting(Listener::name).containsExactly("a", "a-2");
        assertThat(set.rename(1, "a").byId(1).orElseThrow().name()).isEqualTo("a-2"); // taken: unchanged
        set = set.remove(0).add("b", CpuSet.empty());
        assertThat(set.byName("b").orElseThrow().id()).isZero();
        assertThat(set.listeners()).extracting(Listener::rgb).doesNotHaveDuplicates();
    }

    @Test
    void cuttingToAMachineKeepsIdsNamesAndColoursAndOnlyTheCpusItHas() {
        ListenerSet set = ListenerSet.empty().add("web", CpuSet.range(0, 15)).add("db", CpuSet.range(32, 47))
                .add("one", CpuSet.of(1));
        ListenerSet cut = set.cutTo(CpuSet.range(0, 1));
        assertThat(cut.listeners()).extracting(l -> l.cpus().toCpulist()).containsExactly("0-1", "", "1");
        assertThat(cut.listeners()).extracting(Listener::name).containsExactly("web", "db", "one");
        assertThat(cut.listeners()).extracting(Listener::rgb)
                .containsExactlyElementsOf(set.listeners().stream().map(Listener::rgb).toList());
        assertThat(set.cutTo(CpuSet.range(0, 63))).isSameAs(set);
    }

    @Test
    void historyUndoesAndRedoes() {
        EditHistory<ListenerSet> h = new EditHistory<>(ListenerSet.oneOnAll(4));
        ListenerSet a = h.current();
        ListenerSet b = h.push(a.withCpus(0, CpuSet.of(0, 1)));
        assertThat(h.push(b)).isSameAs(b); // no step for no change
        assertThat(h.undo()).isEqualTo(a);
        assertThat(h.canUndo()).isFalse();
        assertThat(h.redo()).isEqualTo(b);
        h.undo();
        h.push(a.withCpus(0, CpuSet.of(3)));
        assertThat(h.canRedo()).isFalse(); // a new edit drops the redo branch
    }
}
