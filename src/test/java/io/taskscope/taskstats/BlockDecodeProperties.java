package io.taskscope.taskstats;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.taskscope.taskstats.Fixtures.FAMILY_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live path decodes into columns ({@link DatagramDecoder#decodeInto}), everything else into objects
 * ({@link DatagramDecoder#decode}): both must find the same records, errors and damage in the same bytes, wherever
 * in a buffer the datagram sits (the live queue puts it at an 8-byte-aligned offset of a big chunk).
 */
class BlockDecodeProperties {

    private record Found(List<ExitRecord> records, List<String> problems) {
    }

    private static final class Problems implements DatagramSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void record(ExitRecord record) {
            throw new AssertionError("decodeInto made an object");
        }

        @Override
        public void error(int errno, long seq) {
            seen.add("error " + errno + " seq " + seq);
        }

        @Override
        public void malformed(String reason) {
            seen.add(reason);
        }
    }

    private static Found viaObjects(byte[] bytes) {
        DecodedDatagram d = DecodedDatagram.decode(bytes, FAMILY_ID, 3, 77);
        List<String> problems = new ArrayList<>();
        d.errors().forEach(e -> problems.add("error " + e.errno() + " seq " + e.seq()));
        problems.addAll(d.malformed());
        return new Found(d.records(), problems);
    }

    /** The same bytes at {@code offset} of a direct buffer of junk, decoded into a block that already holds rows. */
    private static Found viaBlock(byte[] bytes, int offset, DatagramDecoder decoder) {
        ByteBuffer buf = ByteBuffer.allocateDirect(offset + bytes.length + 64).order(ByteOrder.nativeOrder());
        Random junk = new Random(offset);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, (byte) junk.nextInt());
        }
        for (int i = 0; i < bytes.length; i++) {
            buf.put(offset + i, bytes[i]);
        }
        RecordBlock block = new RecordBlock(1);
        block.add(DecodedDatagram.decode(Fixtures.bytes("exit-true-cpu0.hex"), FAMILY_ID, 0, 0).records().get(0));
        Problems problems = new Problems();
        decoder.decodeInto(buf, offset, offset + bytes.length, 3, 77, block, problems);
        List<ExitRecord> records = new ArrayList<>();
        for (int row = 1; row < block.size(); row++) {
            records.add(block.record(row));
        }
        return new Found(records, problems.seen);
    }

    private static void sameBothWays(byte[] bytes, int offset) {
        Found objects = viaObjects(bytes);
        Found rows = viaBlock(bytes, offset, new DatagramDecoder(FAMILY_ID));
        assertThat(rows.records()).isEqualTo(objects.records());
        assertThat(rows.problems()).isEqualTo(objects.problems());
    }

    private static final List<byte[]> CAPTURES = List.of(
            Fixtures.bytes("exit-true-cpu0.hex"), Fixtures.bytes("exit-group-cpu0.hex"),
            Fixtures.bytes("pid-query-reply.hex"), Fixtures.bytes("tgid-query-reply.hex"),
            Fixtures.bytes("register-error-einval.hex"), Fixtures.bytes("getfamily-reply.hex"));

    @Property(tries = 300)
    void realCapturesAnywhereInABuffer(@ForAll @IntRange(min = 0, max = 5) int which,
                                       @ForAll @IntRange(min = 0, max = 512) int eighths) {
        sameBothWays(CAPTURES.get(which), eighths * 8);
    }

    @Provide
    Arbitrary<byte[]> damagedCaptures() {
        return Arbitraries.integers().between(0, CAPTURES.size() - 1).flatMap(i -> Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            byte[] bytes = CAPTURES.get(i).clone();
            for (int e = 0; e < 1 + random.nextInt(4); e++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            return random.nextBoolean() ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
        }));
    }

    @Property(tries = 2000)
    void damagedBytes(@ForAll("damagedCaptures") byte[] bytes) {
        sameBothWays(bytes, 16);
    }

    @Property(tries = 500)
    void randomBytes(@ForAll @Size(max = 1300) byte[] bytes) {
        sameBothWays(bytes, 8);
    }

    @Provide
    Arbitrary<Taskstats> anyStats() {
        return StatsArbitraries.anyStats('\u0001', '\u07ff');
    }

    /** Records of every version, single and group exits, with names the comm cache must keep apart. */
    @Property(tries = 500)
    void encodedRecordsOfEveryVersion(@ForAll("anyStats") Taskstats a, @ForAll("anyStats") Taskstats b) {
        DatagramDecoder shared = new DatagramDecoder(FAMILY_ID); // one decoder, so its name cache sees both
        for (byte[] bytes : List.of(ExitMessageEncoder.encode(FAMILY_ID, 5, 10, a),
                ExitMessageEncoder.encode(FAMILY_ID, 6, 11, b, 12, a), ExitMessageEncoder.encode(FAMILY_ID, 7, 13, a))) {
            Found objects = viaObjects(bytes);
            Found rows = viaBlock(bytes, 24, shared);
            assertThat(rows.records()).isEqualTo(objects.records());
            assertThat(rows.problems()).isEqualTo(objects.problems()).isEmpty();
        }
    }
}
