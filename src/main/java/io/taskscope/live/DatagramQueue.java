package io.taskscope.live;

import io.taskscope.live.nativeio.NativeMemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between the thread that reads the sockets and the thread that decodes: one producer, one
 * consumer, no lock, and no object per entry. Entries are written into chunks of memory outside the heap, taken
 * as they are needed up to a bound in bytes and handed back when read: a reader that keeps up uses two or three
 * chunks; a stall downstream lets the queue grow to its bound, then the producer is refused and counts what it
 * drops (by cause, per CPU: see {@link SocketReader}).
 * <p>
 * An entry is a 16-byte header (kind and payload length, CPU, receive time) then its payload, padded to 8 bytes.
 * The producer publishes each entry with a release store of the chunk's committed length; the consumer reads up to
 * an acquired committed length, and a chunk is done once it is sealed (the producer moved to the next) and read to
 * its end. Neither side ever waits for the other: the producer is refused when full, the consumer finds nothing
 * new when empty.
 */
final class DatagramQueue implements AutoCloseable {

    /** A datagram as received; the CPU is the receiving socket's (-1: the control socket). */
    static final int DATAGRAM = 1;
    /** Records lost: payload {@code long records, int cause} (a {@link io.taskscope.source.LossEvent.Cause}). */
    static final int LOSS = 2;
    /** The reader has stopped: nothing follows. */
    static final int END = 3;
    /** A registered listener's registration took effect (its tag as cpu; no payload): see {@link ListenerAttribution}. */
    static final int REGISTERED = 4;

    static final int HEADER_BYTES = 16;
    /** The most a recv may write straight into a chunk; an exit datagram is at most ~1.5 KB (v17 group exit). */
    static final int MAX_DATAGRAM = 8192;
    /** The smallest queue: two chunks of the smallest size. */
    static final long MIN_CAPACITY = 2L * 64 * 1024;
    private static final int MAX_CHUNK = 1 << 20;
    private static final int MIN_CHUNK = 64 * 1024;
    /** Chunks kept for reuse when read; beyond this they are freed (a burst's memory goes back to the system). */
    private static final int SPARES_KEPT = 2;

    /** Receives the entries {@link #drain} finds; {@code chunk} is valid during the call only. */
    interface EntryVisitor {
        void entry(int kind, int cpu, long nanos, ByteBuffer chunk, int payloadOffset, int payloadLength);
    }

    static final class Chunk {
        private static final VarHandle COMMITTED;
        private static final VarHandle SEALED;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                COMMITTED = lookup.findVarHandle(Chunk.class, "committed", int.class);
                SEALED = lookup.findVarHandle(Chunk.class, "sealed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final NativeMemory memory;
        final ByteBuffer view;
        @SuppressWarnings("unused") // through COMMITTED
        private int committed;
        @SuppressWarnings("unused") // through SEALED
        private boolean sealed;
        /** The consumer's position. */
        int readOffset;

        Chunk(int bytes) {
            memory = NativeMemory.allocate(bytes);
            view = memory.view();
        }
    }

    private final int chunkBytes;
    private final int maxChunks;
    private final AtomicInteger allocated = new AtomicInteger();

    /** Chunks to read, oldest first: written by the producer at tail, taken by the consumer at head. */
    private final Chunk[] readable;
    private final AtomicLong readableHead = new AtomicLong();
    private final AtomicLong readableTail = new AtomicLong();
    /** Chunks read and kept for reuse: put by the consumer at tail, taken by the producer at head. */
    private final Chunk[] spares;
    private final AtomicLong sparesHead = new AtomicLong();
    private final AtomicLong sparesTail = new AtomicLong();

    private final AtomicLong producedBytes = new AtomicLong();
    private final AtomicLong consumedBytes = new AtomicLong();

    // the producer's own
    private Chunk current;
    private int writeOffset;

    /** @param capacityBytes the bound: at most this much memory is ever taken (at least {@link #MIN_CAPACITY}) */
    DatagramQueue(long capacityBytes) {
        long capacity = Math.max(MIN_CAPACITY, capacityBytes);
        chunkBytes = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Long.highestOneBit(capacity / 8)));
        maxChunks = (int) Math.min(Integer.MAX_VALUE - 8, capacity / chunkBytes);
        readable = new Chunk[maxChunks];
        spares = new Chunk[maxChunks];
    }

    /** The bound in bytes (the capacity asked for, rounded down to whole chunks). */
    long capacityBytes() {
        return (long) maxChunks * chunkBytes;
    }

    /** Memory the queue holds now (chunks in use and kept for reuse). */
    long heldBytes() {
        return (long) allocated.get() * chunkBytes;
    }

    /** Bytes written and not yet read: how far the consumer is behind. */
    long backlogBytes() {
        return Math.max(0, producedBytes.get() - consumedBytes.get());
    }

    // ---- the producer ----

    /**
     * Makes room for an entry whose payload is at most {@code maxPayload} bytes, and returns where that payload goes
     * in {@link #writeView()}; -1 when the queue is at its bound.
     */
    int reserve(int maxPayload) {
        return reserveBytes(HEADER_BYTES + align8(maxPayload) + HEADER_BYTES); // a chunk always keeps room for END
    }

    private int reserveBytes(int need) {
        if (current != null && chunkBytes - writeOffset >= need) {
            return writeOffset + HEADER_BYTES;
        }
        if (need > chunkBytes || !advance()) {
            return -1;
        }
        return writeOffset + HEADER_BYTES;
    }

    /** The chunk the last successful {@link #reserve} points into. */
    ByteBuffer writeView() {
        return current.view;
    }

    /** The native address of {@link #writeView()}'s first byte, for recv straight into it. */
    long writeAddress() {
        return current.memory.address();
    }

    /** Publishes the entry whose payload was written at the offset the last {@link #reserve} returned. */
    void commit(int kind, int cpu, long nanos, int payloadLength) {
        ByteBuffer v = current.view;
        v.putInt(writeOffset, kind << 24 | payloadLength);
        v.putInt(writeOffset + 4, cpu);
        v.putLong(writeOffset + 8, nanos);
        int size = align8(HEADER_BYTES + payloadLength);
        writeOffset += size;
        Chunk.COMMITTED.setRelease(current, writeOffset);
        producedBytes.lazySet(producedBytes.get() + size);
    }

    /** Writes a LOSS entry; false when the queue is full. */
    boolean loss(int cpu, long nanos, long records, int cause) {
        int at = reserve(12);
        if (at < 0) {
            return false;
        }
        ByteBuffer v = current.view;
        v.putLong(at, records);
        v.putInt(at + 8, cause);
        commit(LOSS, cpu, nanos, 12);
        return true;
    }

    /** Writes a REGISTERED entry for the listener tagged {@code tag}; false when the queue is full. */
    boolean registered(int tag, long nanos) {
        if (reserve(0) < 0) {
            return false;
        }
        commit(REGISTERED, tag, nanos, 0);
        return true;
    }

    /**
     * The last entry: END, then the chunk is sealed. There is always room for it: every other entry leaves space for
     * a header at the end of its chunk. With no chunk at all (nothing was ever written) one is taken.
     */
    void end(long nanos) {
        if (reserveBytes(HEADER_BYTES) < 0) {
            throw new IllegalStateException("no room for the END entry"); // cannot happen: see above
        }
        commit(END, -1, nanos, 0);
        Chunk.SEALED.setRelease(current, true);
    }

    private boolean advance() {
        Chunk next = takeSpare();
        if (next == null) {
            if (allocated.get() >= maxChunks) {
                return false;
            }
            next = new Chunk(chunkBytes);
            allocated.incrementAndGet();
        }
        next.readOffset = 0;
        Chunk.COMMITTED.set(next, 0);
        Chunk.SEALED.set(next, false);
        long tail = readableTail.get();
        readable[(int) (tail % maxChunks)] = next;
        readableTail.lazySet(tail + 1); // publishes next's reset fields too
        Chunk previous = current;
        current = next;
        writeOffset = 0;
        if (previous != null) {
            Chunk.SEALED.setRelease(previous, true);
        }
        return true;
    }

    private Chunk takeSpare() {
        long head = sparesHead.get();
        if (head == sparesTail.get()) {
            return null;
        }
        int i = (int) (head % maxChunks);
        Chunk c = spares[i];
        spares[i] = null;
        sparesHead.lazySet(head + 1);
        return c;
    }

    // ---- the consumer ----

    /**
     * Hands {@code visitor} the entries published since the last call, at most {@code maxEntries}, and gives back
     * the chunks read to their end. Never waits.
     *
     * @return how many entries were visited (0: nothing new)
     */
    int drain(EntryVisitor visitor, int maxEntries) {
        int visited = 0;
        while (true) {
            long head = readableHead.get();
            if (head == readableTail.get()) {
                return visited;
            }
            Chunk c = readable[(int) (head % maxChunks)];
            boolean sealed = (boolean) Chunk.SEALED.getAcquire(c); // before committed: once sealed, committed is final
            int committed = (int) Chunk.COMMITTED.getAcquire(c);
            ByteBuffer v = c.view;
            int start = c.readOffset;
            while (c.readOffset < committed && visited < maxEntries) {
                int at = c.readOffset;
                int word = v.getInt(at);
                int length = word & 0xFF_FFFF;
                visitor.entry(word >>> 24, v.getInt(at + 4), v.getLong(at + 8), v, at + HEADER_BYTES, length);
                c.readOffset = at + align8(HEADER_BYTES + length);
                visited++;
            }
            consumedBytes.lazySet(consumedBytes.get() + (c.readOffset - start));
            if (c.readOffset < committed || !sealed) {
                return visited;
            }
            readable[(int) (head % maxChunks)] = null;
            readableHead.lazySet(head + 1);
            recycle(c);
        }
    }

    private void recycle(Chunk c) {
        long tail = sparesTail.get();
        if (tail - sparesHead.get() < SPARES_KEPT) {
            spares[(int) (tail % maxChunks)] = c;
            sparesTail.lazySet(tail + 1);
        } else {
            c.memory.close();
            allocated.decrementAndGet(); // after the free: the producer never holds more than the bound
        }
    }

    /** Frees every chunk. Only once both threads are done with the queue. */
    @Override
    public void close() {
        for (Chunk[] ring : new Chunk[][]{readable, spares}) {
            for (int i = 0; i < ring.length; i++) {
                if (ring[i] != null) {
                    ring[i].memory.close();
                    ring[i] = null;
                }
            }
        }
        if (current != null) {
            current.memory.close(); // closing twice is harmless
            current = null;
        }
        allocated.set(0);
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }
}
