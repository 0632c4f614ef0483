package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;

import java.util.List;

/**
 * Where each CPU's cell sits: rows of a power-of-two width that suits the CPU count (8 for 16 CPUs, 16 for 64, 32
 * for 256, 64 from 1024 up), so CPU numbers line up in columns people can read. Given NUMA nodes (live machines
 * where /sys tells them), each node starts on a row of its own. Cells are square and as large as the area allows,
 * within a readable range.
 */
public final class GridLayout {

    /** The smallest cell that still shows heat and stripes; below it the grid scrolls instead of shrinking. */
    static final double MIN_CELL = 12;
    /** The largest cell: past it a few CPUs would fill the window with colour and say nothing more. */
    public static final double MAX_CELL = 64;
    /** The row numbers' column. */
    static final double HEADER = 40;

    private final int cpus;
    private final int columns;
    private final double cell;
    private final double header;
    private final Placement place;

    /**
     * Where each CPU sits, in rows and columns: fixed for a machine, whatever the cell size.
     *
     * @param cpuAtCell the CPU at row * columns + column, or -1
     */
    private record Placement(int columns, int rows, int[] rowOf, int[] columnOf, int[] cpuAtCell) {
        static Placement of(int cpus, int columns, List<CpuSet> nodes) {
            int[] rowOf = new int[cpus];
            int[] columnOf = new int[cpus];
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
            int rows = cpus == 0 ? 0 : row + 1;
            int[] cpuAtCell = new int[Math.max(1, rows * columns)];
            java.util.Arrays.fill(cpuAtCell, -1);
            for (int cpu = 0; cpu < cpus; cpu++) {
                cpuAtCell[rowOf[cpu] * columns + columnOf[cpu]] = cpu;
            }
            return new Placement(columns, rows, rowOf, columnOf, cpuAtCell);
        }
    }

    private GridLayout(int cpus, Placement place, double cell) {
        this.cpus = cpus;
        this.columns = place.columns();
        this.cell = cell;
        this.header = HEADER;
        this.place = place;
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

    /** Cells as large as fit {@code width} (times the zoom), within the readable range; as tall as that makes it. */
    static GridLayout fit(int cpus, double width, double zoom) {
        return fit(cpus, width, 0, zoom, List.of());
    }

    /**
     * Cells as large as fit an area {@code width} by {@code height} (no bound on the height when it is 0 or less),
     * square, within {@link #MIN_CELL}..{@link #MAX_CELL}, then times the zoom. Where even the smallest cells do not
     * fit (thousands of CPUs, or a zoom above 1) the grid is larger than the area and scrolls.
     */
    static GridLayout fit(int cpus, double width, double height, double zoom, List<CpuSet> nodes) {
        Placement place = Placement.of(cpus, columnsFor(Math.max(1, cpus)), nodes);
        return new GridLayout(cpus, place, cellFor(place.columns(), place.rows(), width, height, zoom));
    }

    /** The side of a cell for a grid of {@code columns} by {@code rows} in that area; see {@link #fit}. */
    static double cellFor(int columns, int rows, double width, double height, double zoom) {
        double across = Math.floor((width - HEADER - 4) / columns);
        double down = height > 0 && rows > 0 ? Math.floor((height - 2) / rows) : across;
        double cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.min(across, down))) * zoom;
        return Math.max(6, Math.floor(cell));
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
        return place.rows();
    }

    double width() {
        return header + columns * cell + 2;
    }

    double height() {
        return rows() * cell + 2;
    }

    int rowOf(int cpu) {
        return place.rowOf()[cpu];
    }

    public double x(int cpu) {
        return header + place.columnOf()[cpu] * cell;
    }

    public double y(int cpu) {
        return place.rowOf()[cpu] * cell;
    }

    /** The first CPU of a row, or -1 for none. */
    int firstCpuOfRow(int row) {
        return row < 0 || row >= rows() ? -1 : place.cpuAtCell()[row * columns];
    }

    /** The CPUs of a row. */
    CpuSet row(int row) {
        int first = firstCpuOfRow(row);
        if (first < 0) {
            return CpuSet.empty();
        }
        int last = first;
        while (last + 1 < cpus && place.rowOf()[last + 1] == row) {
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
            return new Rows(0, rows() - 1);
        }
        double top = scrolled * (h - viewHeight);
        return new Rows(Math.max(0, (int) (top / cell) - 1), Math.min(rows() - 1, (int) ((top + viewHeight) / cell) + 1));
    }

    /** The CPU under a point, or -1. */
    int cpuAt(double px, double py) {
        if (px < header || py < 0) {
            return -1;
        }
        int col = (int) ((px - header) / cell);
        int row = (int) (py / cell);
        if (col >= columns || row >= rows()) {
            return -1;
        }
        return place.cpuAtCell()[row * columns + col];
    }

    /** The row whose header is under a point, or -1. */
    int rowHeaderAt(double px, double py) {
        if (px >= header || py < 0) {
            return -1;
        }
        int row = (int) (py / cell);
        return row < rows() ? row : -1;
    }
}
