package io.taskscope.ui.heatmap;

import io.taskscope.core.CpuSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CpuGroupsTest {

    @ParameterizedTest(name = "{0} CPUs in {1} rows: groups of {2}")
    @CsvSource({"2,10,1", "16,16,1", "16,4,4", "16,5,4", "64,12,8", "512,12,64", "512,200,4", "8192,60,256",
            "16,0,16", "3,1,4"})
    void groupsAreTheSmallestPowerOfTwoThatFits(int cpus, int slots, int size) {
        CpuGroups g = CpuGroups.fit(CpuSet.range(0, cpus - 1).toArray(), slots);
        assertThat(g.size()).isEqualTo(size);
        assertThat(g.count()).isLessThanOrEqualTo(Math.max(1, slots));
    }

    @Test
    void labelsNameTheGroupsCpus() {
        CpuGroups all = CpuGroups.fit(CpuSet.range(0, 15).toArray(), 2);
        assertThat(all.label(0)).isEqualTo("CPU 0-7");
        assertThat(all.label(1)).isEqualTo("CPU 8-15");
        assertThat(all.describe(1)).isEqualTo("CPUs 8-15 (8 CPUs)");
        assertThat(CpuGroups.fit(new int[]{3, 9}, 2).label(1)).isEqualTo("CPU 9");
        int[] strided = CpuSet.parse("0-63:2/4", io.taskscope.core.CpulistLimits.forMachine(64)).orElseThrow().toArray();
        CpuGroups mask = CpuGroups.fit(strided, 8); // 32 CPUs in 8 rows: 0,1,4,5 | 8,9,12,13 | ...
        assertThat(mask.label(0)).isEqualTo("CPU 0-1,4-5");
        assertThat(mask.describe(0)).isEqualTo("CPUs 0-1,4-5 (4 CPUs)");
        CpuGroups coarse = CpuGroups.fit(strided, 4); // 0,1,4,5,8,9,12,13: too long to list on an axis
        assertThat(coarse.label(0)).isEqualTo("CPU 0…13");
        assertThat(coarse.describe(0)).isEqualTo("CPUs 0-1,4-5,8-9,12-13 (8 CPUs)");
    }

    @Test
    void everyCpuIsInExactlyTheGroupThatHoldsIt() {
        int[] cpus = CpuSet.range(0, 99).toArray();
        CpuGroups g = CpuGroups.fit(cpus, 7); // 16 a group, the last one short
        assertThat(g.count()).isEqualTo(7);
        assertThat(g.endRow(6) - g.firstRow(6)).isEqualTo(4);
        for (int cpu = 0; cpu < 100; cpu++) {
            int group = g.groupOfCpu(cpu);
            assertThat(g.cpusOf(group)).contains(cpu);
        }
        assertThat(g.groupOfCpu(100)).isEqualTo(-1);
    }
}
