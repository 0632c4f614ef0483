package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.sim.Profile;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder never holds a live source back: when the disk falls behind it drops, and the file says how much. */
class SessionRecorderTest {

    /** Takes the header, then holds every write until the gate opens: a disk that has stopped. */
    private static final class StalledDisk extends FilterOutputStream {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        private int writes;

        StalledDisk() {
            super(new ByteArrayOutputStream());
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (writes++ > 0) {
                blocked.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(b, off, len);
        }

        byte[] bytes() {
            return ((ByteArrayOutputStream) out).toByteArray();
        }
    }

    private static long[] exitsByCpu(RecordBlock b, long[] into) {
        for (int r = 0; r < b.size(); r++) {
            if (b.isPid(r)) {
                into[b.cpu(r)]++;
            }
        }
        return into;
    }

    @Test
    void aDiskThatFallsBehindCostsRecordsThatTheFileCounts(@TempDir Path dir) throws Exception {
        StalledDisk disk = new StalledDisk();
        SessionRecorder recorder = new SessionRecorder(SessionWriter.to(disk, SessionFileTest.HEADER), 5_000, 64, false);
        long[] offered = new long[64];
        // A batch big enough to make the writer write a chunk: it then waits on the stalled disk.
        RecordBlock first = SessionFileTest.batches(Profile.FORK_STORM, 1, 20_000).get(0);
        recorder.batch(new SourceBatch(first, List.of(), 0));
        exitsByCpu(first, offered);
        disk.blocked.await();
        List<RecordBlock> more = SessionFileTest.batches(Profile.BUILD, 40, 500);
        for (RecordBlock b : more) { // the live source's thread: none of these calls may wait
            recorder.batch(new SourceBatch(b, List.of(new LossEvent(1, LossEvent.ALL_LISTENERS, 2,
                    LossEvent.Cause.SEQUENCE_GAP, 0)), 0));
            exitsByCpu(b, offered);
        }
        disk.gate.countDown();
        recorder.finish();

        Path file = dir.resolve("stalled.tsk");
        Files.write(file, disk.bytes());
        long[] recorded = new long[64];
        long[] queueLost = new long[64];
        long[] kernelLost = {0};
        try (SessionReader reader = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            assertThat(reader.intact()).isTrue();
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    exitsByCpu(block, recorded);
                }

                @Override
                public void loss(LossEvent loss) {
                    if (loss.cause() == LossEvent.Cause.QUEUE) {
                        queueLost[loss.cpu()] += loss.records();
                    } else {
                        kernelLost[0] += loss.records();
                    }
                }
            });
        }
        long dropped = 0;
        for (int cpu = 0; cpu < 64; cpu++) {
            assertThat(recorded[cpu] + queueLost[cpu]).as("CPU %d: recorded + dropped = offered", cpu)
                    .isEqualTo(offered[cpu]);
            dropped += queueLost[cpu];
        }
        assertThat(dropped).as("the recorder dropped while the disk stood still").isPositive();
        assertThat(kernelLost[0]).as("the kernel's losses of every batch are kept, dropped or not")
                .isEqualTo(2L * more.size());
        assertThat(recorder.lost()).isEqualTo(dropped + kernelLost[0]);
    }

    @Test
    void aSourceThatCanWaitIsHeldBackWithoutASpinOrTheSessionLockAndLosesNothing() throws Exception {
        StalledDisk disk = new StalledDisk();
        SessionRecorder recorder = new SessionRecorder(SessionWriter.to(disk, SessionFileTest.HEADER), 20_000, 64, true);
        assertThat(recorder.queueCapacity()).isEqualTo(20_000);
        CountDownLatch heldBack = new CountDownLatch(1);
        recorder.whenHeldBack(heldBack::countDown);
        long[] offered = new long[64];
        Thread[] source = new Thread[1];
        io.taskscope.session.Session session = new io.taskscope.session.Session();
        session.setTap(new io.taskscope.source.SourceConsumer() { // what the app's Recorder does
            @Override
            public void batch(SourceBatch batch) {
                source[0] = Thread.currentThread();
                exitsByCpu(batch.records(), offered);
                recorder.batch(batch);
            }

            @Override
            public void stateChanged(io.taskscope.source.SourceState state, String detail) {
                recorder.stateChanged(state, detail);
            }
        });
        // Unpaced, 1 simulated second (~50 000 records): more than the queue's 20 000 while the disk stands still.
        io.taskscope.sim.SimulatorSource sim = new io.taskscope.sim.SimulatorSource(io.taskscope.sim.SimSettings.of(
                Profile.BUILD, 64, 50_000, 3, io.taskscope.sim.SimSettings.UNPACED), 1_000_000_000L);
        session.switchSource(sim);
        disk.blocked.await();
        heldBack.await();

        // The hook ran under the queue's lock; holding that lock now means the source has released it and waits.
        assertThat(recorder.heldBack()).as("the source parks on the queue's condition").isEqualTo(1);
        java.lang.management.ThreadInfo info = java.lang.management.ManagementFactory.getThreadMXBean()
                .getThreadInfo(new long[]{source[0].getId()}, false, true)[0];
        assertThat(info.getLockedSynchronizers()).as("a held-back source holds no lock (the session's least)").isEmpty();
        assertThat(session.snapshot().info()).as("the session's lock is free for the pump and the FX thread")
                .isNotNull();
        assertThat(recorder.droppedBatches()).isZero();

        disk.gate.countDown();
        sim.awaitEnd();
        recorder.finish();
        Path file = Files.createTempFile("held", ".tsk");
        try {
            Files.write(file, disk.bytes());
            long[] recorded = new long[64];
            long[] queueLost = {0};
            try (SessionReader reader = ((SessionReader.Session) SessionReader.open(file)).reader()) {
                assertThat(reader.intact()).isTrue();
                reader.readAll(new SessionReader.FrameVisitor() {
                    @Override
                    public void records(RecordBlock block) {
                        exitsByCpu(block, recorded);
                    }

                    @Override
                    public void loss(LossEvent loss) {
                        queueLost[0] += loss.records();
                    }
                });
            }
            assertThat(recorded).as("held back, not dropped: every exit is in the file").isEqualTo(offered);
            assertThat(queueLost[0]).isZero();
            assertThat(recorder.droppedBatches()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void stopReturnsAtOnceAndTheRecordersThreadClosesTheFile() throws Exception {
        StalledDisk disk = new StalledDisk();
        SessionRecorder recorder = new SessionRecorder(SessionWriter.to(disk, SessionFileTest.HEADER), 50_000, 64, false);
        RecordBlock big = SessionFileTest.batches(Profile.FORK_STORM, 1, 20_000).get(0);
        recorder.batch(new SourceBatch(big, List.of(), 0));
        disk.blocked.await(); // the writer is stuck in a write
        java.util.concurrent.CompletableFuture<RecordingOutcome> outcome = recorder.stop();
        assertThat(outcome).as("asking to stop does not wait for the disk").isNotDone();
        recorder.batch(new SourceBatch(big, List.of(), 0)); // after the stop: turned away, not counted as a drop
        assertThat(recorder.droppedBatches()).isZero();
        disk.gate.countDown();
        RecordingOutcome done = outcome.join();
        assertThat(done.failed()).isFalse();
        assertThat(done.records()).isEqualTo(big.size());
        assertThat(done.bytes()).isEqualTo(disk.bytes().length);
    }

    /**
     * A simulator on a fixed epoch (or a replay on its recording's time): the edits and state changes are stamped on
     * the records' clock, not the wall clock, so the file's span is the records' (it read 335 days for 3 s).
     */
    @Test
    void editsAndStateChangesAreStampedOnTheRecordsClock(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("epoch.tsk");
        List<RecordBlock> batches = SessionFileTest.batches(Profile.BUILD, 3, 500);
        long first = batches.get(0).receivedNanos(0);
        RecordBlock lastBatch = batches.get(2);
        long last = lastBatch.receivedNanos(lastBatch.size() - 1);
        long wallNow = System.currentTimeMillis() * 1_000_000L;
        assertThat(Math.abs(wallNow - first)).as("the generator's clock is not the wall clock").isGreaterThan(DAY);

        SessionRecorder recorder = new SessionRecorder(
                SessionWriter.to(Files.newOutputStream(file), SessionFileTest.HEADER), 50_000, 64, true);
        recorder.stateChanged(io.taskscope.source.SourceState.STARTING, "starting"); // before any record
        recorder.listenersChanged(io.taskscope.core.ListenerSet.of(List.of(
                new io.taskscope.core.Listener(0, "all", 0x3366cc, io.taskscope.core.CpuSet.range(0, 63)))));
        recorder.batch(new SourceBatch(batches.get(0), List.of(), 0));
        recorder.batch(new SourceBatch(batches.get(1), List.of(), 0));
        recorder.listenersChanged(io.taskscope.core.ListenerSet.of(List.of(
                new io.taskscope.core.Listener(0, "half", 0x3366cc, io.taskscope.core.CpuSet.range(0, 31)))));
        recorder.batch(new SourceBatch(lastBatch, List.of(), 0));
        recorder.stateChanged(io.taskscope.source.SourceState.STOPPED, "stopped");
        assertThat(recorder.stop().join().failed()).isFalse();

        List<Long> stamps = new java.util.ArrayList<>();
        try (SessionReader reader = SessionReader.openReadable(file)) {
            reader.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                }

                @Override
                public void listeners(long nanos, io.taskscope.core.ListenerSet set) {
                    stamps.add(nanos);
                }

                @Override
                public void state(long nanos, io.taskscope.source.SourceState state, String detail) {
                    stamps.add(nanos);
                }
            });
            var chunks = reader.chunks();
            assertThat(chunks.get(0).firstNanos()).isEqualTo(first);
            assertThat(chunks.get(chunks.size() - 1).lastNanos() - first).isBetween(last - first, last - first + DAY);
        }
        assertThat(stamps).hasSize(4);
        assertThat(stamps.subList(0, 2)).as("before the first record: its time").containsOnly(first);
        assertThat(stamps.subList(2, 4)).allSatisfy(t -> assertThat(t).isBetween(first, last + DAY));
        assertThat(stamps).isSorted();
    }

    private static final long DAY = 86_400_000_000_000L;
}
