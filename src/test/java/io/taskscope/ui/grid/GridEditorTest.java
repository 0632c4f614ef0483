package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.Session;
import io.taskscope.ui.base.AppModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The grid's edits without a toolkit: an AppModel over a session with no source. */
class GridEditorTest {

    private static final int CPUS = 16;
    private AppModel model;
    private GridEditor editor;

    @BeforeEach
    void setUp() {
        model = new AppModel(new Session(), ListenerSet.empty().add("a", CpuSet.range(0, 3)).add("b", CpuSet.of(9)));
        editor = new GridEditor(model);
        editor.setMachine(CPUS);
    }

    private CpuSet cpus(String name) {
        return model.listenersProperty().get().byName(name).orElseThrow().cpus();
    }

    private void click(int cpu) {
        editor.press(cpu, false);
        editor.release();
    }

    @Test
    void aClickTogglesTheCpuForTheActiveListenerAsOneUndoStep() {
        click(6);
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 2, 3, 6));
        click(2);
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 3, 6));
        model.undo();
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 2, 3, 6));
        model.undo();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 3));
        assertThat(model.canUndo()).isFalse();
    }

    @Test
    void aDragFromAnUnsetCpuPaintsEveryCpuItCrossesOnceAndUndoesInOneStep() {
        editor.press(4, false);
        editor.dragOver(5);
        editor.dragOver(6);
        editor.dragOver(5); // back over a painted CPU: it stays painted
        editor.dragOver(-1); // off the cells
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 6)); // shown while dragging
        editor.release();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 6));
        model.undo();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 3));
    }

    @Test
    void aDragFromASetCpuErases() {
        editor.press(1, false);
        editor.dragOver(2);
        editor.dragOver(7); // not the listener's: stays off
        editor.release();
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 3));
    }

    @Test
    void movesWithoutAPressPaintNothing() {
        editor.dragOver(8);
        editor.release();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 3));
        assertThat(model.canUndo()).isFalse();
    }

    @Test
    void shiftClickAddsTheRangeFromTheLastClickEitherWay() {
        click(12);
        editor.press(14, true);
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 2, 3, 12, 13, 14));
        editor.press(10, true);
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 2, 3, 10, 11, 12, 13, 14));
        assertThat(editor.cursor()).isEqualTo(10);
    }

    @Test
    void shiftClickBeforeAnyClickIsAPlainClick() {
        editor.press(8, true);
        editor.release();
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 2, 3, 8));
    }

    @Test
    void aRowIsAddedWholeAndRemovedWholeOnceTheListenerHasItAll() {
        editor.toggleRow(CpuSet.range(0, 7));
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 7));
        editor.toggleRow(CpuSet.range(0, 7));
        assertThat(cpus("a")).isEqualTo(CpuSet.empty());
    }

    @Test
    void theCursorMovesWithinTheMachineAndTogglesWhereItIs() {
        assertThat(editor.moveCursor(-1)).isFalse();
        assertThat(editor.moveCursor(8)).isTrue();
        assertThat(editor.moveCursor(1)).isTrue();
        assertThat(editor.cursor()).isEqualTo(9);
        editor.toggleAtCursor();
        assertThat(cpus("a")).isEqualTo(CpuSet.of(0, 1, 2, 3, 9));
        editor.toggleAtCursor();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 3));
        editor.moveCursor(100);
        assertThat(editor.cursor()).isEqualTo(CPUS - 1);
        editor.setMachine(8); // a smaller machine: the cursor stays on it
        assertThat(editor.cursor()).isEqualTo(7);
    }

    @Test
    void theMenusEditsStayWithinTheMachine() {
        editor.invertActive();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(4, CPUS - 1));
        editor.giveActiveEveryCpu();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, CPUS - 1));
        editor.clearActive();
        assertThat(cpus("a")).isEqualTo(CpuSet.empty());
    }

    @Test
    void theMenusEditsKeepThePartOfAMaskBeyondASmallerMachine() {
        // a mask kept from a 32-CPU simulator while a 16-CPU machine is shown: 20-23 are not this grid's to change
        model = new AppModel(new Session(), ListenerSet.empty().add("a", CpuSet.range(0, 3).union(CpuSet.range(20, 23))));
        editor = new GridEditor(model);
        editor.setMachine(CPUS);
        editor.invertActive();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(4, CPUS - 1).union(CpuSet.range(20, 23)));
        editor.giveActiveEveryCpu();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, CPUS - 1).union(CpuSet.range(20, 23)));
    }

    @Test
    void theMenuAddsAndRemovesACpuForAnyListener() {
        int b = model.listenersProperty().get().byName("b").orElseThrow().id();
        editor.addCpu(b, 3);
        assertThat(cpus("b")).isEqualTo(CpuSet.of(3, 9));
        editor.removeCpu(b, 9);
        assertThat(cpus("b")).isEqualTo(CpuSet.of(3));
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 3));
    }

    @Test
    void withNoActiveListenerNothingIsEdited() {
        model.activeListenerProperty().set(-1);
        click(6);
        editor.toggleAtCursor();
        editor.toggleRow(CpuSet.range(0, 7));
        editor.invertActive();
        assertThat(cpus("a")).isEqualTo(CpuSet.range(0, 3));
        assertThat(model.canUndo()).isFalse();
    }
}
