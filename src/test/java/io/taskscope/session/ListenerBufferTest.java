package io.taskscope.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerBufferTest {

    private static final int EXIT = ListenerBuffer.truesize(ListenerFanout.MESSAGE_BYTES);

    @Test
    void truesizeMatchesTheMeasuredQueueDepth() {
        assertThat(EXIT).isEqualTo(1280);
        assertThat(ListenerBuffer.truesize(ListenerFanout.GROUP_MESSAGE_BYTES)).isEqualTo(2304);
        // rmem_default queued 166 exit messages before the first drop on Linux 6.18
        ListenerBuffer b = new ListenerBuffer(new ListenerBuffer.Settings(ListenerBuffer.DEFAULT_BYTES, 1));
        int queued = 0;
        while (b.offer(0, EXIT) == ListenerBuffer.Outcome.QUEUED) {
            queued++;
        }
        assertThat(queued).isEqualTo(166);
    }

    @Test
    void anOverflowDropsEverythingUntilTheReaderEmptiesTheQueue() {
        ListenerBuffer b = new ListenerBuffer(new ListenerBuffer.Settings(EXIT * 4, 1000)); // 1 per ms
        for (int i = 0; i < 4; i++) {
            assertThat(b.offer(0, EXIT)).isEqualTo(ListenerBuffer.Outcome.QUEUED);
        }
        assertThat(b.offer(0, EXIT)).isEqualTo(ListenerBuffer.Outcome.DROPPED_NEW_EPISODE);
        // 2 ms later the reader took two, there is room again, but the socket is congested: still dropped
        assertThat(b.offer(2_000_000, EXIT)).isEqualTo(ListenerBuffer.Outcome.DROPPED);
        assertThat(b.queued()).isEqualTo(2);
        // 5 ms: the queue ran empty, the congestion cleared
        assertThat(b.offer(5_000_000, EXIT)).isEqualTo(ListenerBuffer.Outcome.QUEUED);
        assertThat(b.episodes()).isEqualTo(1);
        b.drainAll();
        assertThat(b.dropped()).isEqualTo(b.sent() - b.received()).isEqualTo(2);
    }

    @Test
    void aMessageLargerThanTheBufferStillFitsAnEmptyQueue() {
        ListenerBuffer b = new ListenerBuffer(new ListenerBuffer.Settings(100, 1000));
        assertThat(b.offer(0, EXIT)).isEqualTo(ListenerBuffer.Outcome.QUEUED); // rmem == truesize is accepted
        assertThat(b.offer(0, EXIT)).isEqualTo(ListenerBuffer.Outcome.DROPPED_NEW_EPISODE);
    }

    @Test
    void anIdleReaderCannotReadAhead() {
        ListenerBuffer b = new ListenerBuffer(new ListenerBuffer.Settings(EXIT * 2, 1000));
        b.offer(0, EXIT);
        b.offer(10_000_000_000L, EXIT); // 10 s idle: the reader took the first and waits with one credit, not 10 000
        for (int i = 0; i < 3; i++) { // one taken at once by the waiting reader, two queued, one dropped
            b.offer(10_000_000_000L, EXIT);
        }
        assertThat(b.dropped()).isEqualTo(1);
    }

    @Test
    void anUnpacedReaderTakesEachMessageAsItComes() {
        ListenerBuffer b = new ListenerBuffer(new ListenerBuffer.Settings(EXIT, Double.POSITIVE_INFINITY));
        for (int i = 0; i < 1_000; i++) {
            assertThat(b.offer(0, EXIT)).isEqualTo(ListenerBuffer.Outcome.QUEUED); // all at one instant too
        }
        b.drainUntil(0);
        assertThat(b.received()).isEqualTo(1_000);
        assertThat(b.dropped()).isZero();
    }
}
