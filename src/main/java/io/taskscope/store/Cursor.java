package io.taskscope.store;

import java.nio.charset.StandardCharsets;

/** Reads what {@link Bytes} wrote; every read is bounds-checked and fails with {@link Corrupt}, never out of range. */
final class Cursor {

    /** The bytes do not hold what their structure promises. */
    static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] data;
    private int pos;
    private final int end;

    Cursor(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    int position() {
        return pos;
    }

    boolean hasMore() {
        return pos < end;
    }

    int u8() throws Corrupt {
        if (pos >= end) {
            throw new Corrupt("unexpected end at byte " + pos);
        }
        return data[pos++] & 0xFF;
    }

    long i64() throws Corrupt {
        if (end - pos < 8) {
            throw new Corrupt("unexpected end at byte " + pos);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (data[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    long varint() throws Corrupt {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new Corrupt("varint longer than 10 bytes at byte " + pos);
    }

    long zigzag() throws Corrupt {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    int length(int max) throws Corrupt {
        long n = varint();
        if (n < 0 || n > max || n > end - pos) {
            throw new Corrupt("length " + n + " does not fit at byte " + pos);
        }
        return (int) n;
    }

    String str() throws Corrupt {
        int n = length(1 << 20);
        String s = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    void skip(int n) throws Corrupt {
        if (n < 0 || n > end - pos) {
            throw new Corrupt("cannot skip " + n + " bytes at byte " + pos);
        }
        pos += n;
    }
}
