package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;

import java.util.List;

/**
 * Where each CPU's cell sits: rows of a power-of-two width that suits the CPU count (8 for 16 CPUs, 16 for 64, 32
 * for 256, 64 from 1024 up), so CPU numbers line up in columns people can read. Given NUMA nodes (live machines
 * where /sys tells them), each node starts on a row of its own.
 */
public final class GridLayout {

    static final double MIN_CELL = 12;
    static final double MAX_CELL = 56;

    private final int cpus;
    private final int columns;
    private final double cell;
    private final double header;
    private final int[] rowOf;
    private final int[] columnOf;
    /** The CPU at row * columns + column, or -1. */
    private final int[] cpuAtCell;
    private final int rows;

    private GridLayout(int cpus, int columns, double cell, double header, List<CpuSet> nodes) {
        this.cpus = cpus;
        this.columns = columns;
        this.cell = cell;
        this.header = header;
        rowOf = new int[cpus];
        columnOf = new int[cpus];
        int row = 0;
        int col = 0;
        for (int cpu = 0; cpu < cpus; cpu++) {
            boolean nodeStarts = cpu > 0 && startsNode(nodes, cpu);
            if (col == columns || (nodeStarts && col > 0)) {
                row++;
                col = 0;
            }
            rowOf[cpu] = row;
            columnOf[cpu] = col++;
        }
        rows = cpus == 0 ? 0 : row + 1;
        cpuAtCell = new int[Math.max(1, rows * columns)];
        java.util.Arrays.fill(cpuAtCell, -1);
        for (int cpu = 0; cpu < cpus; cpu++) {
            cpuAtCell[rowOf[cpu] * columns + columnOf[cpu]] = cpu;
        }
    }

    private static boolean startsNode(List<CpuSet> nodes, int cpu) {
        for (CpuSet node : nodes) {
            if (node.nextCpu(0) == cpu) {
                return true;
            }
        }
        return false;
    }

    static int columnsFor(int cpus) {
        if (cpus <= 8) {
            return Math.max(1, cpus);
        }
        int c = Integer.highestOneBit((int) Math.ceil(Math.sqrt(cpus * 2.0)) - 1) * 2;
        return Math.max(8, Math.min(64, c));
    }

    /** Cells as large as fit {@code width} (times the zoom), within the readable range. */
    static GridLayout fit(int cpus, double width, double zoom) {
        return fit(cpus, width, zoom, List.of());
    }

    static GridLayout fit(int cpus, double width, double zoom, List<CpuSet> nodes) {
        int columns = columnsFor(Math.max(1, cpus));
        double header = 40;
        double cell = Math.floor((width - header - 4) / columns);
        cell = Math.max(MIN_CELL, Math.min(MAX_CELL, cell)) * zoom;
        return new GridLayout(cpus, columns, Math.max(6, Math.floor(cell)), header, nodes);
    }

    public int cpus() {
        return cpus;
    }

    int columns() {
        return columns;
    }

    public double cell() {
        return cell;
    }

    double header() {
        return header;
    }

    int rows() {
        return rows;
    }

    double width() {
        return header + columns * cell + 2;
    }

    double height() {
        return rows * cell + 2;
    }

    int rowOf(int cpu) {
        return rowOf[cpu];
    }

    public double x(int cpu) {
        return header + columnOf[cpu] * cell;
    }

    public double y(int cpu) {
        return rowOf[cpu] * cell;
    }

    /** The first CPU of a row, or -1 for none. */
    int firstCpuOfRow(int row) {
        return row < 0 || row >= rows ? -1 : cpuAtCell[row * columns];
    }

    /** The CPUs of a row. */
    CpuSet row(int row) {
        int first = firstCpuOfRow(row);
        if (first < 0) {
            return CpuSet.empty();
        }
        int last = first;
        while (last + 1 < cpus && rowOf[last + 1] == row) {
            last++;
        }
        return CpuSet.range(first, last);
    }

    /** Rows {@code first..last}, both included. */
    record Rows(int first, int last) {
    }

    /**
     * The rows a viewport {@code viewHeight} high shows when scrolled to {@code scrolled} (0 top .. 1 bottom), with
     * a spare row each side; every row when the viewport is unknown or the grid fits in it. Only these are drawn: at
     * 8192 CPUs that is a few hundred cells, not thousands.
     */
    Rows rowsInView(double scrolled, double viewHeight) {
        double h = height();
        if (viewHeight <= 0 || h <= viewHeight) {
            return new Rows(0, rows - 1);
        }
        double top = scrolled * (h - viewHeight);
        return new Rows(Math.max(0, (int) (top / cell) - 1), Math.min(rows - 1, (int) ((top + viewHeight) / cell) + 1));
    }

    /** The CPU under a point, or -1. */
    int cpuAt(double px, double py) {
        if (px < header || py < 0) {
            return -1;
        }
        int col = (int) ((px - header) / cell);
        int row = (int) (py / cell);
        if (col >= columns || row >= rows) {
            return -1;
        }
        return cpuAtCell[row * columns + col];
    }

    /** The row whose header is under a point, or -1. */
    int rowHeaderAt(double px, double py) {
        if (px >= header || py < 0) {
            return -1;
        }
        int row = (int) (py / cell);
        return row < rows ? row : -1;
    }
}
