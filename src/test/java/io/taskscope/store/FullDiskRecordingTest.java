package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A recording into a real file system that fills up: the failure is told at once, the file keeps its chunks. */
class FullDiskRecordingTest {

    private TinyDisk disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskEndsTheRecordingWithAnOutcomeAndTheFileReadsUpToItsLastCompleteChunk(@TempDir Path tmp)
            throws Exception {
        // A chunk of this simulator is ~1.2 MB compressed (two 8192-row batches): 4 MiB hold a few, then fill up.
        disk = TinyDisk.mount(tmp.resolve("tiny"), "4m");
        Path file = disk.dir().resolve("full.tsk");
        SessionRecorder recorder = SessionRecorder.opening(() -> SessionWriter.create(file, SessionFileTest.HEADER),
                SessionRecorder.DEFAULT_QUEUE_RECORDS, 64, true);
        // Unpaced: the simulator makes records as fast as the recorder takes them, held back whenever it is behind.
        SimulatorSource sim = new SimulatorSource(SimSettings.of(Profile.BUILD, 64, 50_000, 7, SimSettings.UNPACED));
        AtomicLong offered = new AtomicLong();
        sim.start(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                offered.addAndGet(batch.records().size());
                recorder.batch(batch);
            }

            @Override
            public void stateChanged(SourceState state, String detail) {
                recorder.stateChanged(state, detail);
            }
        });
        RecordingOutcome outcome;
        try {
            outcome = recorder.outcome().join(); // nobody asked it to stop: only the full disk ends it
        } finally {
            sim.stop();
        }

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.problem()).isEqualTo("the disk is full");
        assertThat(recorder.failure()).isSameAs(outcome.failure());
        assertThat(outcome.records()).as("records of complete chunks").isPositive().isLessThan(offered.get());

        long[] read = {0};
        try (SessionReader reader = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            assertThat(reader.chunks()).isNotEmpty();
            assertThat(reader.damage()).as("nothing but the end is damaged").isEmpty();
            assertThat(reader.tornTail()).as("the chunk the disk had no room for").isNotNull();
            assertThat(reader.tornTail().reason()).startsWith("torn tail");
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    read[0] += block.size();
                }
            });
            assertThat(reader.damage()).as("every complete chunk verifies").isEmpty();
        }
        assertThat(read[0]).as("every record up to the last complete chunk").isEqualTo(outcome.records());
        assertThat(java.nio.file.Files.size(file)).isGreaterThan(outcome.bytes());
    }
}
