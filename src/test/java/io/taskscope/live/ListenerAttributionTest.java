package io.taskscope.live;

import io.taskscope.core.CpuSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerAttributionTest {

    /** Listener 0 on CPUs 0-1, listener 1 on CPU 1; 4 CPUs. */
    private final ListenerAttribution a = new ListenerAttribution(List.of(CpuSet.of(0, 1), CpuSet.of(1)), 4, 64);

    @Test
    void aCopyIsPlacedOnTheCpuWhoseReferenceHadTheSameSeqAndPid() {
        a.registered(0);
        a.registered(1);
        a.reference(0, 7, 100); // CPU 0 and CPU 1 both number 7: the pid tells them apart
        a.reference(1, 7, 200);
        a.received(0, 7, 200);
        a.received(0, 7, 100);
        a.received(1, 7, 200);
        ListenerAttribution.Figures zero = a.figures(0);
        assertThat(zero.received()).containsExactly(1, 1, 0, 0);
        assertThat(zero.sent()).containsExactly(1, 1, 0, 0);
        assertThat(a.figures(1).received()).containsExactly(0, 1, 0, 0);
        assertThat(a.figures(1).sent()).as("CPU 0 is not in its mask").containsExactly(0, 1, 0, 0);
    }

    @Test
    void aCopyReadBeforeItsReferenceWaitsForIt() {
        a.registered(0);
        a.received(0, 3, 42);
        assertThat(a.figures(0).waiting()).isEqualTo(1);
        a.reference(1, 3, 42);
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
        assertThat(f.lost(0)).isEqualTo(4); // seq 0, 3, 6, 9
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
}
