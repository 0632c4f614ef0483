package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GridLayoutTest {

    @ParameterizedTest(name = "{0} CPUs in rows of {1}")
    @CsvSource({"1,1", "2,2", "8,8", "16,8", "64,16", "256,32", "1024,64", "8192,64", "100,16"})
    void rowWidthSuitsTheMachine(int cpus, int columns) {
        assertThat(GridLayout.columnsFor(cpus)).isEqualTo(columns);
    }

    @Test
    void everyCellMapsBackToItsCpu() {
        GridLayout g = GridLayout.fit(1000, 1200, 1);
        for (int cpu = 0; cpu < 1000; cpu++) {
            assertThat(g.cpuAt(g.x(cpu) + g.cell() / 2, g.y(cpu) + g.cell() / 2)).isEqualTo(cpu);
        }
        assertThat(g.cpuAt(g.x(999) + g.cell() * 1.5, g.y(999) + g.cell() / 2)).isEqualTo(-1); // past the last CPU
        assertThat(g.cpuAt(5, 5)).isEqualTo(-1); // the row header
        assertThat(g.rowHeaderAt(5, g.cell() * 2.5)).isEqualTo(2);
    }

    @Test
    void eachNumaNodeStartsARow() {
        // two nodes of 12 CPUs on a machine laid out in rows of 8: 0-7 | 8-11 | 12-19 | 20-23
        List<CpuSet> nodes = List.of(CpuSet.range(0, 11), CpuSet.range(12, 23));
        GridLayout g = GridLayout.fit(24, 800, 0, 1, nodes);
        assertThat(g.columns()).isEqualTo(8);
        assertThat(g.rows()).isEqualTo(4);
        assertThat(g.row(1)).isEqualTo(CpuSet.range(8, 11));
        assertThat(g.firstCpuOfRow(2)).isEqualTo(12);
        assertThat(g.rowOf(12)).isEqualTo(2);
        for (int cpu = 0; cpu < 24; cpu++) {
            assertThat(g.cpuAt(g.x(cpu) + 1, g.y(cpu) + 1)).isEqualTo(cpu);
        }
    }

    @Test
    void cellsStayReadable() {
        assertThat(GridLayout.fit(8192, 1280, 1).cell()).isGreaterThanOrEqualTo(GridLayout.MIN_CELL);
        assertThat(GridLayout.fit(4, 3000, 1).cell()).isEqualTo(GridLayout.MAX_CELL);
        assertThat(GridLayout.fit(4, 3000, 3000, 1, List.of()).cell()).isEqualTo(GridLayout.MAX_CELL);
        // 8192 CPUs are 128 rows of 64: at the smallest cell they are taller than the area, which then scrolls
        GridLayout many = GridLayout.fit(8192, 1280, 300, 1, List.of());
        assertThat(many.cell()).isEqualTo(GridLayout.MIN_CELL);
        assertThat(many.height()).isGreaterThan(300);
    }

    @Test
    void cellsGrowUntilTheWidthOrTheHeightRunsOut() {
        // 16 CPUs are 2 rows of 8: at 1264 wide the width allows 152 px, the bound keeps 64
        assertThat(GridLayout.fit(16, 1264, 600, 1, List.of()).cell()).isEqualTo(GridLayout.MAX_CELL);
        // 100 px high leaves (100 - 2) / 2 rows
        assertThat(GridLayout.fit(16, 1264, 100, 1, List.of()).cell()).isEqualTo(49);
        // 64 CPUs are 4 rows of 16: 1000 wide allows (1000 - 40 - 4) / 16 = 59, 600 high would allow 149
        assertThat(GridLayout.fit(64, 1000, 600, 1, List.of()).cell()).isEqualTo(59);
        // no height given: the width alone decides, as for the height the grid asks for
        assertThat(GridLayout.fit(64, 1000, 0, 1, List.of()).cell()).isEqualTo(59);
        // a zoom multiplies what fits
        assertThat(GridLayout.fit(16, 1264, 100, 2, List.of()).cell()).isEqualTo(98);
    }

    @ParameterizedTest(name = "{0} CPUs fit {1}x{2}")
    @CsvSource({"2,1264,340", "16,1264,340", "64,1264,340", "512,1264,340", "512,1904,480", "100,700,200",
            "24,300,2000"})
    void theGridFitsItsAreaWithSquareCellsInTheReadableRange(int cpus, double width, double height) {
        GridLayout g = GridLayout.fit(cpus, width, height, 1, List.of());
        assertThat(g.cell()).isBetween(GridLayout.MIN_CELL, GridLayout.MAX_CELL);
        assertThat(g.width()).isLessThanOrEqualTo(width);
        assertThat(g.height()).isLessThanOrEqualTo(height);
        // and it is as large as it can be: one pixel more and it would not fit, or it is at the bound
        double across = (g.cell() + 1) * g.columns() + GridLayout.HEADER + 4;
        double down = (g.cell() + 1) * g.rows() + 2;
        assertThat(g.cell() == GridLayout.MAX_CELL || across > width || down > height).isTrue();
    }

    @Test
    void onlyTheRowsInViewAndOneEachSideAreDrawn() {
        GridLayout g = GridLayout.fit(1024, 1200, 1); // 16 rows of 64
        double cell = g.cell();
        assertThat(g.rowsInView(0, 0)).isEqualTo(new GridLayout.Rows(0, 15)); // no viewport yet
        assertThat(g.rowsInView(0, g.height() + 10)).isEqualTo(new GridLayout.Rows(0, 15)); // it all fits
        assertThat(g.rowsInView(0, cell * 4)).isEqualTo(new GridLayout.Rows(0, 5));
        assertThat(g.rowsInView(1, cell * 4)).isEqualTo(new GridLayout.Rows(11, 15)); // rows 12-15 in view
    }
}
