package io.taskscope.core;

import java.util.Locale;

/** Human-readable quantities: "1.79 ms", "4.0 KiB". Three significant digits, no locale surprises. */
public final class Units {
    private Units() {
    }

    /** A duration in nanoseconds: "0 ns", "850 ns", "12.3 µs", "1.79 ms", "2.50 s", "3.2 min". */
    public static String nanos(long ns) {
        if (ns < 0) {
            return Long.toUnsignedString(ns) + " ns";
        }
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return scaled(ns / 1e3, "µs");
        }
        if (ns < 1_000_000_000) {
            return scaled(ns / 1e6, "ms");
        }
        if (ns < 60_000_000_000L) {
            return scaled(ns / 1e9, "s");
        }
        if (ns < 3_600_000_000_000L) {
            return scaled(ns / 6e10, "min");
        }
        return scaled(ns / 3.6e12, "h");
    }

    public static String micros(long us) {
        return us < 0 ? Long.toUnsignedString(us) + " µs" : nanos(us * 1_000);
    }

    /** A size in bytes, binary prefixes: "512 B", "4.00 KiB", "1.50 MiB". */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return Long.toUnsignedString(bytes) + " B";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return scaled(v, units[u]);
    }

    private static String scaled(double v, String unit) {
        String format = v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, format, v, unit);
    }
}
