package io.taskscope.core;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU numbers: the {@code struct cpumask} a taskstats listener registers.
 * Text goes in through {@link #parse} (the kernel's cpulist grammar, errors classed as the kernel classes them)
 * and out through {@link #toCpulist()} (canonical: ascending, runs merged into ranges, like the kernel's
 * {@code %*pbl} format).
 */
public final class CpuSet {

    private static final CpuSet EMPTY = new CpuSet(new long[0]);

    /** Bit i of word i/64 is CPU i; never ends in a zero word, so equal sets have equal arrays. */
    private final long[] words;

    private CpuSet(long[] words) {
        this.words = words;
    }

    static CpuSet ofWords(long[] words) {
        int n = words.length;
        while (n > 0 && words[n - 1] == 0) {
            n--;
        }
        return n == 0 ? EMPTY : new CpuSet(n == words.length ? words : Arrays.copyOf(words, n));
    }

    public static CpuSet empty() {
        return EMPTY;
    }

    public static CpuSet of(int... cpus) {
        int max = -1;
        for (int cpu : cpus) {
            checkCpu(cpu);
            max = Math.max(max, cpu);
        }
        long[] w = new long[(max >> 6) + 1];
        for (int cpu : cpus) {
            w[cpu >> 6] |= 1L << cpu;
        }
        return ofWords(w);
    }

    /** CPUs {@code first..last}, both included; empty when last &lt; first. */
    public static CpuSet range(int first, int last) {
        if (last < first) {
            return EMPTY;
        }
        checkCpu(first);
        checkCpu(last);
        BitSet bits = new BitSet(last + 1);
        bits.set(first, last + 1);
        return ofWords(bits.toLongArray());
    }

    public static CpuSet fromBitSet(BitSet bits) {
        return ofWords(bits.toLongArray());
    }

    /**
     * Parses cpulist text exactly as the kernel's {@code cpulist_parse()} does for a taskstats
     * REGISTER/DEREGISTER_CPUMASK attribute (see {@link CpulistParser}).
     */
    public static CpulistParse parse(String text, CpulistLimits limits) {
        return CpulistParser.parse(text, limits);
    }

    private static void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= CpulistLimits.MAX_CPUS) {
            throw new IllegalArgumentException("CPU " + cpu + " is outside 0.." + (CpulistLimits.MAX_CPUS - 1));
        }
    }

    public boolean contains(int cpu) {
        int w = cpu >> 6;
        return cpu >= 0 && w < words.length && (words[w] & (1L << cpu)) != 0;
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** The lowest CPU at or above {@code from}, or -1. */
    public int nextCpu(int from) {
        if (from < 0) {
            from = 0;
        }
        int w = from >> 6;
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    /** The highest CPU, or -1 when empty. */
    public int last() {
        return words.length == 0 ? -1 : ((words.length - 1) << 6) + 63 - Long.numberOfLeadingZeros(words[words.length - 1]);
    }

    public IntStream stream() {
        return BitSet.valueOf(words).stream();
    }

    public int[] toArray() {
        return stream().toArray();
    }

    public BitSet toBitSet() {
        return BitSet.valueOf(words);
    }

    public CpuSet with(int cpu) {
        checkCpu(cpu);
        BitSet b = toBitSet();
        b.set(cpu);
        return fromBitSet(b);
    }

    public CpuSet without(int cpu) {
        if (!contains(cpu)) {
            return this;
        }
        BitSet b = toBitSet();
        b.clear(cpu);
        return fromBitSet(b);
    }

    public CpuSet union(CpuSet other) {
        BitSet b = toBitSet();
        b.or(other.toBitSet());
        return fromBitSet(b);
    }

    public CpuSet intersect(CpuSet other) {
        BitSet b = toBitSet();
        b.and(other.toBitSet());
        return fromBitSet(b);
    }

    public CpuSet minus(CpuSet other) {
        BitSet b = toBitSet();
        b.andNot(other.toBitSet());
        return fromBitSet(b);
    }

    /** The CPUs of {@code 0..cpuCount-1} that are not in this set. */
    public CpuSet complement(int cpuCount) {
        return range(0, cpuCount - 1).minus(this);
    }

    public boolean isSubsetOf(CpuSet other) {
        return minus(other).isEmpty();
    }

    /**
     * This set as a machine of {@code cpuCount} CPUs sees it: the CPUs it has ({@code 0..cpuCount-1}) and those it
     * has not. A mask defined on a larger machine keeps both; only the first can be registered there.
     */
    public Split splitAt(int cpuCount) {
        if (cpuCount <= 0) {
            return new Split(EMPTY, this);
        }
        if (last() < cpuCount) {
            return new Split(this, EMPTY);
        }
        CpuSet machine = range(0, cpuCount - 1);
        return new Split(intersect(machine), minus(machine));
    }

    /** A set cut at a machine's size: {@code inRange} + {@code beyond} is the whole set, and they do not overlap. */
    public record Split(CpuSet inRange, CpuSet beyond) {

        /** Whether some of the set lies beyond the machine. */
        public boolean hasBeyond() {
            return !beyond.isEmpty();
        }
    }

    /**
     * Canonical cpulist text, as the kernel prints a cpumask with {@code %*pbl} ({@code bitmap_list_string}):
     * ascending, a run of two or more as {@code a-b}, runs joined by commas; the empty set is "".
     */
    public String toCpulist() {
        StringBuilder out = new StringBuilder();
        int start = nextCpu(0);
        while (start >= 0) {
            int end = start;
            while (contains(end + 1)) {
                end++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            start = nextCpu(end + 1);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return toCpulist();
    }
}
