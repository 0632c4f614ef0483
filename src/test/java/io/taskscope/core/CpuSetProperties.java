package io.taskscope.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSetProperties {

    /** A machine of 1..8192 CPUs and a random subset of them. */
    record Machine(int cpus, CpuSet set) {
    }

    @Provide
    Arbitrary<Machine> machines() {
        return Arbitraries.integers().between(1, CpulistLimits.MAX_CPUS).flatMap(cpus -> {
            Arbitrary<CpuSet> sparse = Arbitraries.integers().between(0, cpus - 1).list().ofMaxSize(40)
                    .map(list -> CpuSet.of(list.stream().mapToInt(Integer::intValue).toArray()));
            Arbitrary<CpuSet> runs = Arbitraries.integers().between(0, cpus - 1).list().ofMaxSize(12).map(points -> {
                BitSet bits = new BitSet();
                for (int i = 0; i + 1 < points.size(); i += 2) {
                    bits.set(Math.min(points.get(i), points.get(i + 1)), Math.max(points.get(i), points.get(i + 1)) + 1);
                }
                return CpuSet.fromBitSet(bits);
            });
            return Arbitraries.oneOf(sparse, runs).map(set -> new Machine(cpus, set));
        });
    }

    @Property(tries = 300)
    void parseOfFormatIsTheIdentityOnSets(@ForAll("machines") Machine m) {
        String text = m.set().toCpulist();
        assertThat(CpuSet.parse(text, CpulistLimits.forMachine(m.cpus())).orElseThrow()).isEqualTo(m.set());
    }

    @Property(tries = 300)
    void formatOfParseIsTheIdentityOnCanonicalText(@ForAll("machines") Machine m) {
        String canonical = m.set().toCpulist();
        CpuSet parsed = CpuSet.parse(canonical, CpulistLimits.forMachine(m.cpus())).orElseThrow();
        assertThat(parsed.toCpulist()).isEqualTo(canonical);
    }

    /** Any list of regions, in any order, overlapping or with groups, means the union a direct loop computes. */
    @Property(tries = 300)
    void regionsMeanWhatTheKernelSets(@ForAll @IntRange(min = 1, max = 8192) int cpus,
                                      @ForAll("regionSeeds") List<int[]> seeds) {
        StringBuilder text = new StringBuilder();
        BitSet expected = new BitSet();
        for (int[] seed : seeds) {
            int start = seed[0] % cpus;
            int end = start + seed[1] % (cpus - start);
            int group = 1 + seed[2] % 16;
            int used = seed[3] % (group + 1);
            text.append(text.length() == 0 ? "" : seed[4] % 2 == 0 ? "," : " ");
            text.append(start).append('-').append(end).append(':').append(used).append('/').append(group);
            for (int base = start; base <= end; base += group) {
                for (int cpu = base; cpu < base + used && cpu <= end; cpu++) {
                    expected.set(cpu);
                }
            }
        }
        CpulistParse result = CpuSet.parse(text.toString(), CpulistLimits.forMachine(cpus));
        if (text.length() <= CpulistLimits.forMachine(cpus).maxTextLength()) {
            assertThat(result.orElseThrow()).isEqualTo(CpuSet.fromBitSet(expected));
        } else {
            assertThat(((CpulistParse.Refused) result).error().errno()).isEqualTo(Errno.E2BIG);
        }
    }

    @Provide
    Arbitrary<List<int[]>> regionSeeds() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(n, n, n, n, n).as((a, b, c, d, e) -> new int[]{a, b, c, d, e}).list().ofMaxSize(8);
    }

    /** A CPU at or above nr_cpu_ids is ERANGE, whatever else the list holds. */
    @Property(tries = 200)
    void cpusBeyondTheMachineAreErange(@ForAll("machines") Machine m, @ForAll @IntRange(min = 0, max = 100) int beyond) {
        String text = m.set().toCpulist() + (m.set().isEmpty() ? "" : ",") + (m.cpus() + beyond);
        CpulistParse result = CpuSet.parse(text, CpulistLimits.forMachine(m.cpus()));
        assertThat(((CpulistParse.Refused) result).error().errno()).isIn(Errno.ERANGE, Errno.E2BIG);
    }

    /** Arbitrary text never throws: it parses or is refused with a kernel errno. */
    @Property(tries = 1000)
    void anyTextParsesOrIsRefused(@ForAll String text) {
        CpulistParse result = CpuSet.parse(text, CpulistLimits.forMachine(64));
        if (result instanceof CpulistParse.Refused r) {
            assertThat(r.error().errno()).isIn(Errno.EINVAL, Errno.ERANGE, Errno.EOVERFLOW, Errno.E2BIG);
        } else {
            assertThat(result.orElseThrow().last()).isLessThan(64);
        }
    }
}
