package io.taskscope.ui.heatmap;

import io.taskscope.core.CpuSet;

import java.util.Arrays;

/**
 * A heatmap's CPUs (its rows, or the class chart's columns) gathered into groups of consecutive CPUs when one per CPU
 * does not fit: the group size is the smallest power of two that fits, so groups read as "CPU 0-7", "CPU 8-15".
 */
public final class CpuGroups {

    /** Labels longer than this give only the first and last CPU ("CPU 0…13"); the tooltip says them all. */
    private static final int MAX_LIST_CHARS = 11;

    private final int[] cpus;
    private final int size;

    /** @param cpus the CPUs in display order (the listener's mask); @param size CPUs per group (the last may hold fewer) */
    public CpuGroups(int[] cpus, int size) {
        this.cpus = cpus.clone();
        this.size = Math.max(1, size);
    }

    /** The finest grouping of {@code cpus} into at most {@code slots} groups (one group when there is no room). */
    public static CpuGroups fit(int[] cpus, int slots) {
        int size = 1;
        while ((long) size * Math.max(1, slots) < cpus.length) {
            size *= 2;
        }
        return new CpuGroups(cpus, size);
    }

    /** CPUs per group. */
    public int size() {
        return size;
    }

    /** The CPUs grouped, in display order. */
    public int cpuCount() {
        return cpus.length;
    }

    public int count() {
        return (cpus.length + size - 1) / size;
    }

    /** The first row (index into {@code cpus}) of a group. */
    public int firstRow(int group) {
        return group * size;
    }

    /** One past the last row of a group. */
    public int endRow(int group) {
        return Math.min(cpus.length, (group + 1) * size);
    }

    public int groupOfRow(int row) {
        return row / size;
    }

    /** The group holding a CPU, or -1. */
    public int groupOfCpu(int cpu) {
        for (int row = 0; row < cpus.length; row++) {
            if (cpus[row] == cpu) {
                return groupOfRow(row);
            }
        }
        return -1;
    }

    public int[] cpusOf(int group) {
        return Arrays.copyOfRange(cpus, firstRow(group), endRow(group));
    }

    /** A short name for an axis: "CPU 3", "CPU 0-7", "CPU 0-1,4-5" or, when that is long, "CPU 0…13". */
    public String label(int group) {
        int[] members = cpusOf(group);
        if (members.length == 1) {
            return "CPU " + members[0];
        }
        String list = CpuSet.of(members).toCpulist();
        return "CPU " + (list.length() <= MAX_LIST_CHARS ? list : members[0] + "…" + members[members.length - 1]);
    }

    /** Every CPU of a group, for a tooltip: "CPU 3", or "CPUs 0-1,4-5 (4 CPUs)". */
    public String describe(int group) {
        int[] members = cpusOf(group);
        return members.length == 1 ? "CPU " + members[0]
                : "CPUs " + CpuSet.of(members).toCpulist() + " (" + members.length + " CPUs)";
    }
}
