package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the status line says an undone or redone step was. */
class ListenerChangesTest {

    private final ListenerSet two = ListenerSet.empty().add("web", CpuSet.range(0, 15)).add("db", CpuSet.range(32, 47));

    @Test
    void oneEditIsNamed() {
        int web = two.byName("web").orElseThrow().id();
        assertThat(ListenerChanges.describe(two, two.withCpus(web, CpuSet.range(0, 7))))
                .isEqualTo("web's CPUs 0-15 → 0-7");
        assertThat(ListenerChanges.describe(two, two.rename(web, "front"))).isEqualTo("rename web to front");
        assertThat(ListenerChanges.describe(two, two.add("batch", CpuSet.empty()))).isEqualTo("add batch");
        assertThat(ListenerChanges.describe(two, two.remove(web))).isEqualTo("remove web");
        assertThat(ListenerChanges.describe(two, two.withCpus(web, CpuSet.empty())))
                .isEqualTo("web's CPUs 0-15 → (no CPUs)");
    }

    @Test
    void severalAreCounted() {
        assertThat(ListenerChanges.describe(two, ListenerSet.oneOnAll(4))).isEqualTo("3 changes to the listeners");
        assertThat(ListenerChanges.describe(two, two)).isEqualTo("no change to the listeners");
    }

    @Test
    void aSummaryNamesEachListenerWithItsMaskAndStaysOnOneLine() {
        assertThat(ListenerChanges.summary(two)).isEqualTo("web 0-15, db 32-47");
        assertThat(ListenerChanges.summary(ListenerSet.empty())).isEqualTo("none");
        ListenerSet many = ListenerSet.perCpu(64);
        assertThat(ListenerChanges.summary(many)).hasSizeLessThanOrEqualTo(110).endsWith("…");
        CpuSet everyOther = CpuSet.parse("0-63:1/2", io.taskscope.core.CpulistLimits.forMachine(64)).orElseThrow();
        assertThat(ListenerChanges.summary(ListenerSet.empty().add("odd", everyOther))).startsWith("odd 0,2,4,")
                .endsWith("…").hasSizeLessThanOrEqualTo("odd ".length() + 24);
    }
}
