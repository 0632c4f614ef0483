package io.taskscope.session;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The histogram's bucket search against the definition: the first bound a value is not above (le). */
class DelayTotalsTest {

    private static int firstNotBelow(long[] bounds, long nanos) {
        for (int i = 0; i < bounds.length; i++) {
            if (nanos <= bounds[i]) {
                return i;
            }
        }
        return bounds.length; // +Inf
    }

    private static void agreesEverywhere(long[] bounds) {
        DelayTotals t = new DelayTotals(bounds);
        Random random = new Random(17);
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 1L, -1L, Long.MIN_VALUE,
                Long.MAX_VALUE));
        for (long b : bounds) {
            values.add(b - 1);
            values.add(b);
            values.add(b + 1);
        }
        for (int e = 0; e < 63; e++) {
            values.add(1L << e);
            values.add((1L << e) - 1);
        }
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextBoolean() ? random.nextLong() : (long) Math.exp(random.nextDouble() * 40));
        }
        for (long v : values) {
            assertThat(t.bucket(v)).as("bucket of %d", v).isEqualTo(firstNotBelow(bounds, v));
        }
    }

    @Test
    void serveBucketsAreFoundAsTheDefinitionSays() {
        long[] serve = {10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000,
                10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000, 1_000_000_000,
                2_500_000_000L, 5_000_000_000L, 10_000_000_000L};
        agreesEverywhere(serve);
    }

    @Test
    void boundsSharingAPowerOfTwoToo() {
        agreesEverywhere(new long[]{1, 2, 3, 5, 6, 7, 1000, 1001, 1002, 4096, 4097});
    }

    /**
     * The histogram against counting each task in each class as the definition says: tasks that never waited in a
     * class in its first bucket (the tally stores only those that did), a class left out where it is implausible,
     * and a process's aggregate (TGID) record in no histogram at all.
     */
    @Test
    void everyTaskIsInOneBucketPerClassItIsPlausibleIn() {
        long[] bounds = {10_000, 25_000, 50_000, 100_000, 1_000_000, 10_000_000};
        DelayTotals t = new DelayTotals(bounds);
        int classes = DelayTotals.CLASS_COUNT;
        long[][] expected = new long[classes][bounds.length + 1];
        long[] events = new long[classes];
        long[] totals = new long[classes];
        Random random = new Random(5);
        int fields = io.taskscope.core.RecordBlock.FIELD_COUNT;
        long[] row = new long[fields];
        for (int i = 0; i < 20_000; i++) {
            java.util.Arrays.fill(row, 0);
            for (io.taskscope.core.DelayClass c : io.taskscope.core.DelayClass.values()) {
                if (random.nextInt(3) == 0) { // most tasks never wait in most classes
                    row[c.totalField().ordinal()] = (long) Math.exp(random.nextDouble() * 20);
                    row[c.countField().ordinal()] = 1 + random.nextInt(5);
                }
            }
            boolean pid = random.nextInt(5) != 0;
            int impossible = random.nextInt(10) == 0 ? random.nextInt(1 << classes) : 0;
            t.add(row, 0, pid, impossible);
            for (io.taskscope.core.DelayClass c : io.taskscope.core.DelayClass.values()) {
                int k = c.ordinal();
                if (pid && (impossible & (1 << k)) == 0) {
                    long total = row[c.totalField().ordinal()];
                    expected[k][firstNotBelow(bounds, total)]++;
                    events[k] += row[c.countField().ordinal()];
                    totals[k] += total;
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            assertThat(t.buckets(k)).as("class %d", k).containsExactly(expected[k]);
            assertThat(t.copy().buckets(k)).as("a copy's, class %d", k).containsExactly(expected[k]);
            assertThat(t.events(k)).isEqualTo(events[k]);
            assertThat(t.totalNanos(k)).isEqualTo(totals[k]);
        }
    }
}
