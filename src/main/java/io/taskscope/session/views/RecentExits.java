package io.taskscope.session.views;

import io.taskscope.core.ExitRecord;

import java.util.ArrayList;
import java.util.List;

/** The newest records a listener received, bounded: a ring that forgets the oldest. */
public final class RecentExits {

    /** Rows a table keeps by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final ExitRecord[] ring;
    private int next;
    private int size;
    private long added;

    public RecentExits(int capacity) {
        ring = new ExitRecord[Math.max(1, capacity)];
    }

    public void add(ExitRecord r) {
        ring[next] = r;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        added++;
    }

    public int capacity() {
        return ring.length;
    }

    /** Every record ever added, kept or not: tells a view whether anything changed. */
    public long added() {
        return added;
    }

    /** Up to {@code max} records, newest first. */
    public List<ExitRecord> newest(int max) {
        int n = Math.min(max, size);
        List<ExitRecord> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(ring[(next - i + ring.length) % ring.length]);
        }
        return out;
    }

    public void clear() {
        java.util.Arrays.fill(ring, null);
        next = 0;
        size = 0;
    }
}
