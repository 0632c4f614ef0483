package io.taskscope.store;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.sim.Profile;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayAndStreamTest {

    /** Collects what a source hands over. */
    static final class Sink implements SourceConsumer {
        final RecordBlock records = new RecordBlock(1024);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile String last = "";
        /** Each listener definition, with how many records had arrived before it: in-band order is the contract. */
        final List<ListenerSet> definitions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Integer> recordsBeforeDefinition = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public synchronized void batch(SourceBatch batch) {
            for (int r = 0; r < batch.records().size(); r++) {
                records.add(batch.records(), r);
            }
        }

        @Override
        public synchronized void listeners(long nanos, ListenerSet set) {
            definitions.add(set);
            recordsBeforeDefinition.add(records.size());
        }

        @Override
        public void stateChanged(SourceState state, String detail) {
            last = state + " " + detail;
            if (state == SourceState.STOPPED || state == SourceState.FAILED) {
                ended.countDown();
            }
        }
    }

    @Test
    void replayGivesBackEveryRecordAndEveryMaskEditInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.tsk");
        List<RecordBlock> batches = SessionFileTest.batches(Profile.BUILD, 6, 1000);
        SessionFileTest.Collected written;
        try (SessionWriter w = SessionWriter.create(file, SessionFileTest.HEADER)) {
            written = new SessionFileTest.Collected();
            for (int i = 0; i < batches.size(); i++) {
                w.records(batches.get(i));
                written.records(batches.get(i));
                ListenerSet edit = ListenerSet.splitEvenly(64, i + 1);
                w.listeners(batches.get(i).receivedNanos(batches.get(i).size() - 1), edit);
            }
        }
        ReplaySource replay = new ReplaySource(file, 0);
        assertThat(replay.info().cpuCount()).isEqualTo(64);
        Sink sink = new Sink();
        replay.start(sink);
        replay.awaitEnd();
        assertThat(sink.records.size()).isEqualTo(written.records.size());
        for (int r = 0; r < sink.records.size(); r += 97) {
            assertThat(sink.records.record(r)).isEqualTo(written.records.record(r));
        }
        assertThat(sink.definitions).extracting(ListenerSet::size).containsExactly(1, 2, 3, 4, 5, 6);
        // each edit arrives in-band, right after the batch it was recorded after, as export routes them
        int before = 0;
        for (int i = 0; i < batches.size(); i++) {
            before += batches.get(i).size();
            assertThat(sink.recordsBeforeDefinition.get(i)).isEqualTo(before);
        }
        assertThat(sink.last).startsWith("STOPPED replay finished");
    }

    @Test
    void replayKeepsTheRecordedRhythmTimesTheSpeed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("paced.tsk");
        RecordBlock block = new RecordBlock(16);
        for (int i = 0; i < 11; i++) { // eleven records over one recorded second
            block.addRow(io.taskscope.core.RecordKind.PID, 0, 1_000_000_000L + i * 100_000_000L, i, 100 + i);
        }
        try (SessionWriter w = SessionWriter.create(file, SessionFileTest.HEADER)) {
            w.records(block);
        }
        ReplaySource replay = new ReplaySource(file, 4);
        Sink sink = new Sink();
        long start = System.nanoTime();
        replay.start(sink);
        replay.awaitEnd();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(sink.records.size()).isEqualTo(11);
        assertThat(seconds).as("one recorded second at x4").isBetween(0.2, 0.9);
    }

    /** A recording of 30 s at 100 records a second, one record every 10 ms. */
    private static Path evenRecording(Path dir) throws Exception {
        Path file = dir.resolve("even.tsk");
        try (SessionWriter w = SessionWriter.create(file, SessionFileTest.HEADER)) {
            for (int s = 0; s < 30; s++) {
                RecordBlock block = new RecordBlock(100);
                for (int i = 0; i < 100; i++) {
                    int n = s * 100 + i;
                    block.addRow(io.taskscope.core.RecordKind.PID, n % 64, 1_000_000_000_000L + n * 10_000_000L, n, n);
                }
                w.records(block);
                if (s % 5 == 4) {
                    w.flush();
                }
            }
        }
        return file;
    }

    @Test
    void seekLandsOnTheFirstRecordAtOrAfterTheTarget(@TempDir Path dir) throws Exception {
        ReplaySource replay = new ReplaySource(evenRecording(dir), 1);
        assertThat(replay.endNanos() - replay.startNanos()).isEqualTo(29_990_000_000L);
        Sink sink = new Sink();
        replay.pause();
        replay.start(sink);
        long target = replay.startNanos() + 20_005_000_000L; // between record 2000 and 2001
        replay.seek(target);
        replay.setSpeed(0);
        replay.resume();
        replay.awaitEnd();
        int firstAfter = -1;
        synchronized (sink) {
            for (int r = 0; r < sink.records.size(); r++) {
                if (sink.records.receivedNanos(r) >= target) {
                    firstAfter = r;
                    break;
                }
            }
            assertThat(firstAfter).isNotNegative();
            assertThat(sink.records.taskId(firstAfter)).isEqualTo(2001);
            // nothing between the seek and the target was replayed
            assertThat(sink.records.size() - firstAfter).isEqualTo(3000 - 2001);
        }
    }

    @Test
    void stepPlaysASecondAndPausesAgain(@TempDir Path dir) throws Exception {
        ReplaySource replay = new ReplaySource(evenRecording(dir), 1);
        Sink sink = new Sink();
        replay.pause();
        replay.start(sink);
        Thread.sleep(300);
        int before;
        synchronized (sink) {
            before = sink.records.size();
        }
        assertThat(before).isLessThanOrEqualTo(1);
        replay.step(1_000_000_000L);
        Thread.sleep(500);
        int after;
        synchronized (sink) {
            after = sink.records.size();
        }
        assertThat(after - before).isBetween(95, 102); // one recorded second = ~100 records
        Thread.sleep(500);
        synchronized (sink) {
            assertThat(sink.records.size()).isEqualTo(after); // paused again
        }
        replay.stop();
    }

    @Test
    void aRecorderStreamingThroughAPipeFeedsAStreamSource() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "io.taskscope.Launcher",
                "record", "--source", "sim", "--profile", "desktop", "--cpus", "8", "--rate", "2000", "--duration",
                "2500ms", "-o", "-");
        StreamSource source = StreamSource.connect(command, "pipe");
        assertThat(source.info().cpuCount()).isEqualTo(8);
        assertThat(source.info().description()).contains("sim: desktop");
        Sink sink = new Sink();
        source.start(sink);
        assertThat(sink.ended.await(30, TimeUnit.SECONDS)).isTrue();
        source.stop();
        assertThat(sink.records.size()).isGreaterThan(1000);
        assertThat(sink.definitions).isNotEmpty();
        assertThat(sink.last).startsWith("STOPPED");
    }

    @Test
    void aHelperThatFailsIsReportedWithWhatItSaid() {
        assertThatThrownBy(() -> StreamSource.connect(List.of("sh", "-c", "echo 'not authorized' >&2; exit 126"),
                "pkexec"))
                .isInstanceOf(SourceException.class).hasMessageContaining("not authorized");
    }

    @Test
    void aHelperProgramThatIsNotInstalledIsSaidSoWithWhatToDo() {
        assertThatThrownBy(() -> StreamSource.connect(List.of("taskscope-no-such-helper", "record"), "helper"))
                .isInstanceOf(SourceException.class)
                .hasMessage("taskscope-no-such-helper is not installed here (not found on PATH).");
        assertThat(StreamSource.cannotRun("pkexec-missing-here")).doesNotContain("error=");
    }
}
