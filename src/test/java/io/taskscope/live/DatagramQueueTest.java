package io.taskscope.live;

import io.taskscope.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader-to-decoder queue: bounded in bytes, refuses instead of waiting, and never loses or mangles an entry. */
class DatagramQueueTest {

    private static void fill(ByteBuffer v, int at, int length, long id) {
        for (int k = 0; k < length; k++) {
            v.put(at + k, (byte) (id * 31 + k));
        }
    }

    private static boolean intact(ByteBuffer v, int at, int length, long id) {
        for (int k = 0; k < length; k++) {
            if (v.get(at + k) != (byte) (id * 31 + k)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void fillsToItsBoundThenRefusesAtOnceAndTakesMoreOnceRead() {
        try (DatagramQueue q = new DatagramQueue(DatagramQueue.MIN_CAPACITY)) {
            assertThat(q.capacityBytes()).isEqualTo(DatagramQueue.MIN_CAPACITY);
            int accepted = 0;
            while (true) {
                int at = q.reserve(600);
                if (at < 0) {
                    break;
                }
                fill(q.writeView(), at, 600, accepted);
                q.commit(DatagramQueue.DATAGRAM, 1, accepted, 600);
                accepted++;
            }
            // Two 64 KiB chunks of 616-byte entries, less the room each keeps for its last entry and END.
            assertThat(accepted).isBetween(2 * (65536 - 600 - 32) / 616, 2 * 65536 / 616);
            assertThat(q.heldBytes()).isEqualTo(q.capacityBytes());
            assertThat(q.backlogBytes()).isEqualTo(accepted * 616L);
            assertThat(q.reserve(600)).as("still full").isNegative();

            long[] next = {0};
            int read = q.drain((kind, cpu, nanos, chunk, off, len) -> {
                assertThat(kind).isEqualTo(DatagramQueue.DATAGRAM);
                assertThat(nanos).isEqualTo(next[0]++);
                assertThat(intact(chunk, off, len, nanos)).isTrue();
            }, Integer.MAX_VALUE);
            assertThat(read).isEqualTo(accepted);
            assertThat(q.backlogBytes()).isZero();
            assertThat(q.reserve(600)).as("room again").isNotNegative();
        }
    }

    @Test
    void aBurstsMemoryGoesBackOnceRead() {
        try (DatagramQueue q = new DatagramQueue(64L << 20)) {
            for (int i = 0; i < 50_000; i++) { // ~30 MB
                int at = q.reserve(600);
                assertThat(at).isNotNegative();
                q.commit(DatagramQueue.DATAGRAM, 0, i, 600);
            }
            long burst = q.heldBytes();
            assertThat(burst).isGreaterThanOrEqualTo(29L << 20);
            while (q.drain((kind, cpu, nanos, chunk, off, len) -> { }, 10_000) > 0) {
                // read it all
            }
            int at = q.reserve(600); // the next write moves on from the last chunk, which can then go back too
            q.commit(DatagramQueue.DATAGRAM, 0, 0, 600);
            q.drain((kind, cpu, nanos, chunk, off, len) -> { }, 10);
            assertThat(at).isNotNegative();
            assertThat(q.heldBytes()).as("what a burst took is freed, a few chunks kept").isLessThanOrEqualTo(4L << 20);
        }
    }

    /**
     * A producer that never waits and a consumer that stalls at random (fixed seeds): every entry the producer was
     * not refused arrives, in order, intact; refused + delivered = offered, exactly; END comes last.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void concurrentProducerAndStallingConsumerAccountForEveryEntry(long seed) throws Exception {
        int offered = 300_000;
        try (DatagramQueue q = new DatagramQueue(512 * 1024)) {
            long[] refused = {0};
            long[] losses = {0};
            CountDownLatch firstRefusal = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < offered; i++) {
                    int size = random.nextInt(1500);
                    int at = q.reserve(size);
                    if (at < 0) {
                        refused[0]++;
                        firstRefusal.countDown();
                        continue;
                    }
                    fill(q.writeView(), at, size, i);
                    q.commit(DatagramQueue.DATAGRAM, i % 64, i, size);
                    if (random.nextInt(100) == 0 && q.loss(i % 64, i, 7, 3)) {
                        losses[0]++;
                    }
                }
                q.end(offered);
            }, "test-producer");
            long[] delivered = {0};
            long[] lossEntries = {0};
            long[] last = {-1};
            boolean[] ended = {false};
            AtomicReference<String> wrong = new AtomicReference<>();
            Random pauses = new Random(seed * 7919);
            producer.start();
            // The consumer starts once the queue has been full: that it fills does not hang on who runs faster.
            assertThat(firstRefusal.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the queue filled up")
                    .isTrue();
            while (!ended[0]) {
                int n = q.drain((kind, cpu, nanos, chunk, off, len) -> {
                    if (ended[0]) {
                        wrong.compareAndSet(null, "an entry after END");
                    }
                    switch (kind) {
                        case DatagramQueue.DATAGRAM -> {
                            if (nanos <= last[0] || cpu != nanos % 64 || !intact(chunk, off, len, nanos)) {
                                wrong.compareAndSet(null, "entry " + nanos + " after " + last[0] + " mangled");
                            }
                            last[0] = nanos;
                            delivered[0]++;
                        }
                        case DatagramQueue.LOSS -> {
                            if (chunk.getLong(off) != 7 || chunk.getInt(off + 8) != 3) {
                                wrong.compareAndSet(null, "loss entry mangled");
                            }
                            lossEntries[0]++;
                        }
                        case DatagramQueue.END -> ended[0] = true;
                        default -> wrong.compareAndSet(null, "kind " + kind);
                    }
                }, 1 + pauses.nextInt(5000));
                if (n == 0 || pauses.nextInt(50) == 0) {
                    LockSupport.parkNanos(pauses.nextInt(2_000_000)); // the consumer stalls now and then
                }
            }
            producer.join();
            assertThat(wrong.get()).isNull();
            assertThat(refused[0]).as("the queue was full at times").isPositive();
            assertThat(delivered[0] + refused[0]).isEqualTo(offered);
            assertThat(lossEntries[0]).isEqualTo(losses[0]);
            assertThat(q.backlogBytes()).isZero();
        }
    }
}
