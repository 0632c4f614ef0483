package io.taskscope.ui;

/**
 * Where each CPU's cell sits: rows of a power-of-two width that suits the CPU count (8 for 16 CPUs, 16 for 64, 32
 * for 256, 64 from 1024 up), so CPU numbers line up in columns people can read.
 */
record GridLayout(int cpus, int columns, double cell, double header) {

    static final double MIN_CELL = 12;
    static final double MAX_CELL = 56;

    static int columnsFor(int cpus) {
        if (cpus <= 8) {
            return cpus;
        }
        int c = Integer.highestOneBit((int) Math.ceil(Math.sqrt(cpus * 2.0)) - 1) * 2;
        return Math.max(8, Math.min(64, c));
    }

    /** Cells as large as fit {@code width} (times the zoom), within the readable range. */
    static GridLayout fit(int cpus, double width, double zoom) {
        int columns = columnsFor(Math.max(1, cpus));
        double header = 40;
        double cell = Math.floor((width - header - 4) / columns);
        cell = Math.max(MIN_CELL, Math.min(MAX_CELL, cell)) * zoom;
        return new GridLayout(cpus, columns, Math.max(6, Math.floor(cell)), header);
    }

    int rows() {
        return (cpus + columns - 1) / columns;
    }

    double width() {
        return header + columns * cell + 2;
    }

    double height() {
        return rows() * cell + 2;
    }

    double x(int cpu) {
        return header + (cpu % columns) * cell;
    }

    double y(int cpu) {
        return (cpu / columns) * cell;
    }

    /** The CPU under a point, or -1. */
    int cpuAt(double px, double py) {
        if (px < header || py < 0) {
            return -1;
        }
        int col = (int) ((px - header) / cell);
        int row = (int) (py / cell);
        if (col >= columns) {
            return -1;
        }
        int cpu = row * columns + col;
        return cpu < cpus ? cpu : -1;
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
