package io.taskscope.export;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;
import io.taskscope.core.Units;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * listen's formats write bytes straight from a record block (no String per line); what they write must be exactly
 * what the String-building formats wrote ({@link StringLineFormat}), for any record and any names.
 */
class LineFormatProperties {

    @Provide
    Arbitrary<Long> interestingLongs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 100_000),
                Arbitraries.of(0L, 1L, 9L, 10L, 99L, 100L, 999L, 1000L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                        Long.MIN_VALUE + 1, 999_500L, 9_995_000L, 99_950_000L, 59_999_999_999L, 60_000_000_000L,
                        60_300_000_000L, 3_599_999_999_999L, 3_600_000_000_000L, 1792L, 0x8BL, 0x7FL, 0x80L));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(31),
                Arbitraries.strings().withChars("a,\"\n\r\t\\\u0001\u001fé€𝄞\ud800x").ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> listenerNames() {
        return names().filter(n -> !n.isBlank());
    }

    @Provide
    Arbitrary<ExitRecord> records() {
        Arbitrary<long[]> values = interestingLongs().array(long[].class).ofSize(TaskstatsField.values().length);
        return Combinators.combine(values, names(), Arbitraries.of(RecordKind.values()),
                Arbitraries.integers().between(-1, 8191), interestingLongs(), Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as((v, comm, kind, cpu, seq, id) -> {
                    Taskstats.Builder b = Taskstats.builder();
                    for (TaskstatsField f : TaskstatsField.values()) {
                        if (!f.isText()) {
                            b.set(f, v[f.ordinal()]);
                        }
                    }
                    return new ExitRecord(kind, cpu, 0, seq, id, b.comm(comm).build());
                });
    }

    @Property(tries = 3000)
    void bytesAreWhatTheStringsWere(@ForAll("records") ExitRecord r, @ForAll("listenerNames") String listenerName) {
        Listener listener = new Listener(0, listenerName, 0, CpuSet.of(0));
        for (LineFormat f : LineFormat.values()) {
            assertThat(f.line(listener, r)).isEqualTo(encoded(StringLineFormat.valueOf(f.name()).line(listener, r)));
        }
    }

    /** The text as it reached the output: UTF-8, where a lone surrogate is written as '?'. */
    private static String encoded(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Property(tries = 5000)
    void durationsAreWhatUnitsWrites(@ForAll("interestingLongs") long value) {
        assertThat(new LineBuffer(8).nanos(value).text()).isEqualTo(Units.nanos(value));
        assertThat(new LineBuffer(8).micros(value).text()).isEqualTo(Units.micros(value));
    }

    /** Every value near a unit or rounding boundary: where a half-up of the exact value could differ from %.Nf. */
    @Property(tries = 1)
    void durationsAtEveryBoundary() {
        long[] units = {1_000, 1_000_000, 1_000_000_000, 60_000_000_000L, 3_600_000_000_000L};
        for (long unit : units) {
            for (long m = 1; m <= 1000; m++) {
                for (long base : new long[]{m * unit / 100, m * unit / 10, m * unit, unit * 10 * m / 1000 * 5}) {
                    for (long d = -3; d <= 3; d++) {
                        long ns = base + d;
                        if (ns >= 0) {
                            assertThat(new LineBuffer(8).nanos(ns).text()).as("%d ns", ns).isEqualTo(Units.nanos(ns));
                        }
                    }
                }
            }
        }
    }

    @Property(tries = 2000)
    void numbersAreWhatLongWrites(@ForAll("interestingLongs") long value) {
        assertThat(new LineBuffer(8).decimal(value).text()).isEqualTo(Long.toString(value));
        assertThat(new LineBuffer(8).unsigned(value).text()).isEqualTo(Long.toUnsignedString(value));
    }

    /** Many rows into one buffer: rows are independent (no state carried from one line to the next). */
    @Property(tries = 200)
    void rowsOfABlockInOneBuffer(@ForAll("records") ExitRecord a, @ForAll("records") ExitRecord b) {
        Listener listener = new Listener(1, "l", 0, CpuSet.of(0));
        RecordBlock block = new RecordBlock(2);
        block.add(a);
        block.add(b);
        for (LineFormat f : LineFormat.values()) {
            LineBuffer out = new LineBuffer(16);
            f.write(listener, block, 0, out);
            f.write(listener, block, 1, out);
            StringLineFormat old = StringLineFormat.valueOf(f.name());
            assertThat(out.text()).isEqualTo(encoded(old.line(listener, a) + "\n" + old.line(listener, b) + "\n"));
        }
    }
}
