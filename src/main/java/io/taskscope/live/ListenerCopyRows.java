package io.taskscope.live;

import io.taskscope.core.RecordBlock;
import io.taskscope.source.ListenerCopies;

import java.util.Arrays;

/**
 * Registered mode, on the dispatcher thread: the records the listeners' own sockets received, kept for the batch so
 * each listener's views show what its socket got. A copy is shown on the CPU its reference came from
 * ({@link ListenerAttribution}); one read a moment before its reference (the kernel puts the message on the newest
 * listener first, {@code send_cpu_listeners()}, and the reader may pass between the two) waits here for it. Bound:
 * {@link #MAX_WAITING} rows wait at most {@link #MAX_WAIT_BATCHES} batches; beyond either they are counted in
 * {@link #unshown()} and left out of the views (the attribution still counts them).
 */
final class ListenerCopyRows {

    static final int MAX_WAITING = 4_096;
    static final int MAX_WAIT_BATCHES = 16;

    private final ListenerAttribution attribution;
    private final RecordBlock placed;
    private String[] placedListener;
    private final RecordBlock waiting = new RecordBlock(64);
    private int[] waitingIndex = new int[64];
    private int[] waitingAge = new int[64];
    private String[] names = new String[8];
    private long unshown;

    ListenerCopyRows(ListenerAttribution attribution, int capacity) {
        this.attribution = attribution;
        this.placed = new RecordBlock(capacity);
        this.placedListener = new String[capacity];
    }

    /** Rows {@code from}..end of {@code block}: one message listener {@code index}'s socket got, exited on {@code cpu} (-1: not yet known). */
    void keep(int index, int cpu, RecordBlock block, int from) {
        if (cpu >= 0) {
            String name = name(index);
            for (int row = from; row < block.size(); row++) {
                append(name, cpu, block, row);
            }
            return;
        }
        if (waiting.size() + block.size() - from > MAX_WAITING) {
            unshown += block.size() - from;
            return;
        }
        for (int row = from; row < block.size(); row++) {
            int at = waiting.add(block, row);
            if (at >= waitingIndex.length) {
                waitingIndex = Arrays.copyOf(waitingIndex, at * 2);
                waitingAge = Arrays.copyOf(waitingAge, at * 2);
            }
            waitingIndex[at] = index;
            waitingAge[at] = 0;
        }
    }

    /** Before a batch goes: the waiting copies whose reference has come join it; the others wait a batch longer. */
    void placeWaiting(boolean last) {
        int kept = 0;
        for (int row = 0; row < waiting.size(); ) {
            int end = messageEnd(row);
            int cpu = attribution.cpuOf(waitingIndex[row], (int) waiting.seq(row), waiting.taskId(row));
            if (cpu >= 0) {
                for (int r = row; r < end; r++) {
                    append(name(waitingIndex[row]), cpu, waiting, r);
                }
            } else if (last || ++waitingAge[row] > MAX_WAIT_BATCHES) {
                unshown += end - row;
            } else {
                for (int r = row; r < end; r++) { // compact towards the front, in order
                    waiting.overwrite(kept, waiting, r);
                    waitingIndex[kept] = waitingIndex[row];
                    waitingAge[kept] = waitingAge[row];
                    kept++;
                }
            }
            row = end;
        }
        waiting.truncate(kept);
    }

    /** A message's rows: its PID record and the TGID record that may follow it (same number). */
    private int messageEnd(int row) {
        int end = row + 1;
        while (end < waiting.size() && !waiting.isPid(end) && waiting.seq(end) == waiting.seq(row)) {
            end++;
        }
        return end;
    }

    private void append(String name, int cpu, RecordBlock from, int row) {
        int at = placed.add(from, row);
        placed.setCpu(at, cpu);
        if (at >= placedListener.length) {
            placedListener = Arrays.copyOf(placedListener, Math.max(at + 1, placedListener.length * 2));
        }
        placedListener[at] = name;
    }

    private String name(int index) {
        if (index >= names.length) {
            names = Arrays.copyOf(names, Math.max(index + 1, names.length * 2));
        }
        String n = names[index];
        if (n == null) {
            n = names[index] = attribution.nameOf(index);
        }
        return n;
    }

    int size() {
        return placed.size();
    }

    /** The copies placed since the last {@link #clear}, or null for none. */
    ListenerCopies copies() {
        return placed.isEmpty() ? null : new ListenerCopies(placed, placedListener);
    }

    void clear() {
        placed.clear();
    }

    /** Copies left out of the views: their reference never came (in time), or too many waited for it. */
    long unshown() {
        return unshown;
    }
}
