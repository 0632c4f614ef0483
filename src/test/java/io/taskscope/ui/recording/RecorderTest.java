package io.taskscope.ui.recording;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.session.Session;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import io.taskscope.store.SessionReader;
import io.taskscope.store.TinyDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The record button's recorder without a window: the end is handed to an executor (here: whichever thread ends it). */
class RecorderTest {

    private static final ListenerSet LISTENERS = ListenerSet.empty().add("all", CpuSet.range(0, 7));
    private final Session session = new Session();
    private TinyDisk disk;

    @AfterEach
    void tearDown() throws Exception {
        session.stopSource();
        if (disk != null) {
            disk.close();
        }
    }

    private static SimulatorSource sim(long simulatedNanos) {
        return new SimulatorSource(SimSettings.of(Profile.FORK_STORM, 8, 50_000, 1, SimSettings.UNPACED),
                simulatedNanos);
    }

    private static long recordsIn(Path file) throws Exception {
        long[] n = {0};
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            r.readAll(block -> n[0] += block.size());
        }
        return n[0];
    }

    @Test
    void stopAsksAndTheEndComesBackWithTheCountsOfTheClosedFile(@TempDir Path dir) throws Exception {
        SimulatorSource source = sim(500_000_000L);
        session.switchSource(source);
        Path file = dir.resolve("rec.tsk");
        CompletableFuture<Recorder.Outcome> ended = new CompletableFuture<>();
        Recorder recorder = Recorder.start(session, file, LISTENERS, 16, Runnable::run, ended::complete);
        source.awaitEnd();
        recorder.stop();
        assertThat(recorder.phase()).isIn(Recorder.Phase.STOPPING, Recorder.Phase.FINISHED);
        Recorder.Outcome o = ended.join();
        assertThat(recorder.phase()).isEqualTo(Recorder.Phase.FINISHED);
        assertThat(o.failed()).isFalse();
        assertThat(o.readable()).isTrue();
        assertThat(o.recorder()).isSameAs(recorder);
        assertThat(o.result().records()).isPositive().isEqualTo(recordsIn(file));
        assertThat(o.message()).isEqualTo(String.format(java.util.Locale.ROOT, "Recorded %,d records to %s",
                o.result().records(), file));
    }

    @Test
    void aFileThatCannotBeCreatedEndsTheRecordingWithAReasonForPeople(@TempDir Path dir) throws Exception {
        session.switchSource(sim(100_000_000L));
        Path file = dir.resolve("no such folder").resolve("rec.tsk");
        CompletableFuture<Recorder.Outcome> ended = new CompletableFuture<>();
        Recorder recorder = Recorder.start(session, file, LISTENERS, 16, Runnable::run, ended::complete);
        Recorder.Outcome o = ended.join(); // nobody stopped it
        assertThat(recorder.phase()).isEqualTo(Recorder.Phase.FAILED);
        assertThat(o.readable()).isFalse();
        assertThat(o.message()).isEqualTo("Recording into " + file + " failed: its folder does not exist");
    }

    @Test
    void aDiskThatFillsUpIsToldAtOnceAndTheRecordsKeptAreSaid(@TempDir Path dir) throws Exception {
        disk = TinyDisk.mount(dir.resolve("tiny"), "4m");
        SimulatorSource source = sim(Long.MAX_VALUE);
        session.switchSource(source);
        Path file = disk.dir().resolve("rec.tsk");
        CompletableFuture<Recorder.Outcome> ended = new CompletableFuture<>();
        Recorder recorder = Recorder.start(session, file, LISTENERS, 16, Runnable::run, ended::complete);
        Recorder.Outcome o = ended.join(); // nobody stopped it: the full disk ended it
        assertThat(recorder.phase()).isEqualTo(Recorder.Phase.FAILED);
        assertThat(o.readable()).isTrue();
        long kept = o.result().records();
        assertThat(o.message()).isEqualTo(String.format(java.util.Locale.ROOT,
                "Recording failed: the disk is full. The first %,d records are kept in %s", kept, file));
        assertThat(recordsIn(file)).isEqualTo(kept);
        long elapsed = recorder.elapsedNanos();
        assertThat(recorder.elapsedNanos()).as("the recording's time stopped with it").isEqualTo(elapsed);
        recorder.stop(); // a stop after the failure is harmless
        assertThat(recorder.phase()).isEqualTo(Recorder.Phase.FAILED);
    }
}
