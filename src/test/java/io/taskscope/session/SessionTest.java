package io.taskscope.session;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTest {

    private static SimulatorSource sim(int cpus, double seconds) {
        return new SimulatorSource(SimSettings.of(Profile.FORK_STORM, cpus, 50_000, 1, SimSettings.UNPACED),
                (long) (seconds * 1e9));
    }

    @Test
    void routesWhatTheSourceProducesToTheListeners() throws Exception {
        Session session = new Session();
        session.setListeners(ListenerSet.splitEvenly(8, 2).add("none", CpuSet.empty()));
        SimulatorSource source = sim(8, 1);
        session.switchSource(source);
        source.awaitEnd();
        SessionSnapshot s = session.snapshot();
        assertThat(s.received()).isGreaterThan(40_000);
        assertThat(s.listenerStats().get(0).delivered() + s.listenerStats().get(1).delivered()
                + s.listenerStats().get(0).lost() + s.listenerStats().get(1).lost()).isEqualTo(s.received());
        assertThat(s.listenerStats().get(2).delivered()).isZero(); // a listener with no CPUs receives nothing
        assertThat(java.util.Arrays.stream(s.exitsByCpu()).sum()).isEqualTo(s.received());
        assertThat(s.taskstatsVersion()).isEqualTo(16);
    }

    @Test
    void maskEditsApplyAtOnceAndListenersAreCutToTheMachine() throws Exception {
        Session session = new Session();
        session.setListeners(ListenerSet.oneOnAll(64));
        SimulatorSource source = sim(4, 0.5);
        session.switchSource(source); // a 4-CPU machine: the 64-CPU mask is cut
        source.awaitEnd();
        assertThat(session.listeners().listeners().get(0).cpus()).isEqualTo(CpuSet.range(0, 3));
        long before = session.snapshot().listenerStats().get(0).delivered();
        session.setListeners(session.listeners().withCpus(0, CpuSet.empty()));
        SimulatorSource next = sim(4, 0.5);
        session.switchSource(next);
        next.awaitEnd();
        assertThat(before).isPositive();
        assertThat(session.snapshot().listenerStats().get(0).delivered()).isZero(); // counts restart per source
        assertThat(session.snapshot().received()).isPositive();
    }

    /** A source the test drives: it hands over batches when told, on the thread that tells it. */
    private static final class ManualSource implements Source {
        SourceConsumer consumer;

        @Override
        public SourceInfo info() {
            return new SourceInfo(SourceKind.LIVE, "manual", io.taskscope.core.CpulistLimits.forMachine(4),
                    CpuSet.range(0, 3));
        }

        @Override
        public void start(SourceConsumer c) {
            consumer = c;
        }

        @Override
        public void stop() {
        }

        void exitOn(int cpu) {
            io.taskscope.core.RecordBlock block = new io.taskscope.core.RecordBlock(1);
            block.addRow(io.taskscope.core.RecordKind.PID, cpu, 1, 1, 1);
            consumer.batch(new SourceBatch(block, java.util.List.of(), 0));
        }
    }

    /** The window's thread edits listeners while a batch holds the session: it must not wait for that batch. */
    @Test
    void anEditNeverWaitsForABatchAndAppliesBeforeTheNext() throws Exception {
        Session session = new Session();
        session.setListeners(ListenerSet.empty().add("a", CpuSet.of(0)));
        ManualSource source = new ManualSource();
        session.switchSource(source);
        java.util.concurrent.CountDownLatch inBatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        session.setTap(new SourceConsumer() {
            @Override
            public void batch(SourceBatch batch) {
                inBatch.countDown();
                try {
                    release.await(); // a slow tap: the batch holds the session's lock meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread sourceThread = new Thread(() -> source.exitOn(0));
        sourceThread.start();
        inBatch.await();
        ListenerSet moved = session.setListeners(session.listeners().withCpus(0, CpuSet.of(1)));
        // reaching this line while the batch is still held is the point: the edit did not wait
        assertThat(sourceThread.isAlive()).isTrue();
        assertThat(moved.listeners().get(0).cpus()).isEqualTo(CpuSet.of(1));
        assertThat(session.listeners()).isEqualTo(moved);
        release.countDown();
        sourceThread.join();
        session.setTap(null);
        source.exitOn(1); // routed with the edit: listener a is on CPU 1 now
        source.exitOn(0);
        SessionSnapshot s = session.snapshot();
        assertThat(s.listenerStats().get(0).delivered()).isEqualTo(2); // the first exit (CPU 0, before) and CPU 1's
        assertThat(s.received()).isEqualTo(3);
    }

    /** A source that is being replaced may still hand something over: it must not reach the next source's counts. */
    @Test
    void whatAStoppedSourceStillSendsNeverReachesTheNextOnesCounts() throws Exception {
        Session session = new Session();
        session.setListeners(ListenerSet.empty().add("a", CpuSet.range(0, 3)));
        ManualSource old = new ManualSource();
        session.switchSource(old);
        old.exitOn(0);
        ManualSource next = new ManualSource();
        session.switchSource(next);
        old.exitOn(1); // late: its thread had not yet seen the stop
        old.consumer.stateChanged(io.taskscope.source.SourceState.FAILED, "the old source's last word");
        next.exitOn(2);
        SessionSnapshot s = session.snapshot();
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.exitsByCpu()[1]).isZero();
        assertThat(s.exitsByCpu()[2]).isEqualTo(1);
        assertThat(s.state()).isNotEqualTo(io.taskscope.source.SourceState.FAILED);
    }

    /** A recording's listener edit is routed in-band: the records after it go by the new masks, at once. */
    @Test
    void aSourcesOwnListenerDefinitionRoutesTheRecordsAfterIt() throws Exception {
        Session session = new Session();
        session.setListeners(ListenerSet.empty().add("a", CpuSet.of(0)));
        ManualSource source = new ManualSource();
        session.switchSource(source);
        source.exitOn(0);
        source.exitOn(1); // nobody listens on 1 yet
        source.consumer.listeners(0, ListenerSet.empty().add("a", CpuSet.of(1)));
        source.exitOn(1);
        source.exitOn(0); // a left CPU 0
        SessionSnapshot s = session.snapshot();
        assertThat(s.listenersFromSource()).isEqualTo(1);
        assertThat(s.listeners().listeners().get(0).cpus()).isEqualTo(CpuSet.of(1));
        assertThat(s.listenerStats().get(0).delivered()).isEqualTo(2);
        assertThat(s.received()).isEqualTo(4);
    }
}
