package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Both RECORDS encodings give back every field exactly, whether or not the predictions hold. */
class RecordColumnsTest {

    /** As the writer does: type 5, or 6 when a row has a field newer than v16 ({@code predicted}); else type 1. */
    private static RecordBlock roundTrip(RecordBlock block, boolean predicted) throws Cursor.Corrupt {
        Bytes out = new Bytes(1 << 16);
        RecordColumns.encode(block, 0, block.size(), out, predicted);
        boolean extended = predicted && RecordColumns.needsExtensions(block, 0, block.size());
        if (extended) {
            RecordColumns.encodeExtensions(block, 0, block.size(), out);
        }
        RecordBlock back = new RecordBlock(block.size());
        Cursor in = new Cursor(out.array(), 0, out.size());
        RecordColumns.decode(in, back, predicted);
        if (extended) {
            RecordColumns.decodeExtensions(in, back, 0, back.size());
        }
        assertThat(in.hasMore()).isFalse();
        return back;
    }

    /** Every field (type 1 frames hold v16's only: {@code upTo16}). */
    private static void assertSame(RecordBlock a, RecordBlock b, boolean upTo16) {
        assertThat(b.size()).isEqualTo(a.size());
        for (int r = 0; r < a.size(); r++) {
            if (!upTo16) {
                assertThat(b.record(r)).isEqualTo(a.record(r));
            }
            assertThat(b.command(r)).isEqualTo(a.command(r));
            for (TaskstatsField f : TaskstatsField.values()) {
                if (!f.isText() && (!upTo16 || f.sinceVersion() <= 16)) {
                    assertThat(b.get(r, f)).as("%s of row %d", f, r).isEqualTo(a.get(r, f));
                }
            }
        }
    }

    private static void assertSame(RecordBlock a, RecordBlock b) {
        assertSame(a, b, false);
    }

    @Test
    void v17RecordsTakeExtensionColumnsAndComeBackWhole() throws Exception {
        RecordBlock block = new RecordBlock(256);
        SimBench.generator(Profile.MEMORY_PRESSURE, 64, 50_000, 7).fill(block, 256);
        for (int r = 0; r < block.size(); r++) {
            block.set(r, TaskstatsField.VERSION, 17);
            block.set(r, TaskstatsField.BLKIO_DELAY_MAX_TS, r % 3 == 0 ? 0 : block.receivedNanos(r) - 1_000L * r);
            block.set(r, TaskstatsField.IRQ_DELAY_MAX_TS, r % 5 == 0 ? block.receivedNanos(r) : 0);
        }
        assertThat(RecordColumns.needsExtensions(block, 0, block.size())).isTrue();
        assertSame(block, roundTrip(block, true));
        RecordBlock v16 = simulated(Profile.BUILD);
        assertThat(RecordColumns.needsExtensions(v16, 0, v16.size())).isFalse(); // stays type 5
    }

    @Test
    void aReaderSkipsExtensionColumnsItDoesNotKnow() throws Exception {
        RecordBlock block = simulated(Profile.DESKTOP);
        Bytes out = new Bytes(1 << 16);
        RecordColumns.encode(block, 0, block.size(), out, true);
        out.varint(1); // one column of a future field
        out.str("some_v18_field");
        for (int r = 0; r < block.size(); r++) {
            out.zigzag(r * 1_000_003L);
        }
        RecordBlock back = new RecordBlock(block.size());
        Cursor in = new Cursor(out.array(), 0, out.size());
        RecordColumns.decode(in, back, true);
        RecordColumns.decodeExtensions(in, back, 0, back.size());
        assertThat(in.hasMore()).isFalse();
        assertSame(block, back);
    }

    private static RecordBlock simulated(Profile profile) {
        RecordBlock block = new RecordBlock(256);
        SimBench.generator(profile, 64, 50_000, 7).fill(block, 256);
        return block;
    }

    @Test
    void simulatedRecordsRoundTripInBothEncodings() throws Exception {
        for (Profile p : Profile.values()) {
            RecordBlock block = simulated(p);
            assertSame(block, roundTrip(block, true));
            assertSame(block, roundTrip(block, false));
        }
    }

    @Test
    void anyValuesAtAllRoundTripWhenEveryPredictionIsWrong() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFF_FFFFL, 1L << 53, -(1L << 62)};
        RecordBlock block = new RecordBlock(200);
        for (int r = 0; r < 200; r++) {
            block.addRow(RecordKind.values()[r % 2], r % 64, random.nextLong(), random.nextLong(), random.nextLong());
            block.setComm(r, "task" + (r % 7));
            for (TaskstatsField f : TaskstatsField.values()) {
                if (!f.isText()) {
                    block.set(r, f, random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong());
                }
            }
        }
        assertSame(block, roundTrip(block, true));
        assertSame(block, roundTrip(block, false), true);
    }

    @Test
    void predictionsMakeSimulatedFramesSmaller() {
        RecordBlock block = simulated(Profile.BUILD);
        Bytes plain = new Bytes(1 << 16);
        Bytes predicted = new Bytes(1 << 16);
        RecordColumns.encode(block, 0, block.size(), plain, false);
        RecordColumns.encode(block, 0, block.size(), predicted, true);
        assertThat(predicted.size()).isLessThan(plain.size() * 9 / 10);
    }
}
