package io.taskscope.live;

import io.taskscope.core.CpuSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerAttributionTest {

    /** Listener 0 on CPUs 0-1, listener 1 on CPU 1; 4 CPUs. */
    private final ListenerAttribution a = new ListenerAttribution(4, 64);

    ListenerAttributionTest() {
        a.plan(0, CpuSet.of(0, 1), CpuSet.empty());
        a.plan(1, CpuSet.of(1), CpuSet.empty());
    }

    @Test
    void aCopyIsPlacedOnTheCpuWhoseReferenceHadTheSameSeqAndPid() {
        a.registered(0);
        a.registered(1);
        a.reference(0, 7, 100); // CPU 0 and CPU 1 both number 7: the pid tells them apart
        a.reference(1, 7, 200);
        assertThat(a.received(0, 7, 200)).as("the copy's exit CPU").isEqualTo(1);
        assertThat(a.received(0, 7, 100)).isZero();
        assertThat(a.received(1, 7, 200)).isEqualTo(1);
        ListenerAttribution.Figures zero = a.figures(0);
        assertThat(zero.received()).containsExactly(1, 1, 0, 0);
        assertThat(zero.sent()).containsExactly(1, 1, 0, 0);
        assertThat(a.figures(1).received()).containsExactly(0, 1, 0, 0);
        assertThat(a.figures(1).sent()).as("CPU 0 is not in its mask").containsExactly(0, 1, 0, 0);
    }

    @Test
    void aCopyReadBeforeItsReferenceWaitsForIt() {
        a.registered(0);
        assertThat(a.received(0, 3, 42)).as("no CPU known yet").isEqualTo(-1);
        assertThat(a.figures(0).waiting()).isEqualTo(1);
        assertThat(a.cpuOf(0, 3, 42)).isEqualTo(-1);
        a.reference(1, 3, 42);
        assertThat(a.cpuOf(0, 3, 42)).as("found once its reference came").isEqualTo(1);
        assertThat(a.cpuOf(1, 3, 42)).as("listener 1 is not registered yet: on no CPU").isEqualTo(-1);
        ListenerAttribution.Figures f = a.figures(0);
        assertThat(f.waiting()).isZero();
        assertThat(f.received()).containsExactly(0, 1, 0, 0);
        assertThat(f.lost(1)).isZero();
    }

    @Test
    void whatTheReferenceGotAndTheListenerDidNotIsItsLossOnThatCpu() {
        a.registered(0);
        for (int seq = 0; seq < 10; seq++) {
            a.reference(0, seq, 1000 + seq);
            if (seq % 3 != 0) {
                a.received(0, seq, 1000 + seq);
            }
        }
        ListenerAttribution.Figures f = a.figures(0);
        assertThat(f.sent()[0]).isEqualTo(10);
        assertThat(f.received()[0]).isEqualTo(6);
        assertThat(f.lost(0)).as("seq 0, 3, 6: a later copy came; 9 may still be on its way").isEqualTo(3);
        a.finish();
        assertThat(a.figures(0).lost(0)).as("at the end, 9 too").isEqualTo(4);
    }

    @Test
    void aCopyWhoseReferenceNeverCameIsUnknownNotGuessed() {
        a.registered(0);
        a.received(0, 5, 77);
        a.finish();
        ListenerAttribution.Figures f = a.figures(0);
        assertThat(f.unknown()).isEqualTo(1);
        assertThat(f.received()).containsOnly(0L);
    }

    @Test
    void whatTheReferenceGotBeforeTheRegistrationWasNotSentToTheListener() {
        a.reference(0, 1, 10);
        a.reference(0, 2, 11);
        a.registered(0);
        a.reference(0, 3, 12);
        a.received(0, 2, 11); // numbered before: not counted either way
        a.received(0, 3, 12);
        ListenerAttribution.Figures f = a.figures(0);
        assertThat(f.sent()[0]).isEqualTo(1);
        assertThat(f.received()[0]).isEqualTo(1);
        assertThat(f.beforeRegistration()).isEqualTo(1);
        assertThat(f.sentAfterSeq()[0]).isEqualTo(2);
        assertThat(f.sentAfterSeq()[1]).isEqualTo(-1);
    }

    @Test
    void aCpuAddedByAnEditCountsFromItsMarkOn() {
        a.registered(1); // listener 1 on CPU 1
        a.reference(2, 1, 10);
        a.received(1, 1, 10); // cannot be: CPU 2 is not its
        a.plan(1, CpuSet.of(2), CpuSet.empty());
        a.registered(1);
        a.reference(2, 2, 11);
        a.reference(2, 3, 12);
        a.received(1, 3, 12);
        a.finish();
        ListenerAttribution.Figures f = a.figures(1);
        assertThat(f.sent()).containsExactly(0, 0, 2, 0);
        assertThat(f.received()).containsExactly(0, 0, 1, 0);
        assertThat(f.lost(2)).isEqualTo(1);
        assertThat(f.beforeRegistration()).as("the copy numbered before CPU 2 was its: counted apart").isEqualTo(1);
        assertThat(f.unknown()).isZero();
    }

    @Test
    void aCpuLeftByAnEditStopsCountingButItsLateCopiesStillArrive() {
        a.registered(0); // listener 0 on CPUs 0-1
        a.reference(0, 1, 10);
        a.reference(0, 2, 11);
        a.plan(0, CpuSet.empty(), CpuSet.of(0));
        a.registered(0);
        a.reference(0, 3, 12); // not sent to it any more
        a.received(0, 2, 11); // read from its socket after the edit: it was sent before
        a.received(0, 3, 12); // cannot be; were it so, counted apart
        ListenerAttribution.Figures f = a.figures(0);
        assertThat(f.sent()[0]).isEqualTo(2);
        assertThat(f.received()[0]).isEqualTo(1);
        assertThat(f.beforeRegistration()).isEqualTo(1);
    }

    @Test
    void registeringACpuItIsAlreadyOnIsANoOpAndAReturnOpensANewInterval() {
        a.registered(0);
        a.reference(0, 1, 10);
        a.plan(0, CpuSet.of(0, 1), CpuSet.empty()); // the same mask again: the kernel keeps one entry
        a.registered(0);
        a.reference(0, 2, 11);
        a.received(0, 1, 10);
        a.received(0, 2, 11);
        assertThat(a.figures(0).sent()[0]).isEqualTo(2);
        assertThat(a.figures(0).received()[0]).isEqualTo(2);
        a.plan(0, CpuSet.empty(), CpuSet.of(0));
        a.registered(0);
        a.reference(0, 3, 12); // while it was away
        a.plan(0, CpuSet.of(0), CpuSet.empty());
        a.registered(0);
        a.reference(0, 4, 13);
        a.received(0, 4, 13);
        ListenerAttribution.Figures f = a.figures(0);
        assertThat(f.sent()[0]).isEqualTo(3);
        assertThat(f.received()[0]).isEqualTo(3);
        assertThat(f.lost(0)).isZero();
        assertThat(f.sentAfterSeq()[0]).isEqualTo(3);
    }

    @Test
    void aGrownRingStillPlacesWhatItHeld() {
        a.registered(0);
        a.reference(0, 5, 50);
        a.ensureRing(4_096);
        a.received(0, 5, 50);
        assertThat(a.figures(0).received()[0]).isEqualTo(1);
    }
}
