package io.taskscope.taskstats;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.taskscope.taskstats.Fixtures.FAMILY_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The decoder takes untrusted bytes: whatever arrives, it answers with records, errors or "malformed", never a throw. */
class DecoderFuzzProperties {

    private static final List<byte[]> SEEDS = List.of(
            Fixtures.bytes("exit-true-cpu0.hex"), Fixtures.bytes("exit-group-cpu0.hex"),
            Fixtures.bytes("pid-query-reply.hex"), Fixtures.bytes("register-error-einval.hex"),
            Fixtures.bytes("getfamily-reply.hex"));

    /**
     * Decodes and checks the decoder's own promises; returns what it found. No reason may be a decoder bug; that
     * holds trivially for a clean decode, so the fuzz properties check that many of their inputs give reasons.
     */
    private static DecodedDatagram decodeSafely(byte[] bytes) {
        DecodedDatagram d = DecodedDatagram.decode(bytes, FAMILY_ID, 0, 0);
        assertThat(d.malformed()).noneMatch(reason -> reason.startsWith("decoder bug"));
        for (ExitRecord r : d.records()) {
            assertThat(r.comm().length()).isLessThan(Taskstats.COMM_LENGTH);
        }
        return d;
    }

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 1300) byte[] bytes) {
        countMalformed(decodeSafely(bytes));
    }

    /** Fails the property unless some of its tries were reported malformed: the checks above saw reasons. */
    private static void countMalformed(DecodedDatagram d) {
        Statistics.label("malformed").collect(!d.malformed().isEmpty());
        Statistics.label("malformed").coverage(c -> c.check(true).percentage(p -> p >= 10));
    }

    /** Random bytes behind a plausible header, so the attribute parser is reached too. */
    @Property(tries = 2000)
    void randomBodiesBehindAValidHeader(@ForAll @Size(max = 1200) byte[] body) {
        byte[] seed = SEEDS.get(0);
        byte[] bytes = Arrays.copyOf(seed, 20 + body.length);
        System.arraycopy(body, 0, bytes, 20, body.length);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder()).putInt(0, bytes.length);
        countMalformed(decodeSafely(bytes));
    }

    @Provide
    Arbitrary<byte[]> mutatedCaptures() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1).flatMap(i ->
                Arbitraries.longs().map(seed -> mutate(SEEDS.get(i), new Random(seed))));
    }

    /** Flips bits, overwrites length fields, truncates or extends a real capture. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(5)) {
                case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 2 -> { // a lying 16-bit length at an attribute-ish position
                    int at = random.nextInt(Math.max(1, bytes.length - 1)) & ~3;
                    if (at + 1 < bytes.length) {
                        int lie = random.nextInt(0x10000);
                        bytes[at] = (byte) lie;
                        bytes[at + 1] = (byte) (lie >> 8);
                    }
                }
                case 3 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                default -> bytes = Arrays.copyOf(bytes, bytes.length + random.nextInt(64));
            }
            if (bytes.length == 0) {
                break;
            }
        }
        return bytes;
    }

    @Property(tries = 3000)
    void mutatedKernelBytes(@ForAll("mutatedCaptures") byte[] bytes) {
        countMalformed(decodeSafely(bytes));
    }

    /** Every truncation of a real exit is either complete or reported as malformed. */
    @Property(tries = 200)
    void truncatedExitsAreReported(@ForAll @IntRange(min = 0, max = 1171) int length) {
        byte[] cut = Arrays.copyOf(Fixtures.bytes("exit-group-cpu0.hex"), length);
        DecodedDatagram d = decodeSafely(cut);
        if (length > 0) {
            assertThat(d.malformed()).isNotEmpty();
        }
        assertThat(d.records()).hasSizeLessThan(2);
    }

    @Provide
    Arbitrary<Taskstats> anyStats() {
        return StatsArbitraries.anyStats('!', '~');
    }

    /**
     * encode at its version, then decode: every field that version has comes back, every other field reads 0
     * (v1 has no ac_comm).
     */
    @Property(tries = 1000)
    void encodeThenDecodeKeepsWhatTheVersionHas(@ForAll("anyStats") Taskstats stats,
                                                @ForAll @IntRange(min = 0, max = 1) int withGroup) {
        int version = stats.version();
        byte[] bytes = withGroup == 1
                ? ExitMessageEncoder.encode(FAMILY_ID, 9, 100, stats, 99, stats)
                : ExitMessageEncoder.encode(FAMILY_ID, 9, 100, stats);
        DecodedDatagram d = decodeSafely(bytes);
        assertThat(d.malformed()).isEmpty();
        assertThat(d.records()).hasSize(1 + withGroup);
        for (ExitRecord r : d.records()) {
            assertThat(r.seq()).isEqualTo(9);
            assertThat(r.taskId()).isEqualTo(r.kind() == RecordKind.PID ? 100 : 99);
            for (TaskstatsField f : TaskstatsField.values()) {
                if (f.isText()) {
                    assertThat(r.comm()).isEqualTo(version >= 2 ? stats.comm() : "");
                } else {
                    long expected = TaskstatsLayout.forVersion(version).offsetOf(f) >= 0 ? stats.get(f) : 0;
                    assertThat(r.get(f)).as("v%d %s", version, f.kernelName()).isEqualTo(expected);
                }
            }
        }
    }
}
