package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a source switch does to the listeners (issue 15, item 2): masks are kept whole on a smaller machine, routing
 * takes the part it has, a recording's own listeners never replace the user's layout for good, and every change of
 * the listeners a switch brings is an undo step. Plain: an AppModel over a session running short simulations.
 */
class AppModelSwitchTest {

    private static final CpuSet WEB = CpuSet.range(0, 15);
    private static final CpuSet BATCH = CpuSet.parse("0-1,16-31,34-40,48-55", CpulistLimits.forMachine(64))
            .orElseThrow();
    private static final CpuSet DB = CpuSet.range(32, 47);
    private Session session;
    private AppModel model;

    @BeforeEach
    void setUp() throws Exception {
        session = new Session();
        model = new AppModel(session, ListenerSet.empty().add("web", WEB).add("batch", BATCH).add("db", DB));
        switchTo(64);
    }

    /** As the window switches: the session starts the source with the model's listeners, then the model hears. */
    private boolean switchTo(int cpus) throws Exception {
        SimulatorSource sim = new SimulatorSource(SimSettings.of(Profile.DESKTOP, cpus, 2_000, 1,
                SimSettings.UNPACED), 200_000_000L);
        ListenerSet routeBy = model.listenersForNextSource();
        session.switchSource(sim, routeBy);
        sim.awaitEnd();
        return model.sourceChanged(session.info().limits(), routeBy);
    }

    private CpuSet defined(String name) {
        return model.listenersProperty().get().byName(name).map(Listener::cpus).orElseThrow();
    }

    private CpuSet routedInSession(String name) {
        return session.listeners().byName(name).map(Listener::cpus).orElseThrow();
    }

    @Test
    void aSmallerMachineKeepsEveryMaskWholeAndRoutesOnlyTheCpusItHas() throws Exception {
        assertThat(switchTo(2)).as("the layout was never put aside").isFalse();
        assertThat(defined("web")).isEqualTo(WEB);
        assertThat(defined("batch")).isEqualTo(BATCH);
        assertThat(defined("db")).isEqualTo(DB);
        assertThat(routedInSession("web")).isEqualTo(CpuSet.range(0, 1));
        assertThat(routedInSession("batch")).isEqualTo(CpuSet.range(0, 1));
        assertThat(routedInSession("db")).isEqualTo(CpuSet.empty());
        assertThat(model.routedProperty().get()).isEqualTo(session.listeners());
        assertThat(model.listenersBeyondMachine()).containsExactly("web", "batch", "db");
        assertThat(model.canUndo()).as("nothing changed, so there is nothing to undo").isFalse();

        switchTo(64);
        assertThat(defined("web")).isEqualTo(WEB);
        assertThat(defined("batch")).isEqualTo(BATCH);
        assertThat(defined("db")).isEqualTo(DB);
        assertThat(routedInSession("db")).isEqualTo(DB);
        assertThat(model.listenersBeyondMachine()).isEmpty();
    }

    @Test
    void theHistoryOutlivesASwitchAndAnUndoThereBringsBackAMaskBeyondTheMachine() throws Exception {
        int db = model.listenersProperty().get().byName("db").orElseThrow().id();
        model.editMask(db, CpuSet.range(32, 39));
        switchTo(2);
        String said = model.undo();
        assertThat(defined("db")).isEqualTo(DB);
        assertThat(routedInSession("db")).isEqualTo(CpuSet.empty()); // still nothing of it on two CPUs
        assertThat(said).startsWith("Undone: db's CPUs 32-47 → 32-39.").contains("db 32-47");
        assertThat(model.redo()).startsWith("Redone: db's CPUs 32-47 → 32-39.");
        assertThat(defined("db")).isEqualTo(CpuSet.range(32, 39));
        assertThat(model.redo()).isEqualTo("Nothing to redo.");
    }

    @Test
    void aRecordingsListenersAreAnUndoStepAndGiveWayToTheUsersAfterIt() throws Exception {
        ListenerSet mine = model.listenersProperty().get();
        ListenerSet recorded = ListenerSet.empty().add("recorded", CpuSet.range(0, 7));
        model.followSource(recorded, "the recording");
        assertThat(model.listenersProperty().get()).isEqualTo(recorded);
        assertThat(model.userListeners()).isEqualTo(mine); // what the settings remember
        assertThat(model.listenersForNextSource()).isEqualTo(mine);

        assertThat(model.undo()).startsWith("Undone: the recording's listeners took over.");
        assertThat(model.listenersProperty().get()).isEqualTo(mine);
        assertThat(session.listeners().byName("web")).isPresent(); // the source is now routed by them
        model.redo();
        assertThat(model.listenersProperty().get()).isEqualTo(recorded);

        assertThat(switchTo(64)).as("away from the recording: the user's layout comes back, as a step").isTrue();
        assertThat(model.listenersProperty().get()).isEqualTo(mine);
        assertThat(session.listeners()).isEqualTo(mine);
        assertThat(model.undo()).startsWith("Undone: your listeners came back after the recording.");
        assertThat(model.listenersProperty().get()).isEqualTo(recorded);
    }

    @Test
    void aSwitchStartsTheSourceWithTheLayoutAndDoesNotSendItAgain() throws Exception {
        ListenerSet recorded = ListenerSet.empty().add("recorded", CpuSet.range(0, 7));
        ListenerSet routeBy = model.listenersForNextSource();
        // a source that defined its own listeners right at its start, before the window heard of the switch
        session.setListeners(recorded);
        model.sourceChanged(session.info().limits(), routeBy);
        assertThat(session.listeners()).as("the source's own definition stands").isEqualTo(recorded);
    }

    @Test
    void aSwitchedOffListenerStaysOffOnTheNextSource() throws Exception {
        int web = model.listenersProperty().get().byName("web").orElseThrow().id();
        model.setEnabled(web, false);
        switchTo(2);
        assertThat(routedInSession("web")).isEqualTo(CpuSet.empty());
        assertThat(defined("web")).isEqualTo(WEB);
    }
}
