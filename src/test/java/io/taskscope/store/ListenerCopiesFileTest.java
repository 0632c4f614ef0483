package io.taskscope.store;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import io.taskscope.session.Session;
import io.taskscope.session.views.Metric;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.source.ListenerCopies;
import io.taskscope.source.SourceBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registered recording keeps what each listener's own socket received (COPIES frames), so its replay shows each
 * listener that, as the live views did, and not every record its CPUs' references got.
 */
class ListenerCopiesFileTest {

    private static final SessionHeader REGISTERED = new SessionHeader(1, "host", "6.18", 16, "0-7", "0-7", 8, "live",
            "live: test", 0, 0).withListenerMode(SessionHeader.REGISTERED);

    /** A recording of 8 CPUs where "fast" got every reference and "slow" every tenth message. */
    private static final class Recorded {
        long references;
        long fast;
        long slow;
        final List<String> slowRows = new ArrayList<>();
    }

    private static Recorded write(Path file, SessionHeader header, boolean withCopies) throws IOException {
        Recorded r = new Recorded();
        SimBench.Generator g = SimBench.generator(Profile.BUILD, 8, 20_000, 5);
        try (SessionWriter w = SessionWriter.create(file, header)) {
            w.listeners(0, ListenerSet.empty().add("fast", CpuSet.range(0, 7)).add("slow", CpuSet.range(0, 7)));
            for (int i = 0; i < 12; i++) {
                RecordBlock refs = new RecordBlock(700);
                g.fill(refs, 700);
                w.records(refs);
                r.references += refs.size();
                RecordBlock copies = new RecordBlock(800);
                List<String> names = new ArrayList<>();
                for (int row = 0; row < refs.size(); row++) {
                    copies.add(refs, row);
                    names.add("fast");
                    r.fast++;
                    if (refs.isPid(row) && refs.seq(row) % 10 == 0) { // a whole message: its TGID record follows it
                        for (int m = row; m < refs.size() && (m == row || !refs.isPid(m)); m++) {
                            copies.add(refs, m);
                            names.add("slow");
                            r.slow++;
                            r.slowRows.add(refs.record(m).toString());
                        }
                    }
                }
                if (withCopies) {
                    w.copies(new ListenerCopies(copies, names.toArray(String[]::new)));
                }
                if (i % 4 == 3) {
                    w.flush();
                }
            }
        }
        return r;
    }

    @Test
    void copiesComeBackWholeWithTheirListenerAndTheHeaderSaysSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("reg.tsk");
        Recorded written = write(file, REGISTERED, true);
        assertThat(written.slow).isBetween(100L, written.references / 5);
        try (SessionReader reader = SessionReader.openReadable(file)) {
            assertThat(reader.header().hasListenerCopies()).isTrue();
            List<String> slow = new ArrayList<>();
            long[] counts = new long[2];
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    counts[0] += block.size();
                }

                @Override
                public void copies(ListenerCopies copies) {
                    for (int row = 0; row < copies.records().size(); row++) {
                        if (copies.listener(row).equals("slow")) {
                            slow.add(copies.records().record(row).toString());
                        } else {
                            counts[1]++;
                        }
                    }
                }
            });
            assertThat(counts[0]).as("references are records; copies are not counted as records")
                    .isEqualTo(written.references);
            assertThat(counts[1]).isEqualTo(written.fast);
            assertThat(slow).containsExactlyElementsOf(written.slowRows);
        }
    }

    @Test
    void aV17CopyKeepsItsNewerFields(@TempDir Path dir) throws IOException {
        RecordBlock block = new RecordBlock(4);
        SimBench.generator(Profile.MEMORY_PRESSURE, 8, 5_000, 2).fill(block, 4);
        for (int r = 0; r < block.size(); r++) {
            block.set(r, TaskstatsField.VERSION, 17);
            block.set(r, TaskstatsField.BLKIO_DELAY_MAX_TS, block.receivedNanos(r) - 5_000L * (r + 1));
        }
        Path file = dir.resolve("v17.tsk");
        try (SessionWriter w = SessionWriter.create(file, REGISTERED)) {
            w.copies(new ListenerCopies(block, new String[]{"a", "b", "a", "b"}));
        }
        List<String> back = new ArrayList<>();
        try (SessionReader reader = SessionReader.openReadable(file)) {
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock b) {
                }

                @Override
                public void copies(ListenerCopies copies) {
                    for (int r = 0; r < copies.records().size(); r++) {
                        back.add(copies.listener(r) + " " + copies.records().get(r, TaskstatsField.BLKIO_DELAY_MAX_TS));
                    }
                }
            });
        }
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < block.size(); r++) {
            expected.add((r % 2 == 0 ? "a " : "b ") + block.get(r, TaskstatsField.BLKIO_DELAY_MAX_TS));
        }
        assertThat(back).containsExactlyElementsOf(expected);
    }

    @Test
    void aCopyOfAListenerTheFrameDoesNotNameIsCorruptNotGuessed() {
        RecordBlock block = new RecordBlock(2);
        SimBench.generator(Profile.BUILD, 8, 5_000, 2).fill(block, 2);
        Bytes body = new Bytes(1 << 12);
        CopiesFrame.write(body, new ListenerCopies(block, new String[]{"a", "a"}), 0, block.size());
        byte[] bytes = java.util.Arrays.copyOf(body.array(), body.size());
        // names:1 "a"(len 1, 'a'), rows:n, then the first row's name index: make it 1, beyond the one name
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[3]).isEqualTo((byte) block.size());
        bytes[4] = 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CopiesFrame.read(new Cursor(bytes, 0, bytes.length)))
                .isInstanceOf(Cursor.Corrupt.class).hasMessageContaining("listener 1 of 1");
    }

    @Test
    void aReplayShowsEachListenerWhatItsOwnSocketGot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reg.tsk");
        Recorded written = write(file, REGISTERED, true);
        Session session = new Session();
        session.setTableRows(100_000);
        ReplaySource replay = new ReplaySource(file, 0);
        session.switchSource(replay);
        replay.awaitEnd();
        assertThat(session.snapshot().received()).isEqualTo(written.references);
        assertThat(shown(session, "fast")).isEqualTo(written.fast);
        assertThat(shown(session, "slow")).as("slow's socket got a tenth; its views show that, not its CPUs' all")
                .isEqualTo(written.slow);
    }

    @Test
    void anOlderRegisteredFileWithoutCopiesRoutesItsListenersFromTheReferences(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("older.tsk");
        // what the writer of issue 16 wrote: the mode, and no copies (nor the tag that says they are there)
        SessionHeader older = new SessionHeader(1, "host", "6.18", 16, "0-7", "0-7", 8, "live", "live: test", 0, 0,
                SessionHeader.REGISTERED, false);
        Recorded written = write(file, older, false);
        try (SessionReader reader = SessionReader.openReadable(file)) {
            assertThat(reader.header().registered()).isTrue();
            assertThat(reader.header().hasListenerCopies()).isFalse();
        }
        Session session = new Session();
        session.setTableRows(100_000);
        ReplaySource replay = new ReplaySource(file, 0);
        session.switchSource(replay);
        replay.awaitEnd();
        assertThat(shown(session, "slow")).as("routed: every record of its CPUs, not nothing")
                .isEqualTo(written.references);
    }

    @Test
    void theRecorderWritesABatchsCopiesAfterItsRecords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.tsk");
        RecordBlock refs = new RecordBlock(64);
        SimBench.generator(Profile.BUILD, 8, 5_000, 9).fill(refs, 64);
        RecordBlock copies = new RecordBlock(8);
        for (int r = 0; r < 8; r++) {
            copies.add(refs, r);
        }
        SessionRecorder recorder = new SessionRecorder(SessionWriter.create(file, REGISTERED));
        recorder.batch(new SourceBatch(refs, List.of(), 0, new ListenerCopies(copies,
                new String[]{"x", "x", "x", "x", "y", "y", "y", "y"})));
        copies.clear(); // the source's block is reused once the batch call returns: the recorder kept its own
        recorder.finish();
        List<String> order = new ArrayList<>();
        try (SessionReader reader = SessionReader.openReadable(file)) {
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    order.add("records " + block.size());
                }

                @Override
                public void copies(ListenerCopies c) {
                    order.add("copies " + c.records().size() + " " + c.listener(0) + " " + c.listener(7));
                }
            });
        }
        assertThat(order).containsExactly("records " + refs.size(), "copies 8 x y");
        assertThat(Files.size(file)).isPositive();
    }

    private static long shown(Session session, String name) {
        int id = session.listeners().byName(name).orElseThrow().id();
        return session.view(id, Metric.EXITS, 0).added();
    }
}
