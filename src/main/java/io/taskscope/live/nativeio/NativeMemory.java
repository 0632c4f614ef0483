package io.taskscope.live.nativeio;

import com.kenai.jffi.MemoryIO;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of memory outside the Java heap, from malloc and given back with {@link #close()}: the reader's queue
 * lives in these. Unlike {@code ByteBuffer.allocateDirect} it is neither zeroed (large blocks are mmap'd, so pages
 * cost memory only once written) nor counted against -XX:MaxDirectMemorySize, and it is freed when we say, not when
 * a GC gets round to it.
 */
public final class NativeMemory implements AutoCloseable {

    private static final MemoryIO IO = MemoryIO.getInstance();

    private final long address;
    private final int size;
    private final ByteBuffer view;
    private boolean freed;

    private NativeMemory(long address, int size) {
        this.address = address;
        this.size = size;
        this.view = IO.newDirectByteBuffer(address, size).order(ByteOrder.nativeOrder());
    }

    /** @throws OutOfMemoryError when malloc refuses */
    public static NativeMemory allocate(int bytes) {
        long address = IO.allocateMemory(bytes, false);
        if (address == 0) {
            throw new OutOfMemoryError("malloc(" + bytes + ") failed");
        }
        return new NativeMemory(address, bytes);
    }

    public long address() {
        return address;
    }

    public int size() {
        return size;
    }

    /** The memory as a buffer in native byte order, for absolute reads and writes; invalid once closed. */
    public ByteBuffer view() {
        return view;
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            IO.freeMemory(address);
        }
    }
}
