package io.taskscope.session;

import io.taskscope.core.CpuSet;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
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
}
