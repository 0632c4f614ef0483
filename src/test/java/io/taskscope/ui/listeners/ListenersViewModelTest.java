package io.taskscope.ui.listeners;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.source.SourceState;
import io.taskscope.ui.base.AppModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The listeners pane's decisions without a toolkit: an AppModel over a session with no source. */
class ListenersViewModelTest {

    private static final ListenerBuffer.Settings SMALL = new ListenerBuffer.Settings(50_000, 2_000);
    private AppModel model;
    private ListenersViewModel vm;
    private int a;
    private int b;

    @BeforeEach
    void setUp() {
        ListenerSet listeners = ListenerSet.empty().add("a", CpuSet.range(0, 3)).add("b", CpuSet.range(8, 11));
        model = new AppModel(new Session(), listeners);
        model.limitsProperty().set(CpulistLimits.forMachine(16));
        vm = new ListenersViewModel(model);
        a = id("a");
        b = id("b");
    }

    private int id(String name) {
        return model.listenersProperty().get().byName(name).orElseThrow().id();
    }

    private Listener listener(int id) {
        return model.listenersProperty().get().byId(id).orElseThrow();
    }

    private SessionSnapshot snapshot(long nanos, long generation, long deliveredToA, long lostByA,
                                     ListenerBuffer.Settings buffer) {
        ListenerSet set = model.listenersProperty().get();
        return new SessionSnapshot(nanos, generation, null, SourceState.RUNNING, "", 16, 0, 0, 0, new long[16],
                new long[16], CpuSet.range(0, 15), set, List.of(
                new SessionSnapshot.ListenerStats(listener(a), deliveredToA, lostByA, 0, 0, buffer, null),
                new SessionSnapshot.ListenerStats(listener(b), 0, 0, 0, 0, buffer, null)), 0);
    }

    // ---- counts ----

    @Test
    void aRateIsWhatArrivedSinceTheLastSnapshotOverTheTimeBetween() {
        vm.update(snapshot(1_000_000_000L, 1, 100, 0, null));
        assertThat(vm.figures(a).orElseThrow().perSecond()).isZero(); // nothing to compare with yet
        vm.update(snapshot(1_500_000_000L, 1, 1_100, 0, null));
        assertThat(vm.figures(a).orElseThrow().perSecond()).isEqualTo(2_000);
        assertThat(vm.figures(a).orElseThrow().rateText()).isEqualTo("2,000");
        assertThat(vm.figures(b).orElseThrow().perSecond()).isZero();
    }

    @Test
    void aNewSourceStartsTheRatesAgain() {
        vm.update(snapshot(1_000_000_000L, 1, 5_000, 0, null));
        vm.update(snapshot(1_500_000_000L, 2, 10, 0, null)); // counts of the new source start at zero
        assertThat(vm.figures(a).orElseThrow().perSecond()).isZero();
        vm.update(snapshot(2_000_000_000L, 2, 510, 0, null));
        assertThat(vm.figures(a).orElseThrow().perSecond()).isEqualTo(1_000);
    }

    @Test
    void lossesAreShownWithTheirShareAndTheQueuesPart() {
        assertThat(new ListenersViewModel.Figures(0, 1_000, 0, 0, null).lostText()).isEqualTo("0");
        ListenersViewModel.Figures kernel = new ListenersViewModel.Figures(0, 750, 250, 0, null);
        assertThat(kernel.lostText()).isEqualTo("250 (25.0%)");
        assertThat(kernel.losing()).isTrue();
        assertThat(new ListenersViewModel.Figures(0, 9_000, 1_000, 400, null).lostText())
                .isEqualTo("1,000 (10.0%; queue 400)");
        assertThat(new ListenersViewModel.Figures(0, 1_234_567, 0, 0, null).deliveredText()).isEqualTo("1,234,567");
    }

    @Test
    void buffersAreShownOnlyForSourcesThatModelThem() {
        vm.update(snapshot(1, 1, 0, 0, null));
        assertThat(vm.simulated()).isFalse();
        vm.update(snapshot(2, 1, 0, 0, SMALL));
        assertThat(vm.simulated()).isTrue();
        assertThat(vm.figures(a).orElseThrow().buffer()).isEqualTo(SMALL);
    }

    // ---- cpulist text ----

    @Test
    void textTheKernelRefusesSaysWhyAndChangesNothing() {
        assertThat(vm.commitCpulist(b, "8-99")).isEqualTo("8-99"); // left for the user to fix
        assertThat(vm.isRefused(b)).isTrue();
        assertThat(vm.refusals()).startsWith("b: ").contains("ERANGE").contains("8-99");
        assertThat(listener(b).cpus()).isEqualTo(CpuSet.range(8, 11));
        assertThat(model.canUndo()).isFalse();
    }

    @Test
    void takenTextBecomesTheMaskAsTheKernelWouldPrintIt() {
        vm.check(b, "8-99");
        assertThat(vm.commitCpulist(b, "8-11:1/2")).isEqualTo("8,10");
        assertThat(listener(b).cpus()).isEqualTo(CpuSet.of(8, 10));
        assertThat(vm.isRefused(b)).isFalse();
        assertThat(vm.refusals()).isNull();
        model.undo();
        assertThat(listener(b).cpus()).isEqualTo(CpuSet.range(8, 11));
    }

    @Test
    void theSameMaskWrittenAnotherWayIsNoEdit() {
        vm.commitCpulist(a, "0,1,2,3");
        assertThat(model.canUndo()).isFalse();
    }

    @Test
    void everyRefusedFieldIsExplainedInListenerOrder() {
        vm.check(b, "x");
        vm.check(a, "0-99");
        assertThat(vm.refusals().lines().toList()).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("a: "))
                .satisfies(lines -> assertThat(lines.get(1)).startsWith("b: "));
        vm.check(a, "0-9");
        assertThat(vm.refusals()).startsWith("b: ").doesNotContain("\n");
    }

    @Test
    void escapeBringsBackTheMaskInForceAndDropsTheRefusal() {
        vm.check(b, "8-99");
        assertThat(vm.cancelCpulist(b)).isEqualTo("8-11");
        assertThat(vm.isRefused(b)).isFalse();
        assertThat(vm.refusals()).isNull();
        assertThat(listener(b).cpus()).isEqualTo(CpuSet.range(8, 11));
    }

    @Test
    void textIsCheckedAgainstTheMachineInForce() {
        assertThat(vm.check(a, "0-31").isOk()).isFalse();
        model.limitsProperty().set(CpulistLimits.forMachine(64));
        assertThat(vm.check(a, "0-31").isOk()).isTrue();
    }

    @Test
    void aMaskKeptFromALargerMachineStandsAndItsPartBeyondIsSaidPlainly() {
        model.limitsProperty().set(CpulistLimits.forMachine(64));
        model.editMask(a, CpuSet.parse("0-1,16-31,34-40,48-55", CpulistLimits.forMachine(64)).orElseThrow());
        model.editMask(b, CpuSet.range(32, 47));
        model.limitsProperty().set(CpulistLimits.forMachine(2)); // a switch to a two-CPU machine
        assertThat(vm.beyondMachine(a)).isEqualTo("16-31,34-40,48-55: beyond this machine's 2 CPUs");
        assertThat(vm.beyondMachine(b)).isEqualTo("32-47: beyond this machine's 2 CPUs; b receives nothing here");
        assertThat(vm.cpusHere(listener(a))).isEqualTo(2);
        assertThat(vm.cpusHere(listener(b))).isZero();
        // the field shows the whole mask, and its text is not refused, nor is it an edit when committed
        assertThat(vm.maskText(b)).isEqualTo("32-47");
        assertThat(vm.check(b, "32-47").isOk()).isTrue();
        ListenerSet before = model.listenersProperty().get();
        assertThat(vm.commitCpulist(b, "32-47")).isEqualTo("32-47");
        assertThat(model.listenersProperty().get()).isSameAs(before);
        assertThat(vm.refusals()).isNull();
        // a new mask beyond the machine is refused, as the kernel refuses it
        assertThat(vm.check(b, "32-48").isOk()).isFalse();
        assertThat(vm.refusals()).contains("ERANGE");
        model.limitsProperty().set(CpulistLimits.forMachine(64));
        assertThat(vm.beyondMachine(b)).isNull();
    }

    @Test
    void aMachineOfOneCpuIsSaidSo() {
        model.limitsProperty().set(CpulistLimits.forMachine(1));
        assertThat(vm.beyondMachine(a)).isEqualTo("1-3: beyond this machine's 1 CPU");
    }

    // ---- other fields ----

    @Test
    void aNameTakenByAnotherListenerIsRefused() {
        assertThat(vm.rename(a, "b")).isEqualTo("a");
        assertThat(vm.rename(a, "  ")).isEqualTo("a");
        assertThat(vm.rename(a, "web")).isEqualTo("web");
        model.undo();
        assertThat(listener(a).name()).isEqualTo("a");
    }

    @Test
    void aNewListenerHasNoCpusAndIsTheOneEdited() {
        vm.addListener();
        Listener added = model.listenersProperty().get().listeners().get(2);
        assertThat(added.cpus()).isEqualTo(CpuSet.empty());
        assertThat(model.activeListenerProperty().get()).isEqualTo(added.id());
        vm.remove(added.id());
        assertThat(model.listenersProperty().get().size()).isEqualTo(2);
    }

    // ---- buffers ----

    @Test
    void bufferFieldsTheSimulatorCanTakeBecomeOneUndoableEdit() {
        ListenersViewModel.BufferCheck check = vm.editBuffer(a, " 50000 ", "2000");
        assertThat(check.ok()).isTrue();
        assertThat(model.buffer(a)).isEqualTo(SMALL);
        model.undo();
        assertThat(model.buffer(a)).isEqualTo(ListenerBuffer.Settings.defaults());
    }

    @Test
    void bufferFieldsTheSimulatorCannotTakeChangeNothing() {
        assertThat(vm.editBuffer(a, "0", "2000")).isEqualTo(new ListenersViewModel.BufferCheck(false, true));
        assertThat(vm.editBuffer(a, "lots", "2000")).isEqualTo(new ListenersViewModel.BufferCheck(false, true));
        assertThat(vm.editBuffer(a, "50000", "-1")).isEqualTo(new ListenersViewModel.BufferCheck(true, false));
        assertThat(vm.editBuffer(a, "50000", "Infinity")).isEqualTo(new ListenersViewModel.BufferCheck(true, false));
        assertThat(vm.editBuffer(a, "50000", "")).isEqualTo(new ListenersViewModel.BufferCheck(true, false));
        assertThat(model.canUndo()).isFalse();
        assertThat(model.buffer(a)).isEqualTo(ListenerBuffer.Settings.defaults());
    }

    @Test
    void maxIsAReaderAsFastAsItsSocketFills() {
        assertThat(vm.editBuffer(a, "65536", " MAX ").ok()).isTrue();
        assertThat(model.buffer(a)).isEqualTo(new ListenerBuffer.Settings(65_536, Double.POSITIVE_INFINITY));
    }

    @Test
    void theLostFigureSaysWhereItsLossesComeFromAndHowManyOverflows() {
        ListenersViewModel.Figures socket = new ListenersViewModel.Figures(0, 10, 5, 0, SMALL, 3, true, false);
        assertThat(socket.lostExplanation()).contains("own socket").contains("3 overflows (ENOBUFS)");
        ListenersViewModel.Figures modelled = new ListenersViewModel.Figures(0, 10, 5, 2, SMALL, 1, false, false);
        assertThat(modelled.lostExplanation()).contains("modelled receive buffer").contains("1 overflow (ENOBUFS)")
                .contains("2 dropped by Taskscope's own queue");
    }

    @Test
    void aReplayShowsTheBuffersItWasRecordedWithAsNotToBeChanged() {
        for (io.taskscope.source.SourceKind kind : io.taskscope.source.SourceKind.values()) {
            ListenerSet set = model.listenersProperty().get();
            io.taskscope.source.SourceInfo info = new io.taskscope.source.SourceInfo(kind, "x",
                    CpulistLimits.forMachine(16), CpuSet.range(0, 15));
            vm.update(new SessionSnapshot(1, 1, info, SourceState.RUNNING, "", 16, 0, 0, 0, new long[16],
                    new long[16], CpuSet.range(0, 15), set,
                    List.of(new SessionSnapshot.ListenerStats(listener(a), 10, 0, 0, 0, SMALL, null)), 0));
            assertThat(vm.figures(a).orElseThrow().asRecorded()).as("%s", kind)
                    .isEqualTo(kind == io.taskscope.source.SourceKind.REPLAY);
        }
    }
}
