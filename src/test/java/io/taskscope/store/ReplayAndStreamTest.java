package io.taskscope.store;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceException;
import io.taskscope.source.SourceState;
import io.taskscope.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

        synchronized int size() {
            return records.size();
        }

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

    /**
     * Real time for a replay that passes only as the replay sleeps, at once: what a test sees of the pacing depends
     * on nothing but the replay's own decisions, not on how fast or loaded this machine is.
     */
    static final class ManualTime implements ReplaySource.RealTime {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public void sleep(long millis) {
            nanos.addAndGet(millis * 1_000_000L);
            Thread.yield();
        }
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
        ManualTime time = new ManualTime();
        ReplaySource replay = new ReplaySource(file, 4, time);
        List<long[]> handed = new ArrayList<>(); // {recorded ns, real ns when handed over}
        replay.start(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                for (int r = 0; r < batch.records().size(); r++) {
                    handed.add(new long[]{batch.records().receivedNanos(r), time.nanoTime()});
                }
            }
        });
        replay.awaitEnd();
        assertThat(handed).hasSize(11);
        long[] first = handed.get(0);
        for (long[] h : handed) {
            long due = (h[0] - first[0]) / 4; // recorded time since the first record, at x4
            // never early, and late by no more than the whole millisecond the replay sleeps in
            assertThat(h[1] - first[1]).as("record at +%d ms, handed over (ns)", (h[0] - first[0]) / 1_000_000)
                    .isBetween(due, due + 1_000_000L);
        }
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
        ManualTime time = new ManualTime();
        ReplaySource replay = new ReplaySource(evenRecording(dir), 1, time);
        Sink sink = new Sink();
        replay.pause();
        replay.start(sink);
        // Five seconds pass for the replay: playing, at x1, it would have handed over 500 records meanwhile.
        awaitReplayTime(time, 5_000_000_000L);
        assertThat(sink.size()).as("records handed over while paused").isZero();

        replay.step(1_000_000_000L);
        Await.until("the step is played", () -> !replay.stepping());
        // the first recorded second, both ends included: a record every 10 ms from the start
        assertThat(sink.size()).isEqualTo(1_000 / 10 + 1);
        synchronized (sink) {
            assertThat(sink.records.receivedNanos(sink.records.size() - 1))
                    .isEqualTo(replay.startNanos() + 1_000_000_000L);
        }
        awaitReplayTime(time, 5_000_000_000L);
        assertThat(sink.size()).as("records handed over once the step was played").isEqualTo(1_000 / 10 + 1);
        replay.stop();
    }

    /** Waits until {@code nanos} more of the replay's real time have passed (it passes as the replay waits). */
    private static void awaitReplayTime(ManualTime time, long nanos) throws Exception {
        long from = time.nanoTime();
        Await.until("the replay has waited " + nanos / 1_000_000 + " ms", () -> time.nanoTime() - from >= nanos);
    }

    @Test
    void aRecorderStreamingThroughAPipeFeedsAStreamSource() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // --duration only ends an orphan, should this JVM die: the test stops the recorder long before
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "io.taskscope.Launcher",
                "record", "--source", "sim", "--profile", "desktop", "--cpus", "8", "--rate", "2000", "--duration",
                "10m", "-o", "-");
        StreamSource source = StreamSource.connect(command, "pipe");
        Sink sink = new Sink();
        try {
            assertThat(source.info().cpuCount()).isEqualTo(8);
            assertThat(source.info().description()).contains("sim: desktop");
            source.start(sink);
            // The recorder runs until stopped; once 1000 records have come through, it is, as at Ctrl-C (SIGTERM
            // runs the same shutdown hook): it finishes the stream, and the stream source sees it end.
            Await.until("1000 records came through the pipe", () -> sink.size() >= 1000 || sink.ended.getCount() == 0,
                    () -> sink.size() + " came, " + sink.last);
            ProcessHandle recorder = ProcessHandle.current().children()
                    .filter(p -> commandLine(p).contains("io.taskscope.Launcher")).findFirst().orElseThrow();
            recorder.destroy();
            assertThat(sink.ended.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            source.stop(); // the recorder goes, whatever happened
        }
        // They are the simulator's own records for those settings, in order.
        int n = sink.size();
        assertThat(n).isGreaterThanOrEqualTo(1000);
        RecordBlock expected = simulated(SimSettings.of(Profile.DESKTOP, 8, 2000, 1, SimSettings.UNPACED),
                sink.records.receivedNanos(n - 1) - SimSettings.FIXED_START + 1);
        assertThat(expected.size()).isGreaterThanOrEqualTo(n);
        for (int r = 0; r < n; r++) {
            assertThat(sink.records.record(r)).as("record %d", r).isEqualTo(expected.record(r));
        }
        assertThat(sink.definitions).isNotEmpty();
        assertThat(sink.last).startsWith("STOPPED");
    }

    /** What /proc says the process runs (ProcessHandle.Info gave no arguments for this child here). */
    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The records of the simulator with {@code settings} over its first {@code nanos} of simulated time. */
    private static RecordBlock simulated(SimSettings settings, long nanos) throws Exception {
        SimulatorSource sim = new SimulatorSource(settings, nanos);
        Sink sink = new Sink();
        sim.start(sink);
        sim.awaitEnd();
        return sink.records;
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

    /** A recording cut short: the app refuses one with nothing to play, and says what of a longer one is lost. */
    @Test
    void aDamagedRecordingSaysWhatPlaysAndOneWithNothingInItIsRefused(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.tsk");
        List<RecordBlock> batches = SessionFileTest.batches(Profile.BUILD, 4, 1000);
        try (SessionWriter w = SessionWriter.create(whole, SessionFileTest.HEADER)) {
            for (RecordBlock b : batches) {
                w.records(b);
                w.flush(); // one chunk per batch
            }
        }
        List<SessionReader.ChunkInfo> chunks;
        try (SessionReader r = SessionReader.openReadable(whole)) {
            chunks = r.chunks();
        }
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
        ReplaySource intact = new ReplaySource(whole, 0);
        assertThat(intact.damage()).isEmpty();
        intact.stop();

        byte[] bytes = Files.readAllBytes(whole);
        Path cutInFirst = dir.resolve("cut-in-first.tsk"); // like head -c: not one complete chunk
        Files.write(cutInFirst, java.util.Arrays.copyOf(bytes, (int) chunks.get(0).offset() + chunks.get(0).length() / 2));
        assertThatThrownBy(() -> new ReplaySource(cutInFirst, 0)).isInstanceOf(SourceException.class)
                .hasMessageContaining("holds no complete chunk").hasMessageContaining("cut short at byte");

        SessionReader.ChunkInfo last = chunks.get(chunks.size() - 1);
        Path cutInLast = dir.resolve("cut-in-last.tsk");
        Files.write(cutInLast, java.util.Arrays.copyOf(bytes, (int) last.offset() + last.length() / 2));
        ReplaySource replay = new ReplaySource(cutInLast, 0);
        assertThat(replay.damage()).hasValueSatisfying(d -> assertThat(d)
                .contains("the " + (chunks.size() - 1) + " chunk(s) that verified play").contains("cut short at byte"));
        Sink sink = new Sink();
        replay.start(sink);
        replay.awaitEnd();
        long kept = 0;
        for (int i = 0; i < batches.size() - 1; i++) {
            kept += batches.get(i).size();
        }
        assertThat((long) sink.size()).isEqualTo(kept);
        assertThat(sink.last).contains("damaged");
    }
}
