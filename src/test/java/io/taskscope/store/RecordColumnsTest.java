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

    private static RecordBlock roundTrip(RecordBlock block, boolean predicted) throws Cursor.Corrupt {
        Bytes out = new Bytes(1 << 16);
        RecordColumns.encode(block, 0, block.size(), out, predicted);
        RecordBlock back = new RecordBlock(block.size());
        RecordColumns.decode(new Cursor(out.array(), 0, out.size()), back, predicted);
        return back;
    }

    private static void assertSame(RecordBlock a, RecordBlock b) {
        assertThat(b.size()).isEqualTo(a.size());
        for (int r = 0; r < a.size(); r++) {
            assertThat(b.record(r)).isEqualTo(a.record(r));
            for (TaskstatsField f : TaskstatsField.values()) {
                if (!f.isText()) {
                    assertThat(b.get(r, f)).as("%s of row %d", f, r).isEqualTo(a.get(r, f));
                }
            }
        }
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
        assertSame(block, roundTrip(block, false));
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
