package io.taskscope.store;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Between a source's thread and the recorder's writer thread. Batches are bounded by records
 * ({@link #capacityRecords()}; a batch without records weighs one, a batch bigger than the bound is taken into an
 * empty queue); listener edits and state changes by their own count ({@link #CONTROL_CAPACITY}) and never wait, as
 * they come from the FX thread. What does not fit is counted, never waited for with a spin: a live source's batch is
 * refused at once ({@link #reserve}), one that can be held back waits on a condition ({@link #reserveWaiting}) that
 * the writer signals when it takes an item, and that closing signals too. The lock is only ever held for a few
 * field updates, never across I/O.
 */
final class RecorderQueue {

    /** Listener edits and state changes waiting: far more than a person edits in the time the disk can stall. */
    static final int CONTROL_CAPACITY = 4096;

    enum Admission { QUEUED, FULL, CLOSED }

    private record Entry(Object item, int weight) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int capacityRecords;
    // guarded by lock; the volatile mirrors are for readers that must not take it (the FX thread)
    private long weight;
    private int control;
    private boolean closed;
    private volatile long queuedRecords;
    private volatile long droppedBatches;
    private volatile long droppedRecords;
    private volatile long droppedControl;
    /** Tests: told (under the lock, so just before the wait) when a source starts waiting for room. */
    volatile Runnable onWait;

    RecorderQueue(int capacityRecords) {
        if (capacityRecords < 1) {
            throw new IllegalArgumentException("a recorder queue holds at least one record");
        }
        this.capacityRecords = capacityRecords;
    }

    /** Room for a batch of {@code records}, if there is room now; a refusal is counted as a drop. Never waits. */
    Admission reserve(int records) {
        lock.lock();
        try {
            if (closed) {
                return Admission.CLOSED;
            }
            if (!fits(records)) {
                countDrop(records);
                return Admission.FULL;
            }
            take(records);
            return Admission.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Room for a batch of {@code records}, waiting (parked, no spin) until the writer makes room or the queue closes.
     * An interrupt gives up the wait: the batch is counted as dropped and the interrupt kept.
     */
    Admission reserveWaiting(int records) {
        lock.lock();
        try {
            while (!closed && !fits(records)) {
                Runnable hook = onWait;
                if (hook != null) {
                    hook.run();
                }
                room.await();
            }
            if (closed) {
                return Admission.CLOSED;
            }
            take(records);
            return Admission.QUEUED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            countDrop(records);
            return Admission.FULL;
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(int records) {
        return weight == 0 || weight + weightOf(records) <= capacityRecords;
    }

    private void take(int records) {
        weight += weightOf(records);
        queuedRecords = weight;
    }

    private void countDrop(int records) {
        droppedBatches++;
        droppedRecords += records;
    }

    private static int weightOf(int records) {
        return Math.max(1, records);
    }

    /** Queues a batch whose room {@link #reserve} or {@link #reserveWaiting} gave; dropped silently once closed. */
    void add(Object batch, int records) {
        lock.lock();
        try {
            if (closed) {
                release(weightOf(records));
                return;
            }
            entries.add(new Entry(batch, weightOf(records)));
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues an edit or state change; never waits. False (and counted) when full or closed. */
    boolean addControl(Object item) {
        lock.lock();
        try {
            if (closed || control >= CONTROL_CAPACITY) {
                droppedControl++;
                return false;
            }
            control++;
            entries.add(new Entry(item, 0));
            arrived.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting at most {@code nanos} for one; null on timeout, or at once when closed and empty. */
    Object poll(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (entries.isEmpty() && !closed && left > 0) {
                left = arrived.awaitNanos(left);
            }
            Entry e = entries.poll();
            if (e == null) {
                return null;
            }
            if (e.weight() == 0) {
                control--;
            } else {
                release(e.weight());
            }
            return e.item();
        } finally {
            lock.unlock();
        }
    }

    private void release(int w) {
        weight -= w;
        queuedRecords = weight;
        room.signalAll();
    }

    /** Takes nothing more; a waiting source goes on (its batch is not recorded), the writer drains what is queued. */
    void close() {
        lock.lock();
        try {
            closed = true;
            room.signalAll();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes and forgets what is queued (the recording failed: it can be written nowhere). */
    void discard() {
        lock.lock();
        try {
            closed = true;
            entries.clear();
            weight = 0;
            control = 0;
            queuedRecords = 0;
            room.signalAll();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closed, and everything queued has been taken. */
    boolean drained() {
        lock.lock();
        try {
            return closed && entries.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The bound on queued batches, in records. */
    int capacityRecords() {
        return capacityRecords;
    }

    long queuedRecords() {
        return queuedRecords;
    }

    /** Batches refused because the queue was full (live sources; a held-back source's only when interrupted). */
    long droppedBatches() {
        return droppedBatches;
    }

    /** The records of {@link #droppedBatches()}. */
    long droppedRecords() {
        return droppedRecords;
    }

    /** Listener edits and state changes refused (full or closed). */
    long droppedControl() {
        return droppedControl;
    }

    /** The wait of a held-back source, for tests: how many threads wait for room now. */
    int waitingForRoom() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(room);
        } finally {
            lock.unlock();
        }
    }
}
