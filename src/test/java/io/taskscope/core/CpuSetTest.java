package io.taskscope.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSetTest {

    /** The machine these cases were measured on: 2 possible CPUs, NR_CPUS=256. */
    private static final CpulistLimits MEASURED = new CpulistLimits(2, 256);
    private static final CpulistLimits BIG = CpulistLimits.forMachine(64);

    private static CpuSet parse(String text, CpulistLimits limits) {
        return CpuSet.parse(text, limits).orElseThrow();
    }

    private static Errno errnoOf(String text, CpulistLimits limits) {
        CpulistParse result = CpuSet.parse(text, limits);
        assertThat(result).isInstanceOf(CpulistParse.Refused.class);
        return ((CpulistParse.Refused) result).error().errno();
    }

    /** Each row was sent to Linux 6.18 as a DEREGISTER_CPUMASK and answered with this errno (0 = accepted). */
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0|0", "1|0", "0-1|0", "0,1|0", "0-1:1/2|0", "\" 0\"|0", "\"0 \"|0", "\"\"|0", ",|0", "0,,1|0",
            "all|0", "ALL|0", "N|0", "1-N|0", "\"0 1\"|0", "0-1:1/2,|0", "00|0",
            "0-999|34", "2|34", "255|34", "256|34", "1000|34", "0-3:0/2|34",
            "abc|22", "1-0|22", "-1|22", "0-|22", "0-1:3/2|22", "0-1:1/0|22", "4294967295|22", "5-3|22", "0x|22",
            "0,x|22", "0-1:1|22", "0-1:1/2x|22", "+0|22", "\"0-1: 1/2\"|22",
            "99999999999|75"})
    void classifiesLikeTheKernel(String text, int errno) {
        CpulistParse result = CpuSet.parse(text, MEASURED);
        if (errno == 0) {
            assertThat(result.isOk()).as(text).isTrue();
        } else {
            assertThat(errnoOf(text, MEASURED).number()).as(text).isEqualTo(errno);
        }
    }

    @Test
    void whitespaceAndNewlineEndTheTextOrSeparate() {
        assertThat(parse("0\t1", MEASURED)).isEqualTo(CpuSet.of(0, 1));
        assertThat(parse("0\n9", MEASURED)).isEqualTo(CpuSet.of(0)); // '\n' ends the string, as in the kernel
        assertThat(parse(" 0 ", MEASURED)).isEqualTo(CpuSet.of(0));
        assertThat(parse("", MEASURED)).isEqualTo(CpuSet.empty());
    }

    @Test
    void groupSyntaxTakesTheFirstCpusOfEachGroup() {
        assertThat(parse("0-7:2/4", BIG).toCpulist()).isEqualTo("0-1,4-5");
        assertThat(parse("0-1023:2/256", CpulistLimits.forMachine(1024)).toCpulist())
                .isEqualTo("0-1,256-257,512-513,768-769");
        assertThat(parse("0-63:1/2", BIG).size()).isEqualTo(32);
        assertThat(parse("3-9:0/4", BIG)).isEqualTo(CpuSet.empty());
        assertThat(parse("all:1/16", BIG).toCpulist()).isEqualTo("0,16,32,48");
    }

    @Test
    void nIsTheLastPossibleCpu() {
        assertThat(parse("N", BIG)).isEqualTo(CpuSet.of(63));
        assertThat(parse("60-N", BIG).toCpulist()).isEqualTo("60-63");
        assertThat(parse("all", BIG)).isEqualTo(CpuSet.range(0, 63));
    }

    @Test
    void e2bigCountsTheTerminatingNul() {
        // Measured on 6.18 (NR_CPUS=256, TASKSTATS_CPUMASK_MAXLEN=1636): 1635 characters pass, 1636 are E2BIG.
        String ok = ("0," .repeat(1000)).substring(0, 1634) + "0";
        assertThat(ok).hasSize(1635);
        assertThat(CpuSet.parse(ok, MEASURED).isOk()).isTrue();
        assertThat(errnoOf(ok + "0", MEASURED)).isEqualTo(Errno.E2BIG);
    }

    @Test
    void firstBadRegionDecides() {
        assertThat(errnoOf("0-999,abc", MEASURED)).isEqualTo(Errno.ERANGE);
        assertThat(errnoOf("abc,0-999", MEASURED)).isEqualTo(Errno.EINVAL);
    }

    @Test
    void errorsNameTheOffendingText() {
        CpulistError e = ((CpulistParse.Refused) CpuSet.parse("0-3,8x", BIG)).error();
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.position()).isEqualTo(5);
        assertThat(e.describe()).contains("'0-3,8x'").contains("'x'").contains("position 5");

        CpulistError range = ((CpulistParse.Refused) CpuSet.parse("0-64", BIG)).error();
        assertThat(range.describe()).startsWith("ERANGE").contains("CPU 64").contains("63");
    }

    @Test
    void formatsCanonically() {
        assertThat(CpuSet.of(8, 3, 0, 1, 2).toCpulist()).isEqualTo("0-3,8");
        assertThat(CpuSet.of(0, 1).toCpulist()).isEqualTo("0-1");
        assertThat(CpuSet.of(5).toCpulist()).isEqualTo("5");
        assertThat(CpuSet.empty().toCpulist()).isEmpty();
        assertThat(parse("8,0-3,2,1", BIG).toCpulist()).isEqualTo("0-3,8");
        assertThat(CpuSet.range(0, 8191).toCpulist()).isEqualTo("0-8191");
    }

    @Test
    void aSmallerMachineSplitsAMaskIntoWhatItHasAndWhatLiesBeyond() {
        CpuSet batch = parse("0-1,16-31,34-40,48-55", BIG);
        CpuSet.Split onTwo = batch.splitAt(2);
        assertThat(onTwo.inRange().toCpulist()).isEqualTo("0-1");
        assertThat(onTwo.beyond().toCpulist()).isEqualTo("16-31,34-40,48-55");
        assertThat(onTwo.hasBeyond()).isTrue();
        assertThat(onTwo.inRange().union(onTwo.beyond())).isEqualTo(batch);

        CpuSet.Split db = CpuSet.range(32, 47).splitAt(2);
        assertThat(db.inRange().isEmpty()).isTrue();
        assertThat(db.beyond()).isEqualTo(CpuSet.range(32, 47));

        CpuSet.Split atTheEdge = CpuSet.range(0, 15).splitAt(15); // CPU 15 is the 16th: not on 15 CPUs
        assertThat(atTheEdge.inRange()).isEqualTo(CpuSet.range(0, 14));
        assertThat(atTheEdge.beyond()).isEqualTo(CpuSet.of(15));

        CpuSet.Split fits = batch.splitAt(64);
        assertThat(fits.inRange()).isSameAs(batch);
        assertThat(fits.hasBeyond()).isFalse();
        assertThat(CpuSet.empty().splitAt(2).hasBeyond()).isFalse();
    }

    @Test
    void setOperations() {
        CpuSet a = CpuSet.range(0, 7);
        CpuSet b = CpuSet.of(6, 7, 8, 100);
        assertThat(a.union(b).toCpulist()).isEqualTo("0-8,100");
        assertThat(a.intersect(b).toCpulist()).isEqualTo("6-7");
        assertThat(a.minus(b).toCpulist()).isEqualTo("0-5");
        assertThat(b.complement(10).toCpulist()).isEqualTo("0-5,9");
        assertThat(a.with(64).without(0).toCpulist()).isEqualTo("1-7,64");
        assertThat(b.size()).isEqualTo(4);
        assertThat(b.last()).isEqualTo(100);
        assertThat(b.nextCpu(9)).isEqualTo(100);
        assertThat(b.nextCpu(101)).isEqualTo(-1);
        assertThat(CpuSet.of(6, 7).isSubsetOf(a)).isTrue();
        assertThat(b.isSubsetOf(a)).isFalse();
        assertThat(a.without(64)).isSameAs(a);
        assertThat(CpuSet.of(1, 2).with(200).without(200)).isEqualTo(CpuSet.of(1, 2)); // no trailing empty words
    }
}
