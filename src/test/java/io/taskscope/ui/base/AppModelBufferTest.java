package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.Session;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated receive buffers are edited like masks: one undo step each, handed to the session at once. */
class AppModelBufferTest {

    private static final ListenerBuffer.Settings DEFAULT = ListenerBuffer.Settings.defaults();
    private static final ListenerBuffer.Settings SMALL = new ListenerBuffer.Settings(50_000, 2_000);
    private Session session;
    private AppModel model;
    private int a;
    private int b;

    @BeforeEach
    void setUp() {
        session = new Session();
        model = new AppModel(session, ListenerSet.empty().add("a", CpuSet.range(0, 3)).add("b", CpuSet.range(8, 11)));
        a = model.listenersProperty().get().byName("a").orElseThrow().id();
        b = model.listenersProperty().get().byName("b").orElseThrow().id();
    }

    private CpuSet cpusOfA() {
        return model.listenersProperty().get().byId(a).orElseThrow().cpus();
    }

    @Test
    void aBufferEditIsOneUndoStep() {
        model.editBuffer(a, SMALL);
        assertThat(model.buffer(a)).isEqualTo(SMALL);
        assertThat(model.buffer(b)).isEqualTo(DEFAULT);
        model.undo();
        assertThat(model.buffer(a)).isEqualTo(DEFAULT);
        assertThat(model.canUndo()).isFalse();
        model.redo();
        assertThat(model.buffer(a)).isEqualTo(SMALL);
    }

    @Test
    void theSameBufferAgainIsNoStep() {
        model.editBuffer(a, DEFAULT);
        assertThat(model.canUndo()).isFalse();
        model.editBuffer(a, SMALL);
        model.editBuffer(a, SMALL);
        model.undo();
        assertThat(model.canUndo()).isFalse();
    }

    @Test
    void bufferAndMaskEditsUndoInTheOrderTheyWereMade() {
        model.editMask(a, CpuSet.range(0, 5));
        model.editBuffer(a, SMALL);
        model.editMask(a, CpuSet.range(0, 7));
        model.undo();
        assertThat(cpusOfA()).isEqualTo(CpuSet.range(0, 5));
        assertThat(model.buffer(a)).isEqualTo(SMALL); // a mask edit leaves the buffer alone
        model.undo();
        assertThat(model.buffer(a)).isEqualTo(DEFAULT);
        assertThat(cpusOfA()).isEqualTo(CpuSet.range(0, 5));
    }

    @Test
    void aRemovedListenersBufferGoesWithItAndComesBackOnUndo() {
        model.editBuffer(b, SMALL);
        model.edit(model.listenersProperty().get().remove(b));
        assertThat(model.buffer(b)).isEqualTo(DEFAULT); // its id may be given to a new listener
        model.undo();
        assertThat(model.buffer(b)).isEqualTo(SMALL);
    }

    @Test
    void aRecordingsListenersHaveTheDefault() {
        model.editBuffer(a, SMALL);
        model.followSource(ListenerSet.empty().add("recorded", CpuSet.range(0, 3)));
        assertThat(model.buffer(a)).isEqualTo(DEFAULT);
    }

    @Test
    void theSimulatorModelsTheBufferGivenAndUndoTakesItBack() throws Exception {
        run(new SimulatorSource(SimSettings.of(Profile.DESKTOP, 16, 2_000, 3, SimSettings.UNPACED), 500_000_000L));
        model.editBuffer(a, SMALL);
        assertThat(bufferInSession(a)).isEqualTo(SMALL);
        assertThat(bufferInSession(b)).isEqualTo(DEFAULT);
        model.undo();
        assertThat(bufferInSession(a)).isEqualTo(DEFAULT);
        model.redo();
        assertThat(bufferInSession(a)).isEqualTo(SMALL);
    }

    @Test
    void aListenerKeepsItsBufferOnTheNextSourceAsItKeepsItsMask() throws Exception {
        run(new SimulatorSource(SimSettings.of(Profile.DESKTOP, 16, 2_000, 3, SimSettings.UNPACED), 500_000_000L));
        model.editBuffer(a, SMALL);
        SimulatorSource next = new SimulatorSource(SimSettings.of(Profile.BUILD, 16, 2_000, 4, SimSettings.UNPACED),
                500_000_000L);
        session.switchSource(next);
        next.awaitEnd();
        assertThat(bufferInSession(a)).isEqualTo(DEFAULT); // a new source's buffers start at the default
        model.sourceChanged(session.info().limits());
        assertThat(bufferInSession(a)).isEqualTo(SMALL);
    }

    private void run(SimulatorSource sim) throws Exception {
        session.switchSource(sim);
        sim.awaitEnd();
        model.sourceChanged(session.info().limits());
    }

    private ListenerBuffer.Settings bufferInSession(int id) {
        return session.snapshot().listenerStats().stream().filter(st -> st.listener().id() == id).findFirst()
                .orElseThrow().buffer();
    }
}
