package io.taskscope.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer with zigzag varints: what frames are built in. */
final class Bytes {

    private byte[] data;
    private int size;

    Bytes(int capacity) {
        data = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return data;
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
        }
    }

    void u8(int v) {
        ensure(1);
        data[size++] = (byte) v;
    }

    void i64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            data[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** Unsigned LEB128. */
    void varint(long v) {
        ensure(10);
        varintUnchecked(v);
    }

    void zigzag(long v) {
        varint((v << 1) ^ (v >> 63));
    }

    /** Room for {@code varints} more varints, so a column can be written without a check per value. */
    void reserveVarints(int varints) {
        ensure(varints * 10);
    }

    /** Writes a zigzag varint; the caller has reserved the room. */
    void zigzagUnchecked(long v) {
        varintUnchecked((v << 1) ^ (v >> 63));
    }

    private void varintUnchecked(long v) {
        byte[] d = data;
        int p = size;
        while ((v & ~0x7FL) != 0) {
            d[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        d[p++] = (byte) v;
        size = p;
    }

    void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, data, size, b.length);
        size += b.length;
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, data, size, len);
        size += len;
    }
}
