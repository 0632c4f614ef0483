package io.taskscope.export;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionReader;
import io.taskscope.store.SessionWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingExportTest {

    /** Keeps what it is given. */
    private static final class Kept implements Exporter {
        final List<ExitRecord> records = new ArrayList<>();
        boolean begun;
        boolean ended;

        @Override
        public void begin() {
            begun = true;
        }

        @Override
        public void record(ExitRecord r) {
            records.add(r);
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    private static Path recording(Path dir) throws Exception {
        Path file = dir.resolve("r.tsk");
        SessionHeader header = new SessionHeader(1, "h", "", 16, "0-7", "0-7", 8, "live", "live: test", 0, 0);
        try (SessionWriter w = SessionWriter.create(file, header)) {
            w.listeners(0, ListenerSet.empty().add("odd", CpuSet.of(1, 3, 5, 7)));
            SimBench.Generator g = SimBench.generator(Profile.BUILD, 8, 50_000, 3);
            for (int i = 0; i < 20; i++) {
                RecordBlock b = new RecordBlock(5_000);
                g.fill(b, 5_000);
                w.records(b);
            }
        }
        return file;
    }

    @Test
    void aListenerGetsWhatItsMaskRoutedToItAndProgressReachesOne(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        List<Double> progress = new ArrayList<>();
        Kept kept = new Kept();
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            RecordingExport.Result result = new RecordingExport(r, "odd", TimeRange.ALL)
                    .run(kept, progress::add, () -> false);
            assertThat(result.sawListener()).isTrue();
            assertThat(result.cancelled()).isFalse();
            assertThat(result.records()).isEqualTo(kept.records.size());
            assertThat(r.chunks().size()).isGreaterThan(3);
            assertThat(progress).hasSize(r.chunks().size()).isSorted().last().isEqualTo(1.0);
        }
        assertThat(kept.begun && kept.ended).isTrue();
        assertThat(kept.records).hasSizeBetween(40_000, 60_000).allSatisfy(rec -> assertThat(rec.cpu() % 2).isEqualTo(1));
    }

    @Test
    void cancellingStopsBetweenChunksWithoutEnding(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        Kept kept = new Kept();
        List<Double> progress = new ArrayList<>();
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            RecordingExport.Result result = new RecordingExport(r, null, TimeRange.ALL)
                    .run(kept, progress::add, () -> progress.size() >= 2);
            assertThat(result.cancelled()).isTrue();
            assertThat(progress).hasSize(2);
            assertThat(kept.records.size()).isLessThan(100_000).isEqualTo((int) result.records());
        }
        assertThat(kept.ended).isFalse();
    }

    @Test
    void anUnknownListenerIsReported(@TempDir Path dir) throws Exception {
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(recording(dir))).reader()) {
            assertThat(new RecordingExport(r, "nobody", TimeRange.ALL).run(new Kept(), p -> { }, () -> false)
                    .sawListener()).isFalse();
        }
    }
}
