package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.source.ListenerCopies;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A COPIES frame (type 8, registered mode): what the listeners' own sockets received, each copy placed on the CPU it
 * exited on, so that a replay shows each listener what its socket got, as the live views did, and not everything its
 * CPUs' references got. Body: names:varint and that many name:str, rows:varint and per row the index of its
 * listener's name, then the rows as a type 5 RECORDS body, then extended:u8 (1: a type 6 frame's extension columns
 * follow). Untrusted on reading: a name index beyond the names, or a row count unlike the columns', is corrupt.
 */
final class CopiesFrame {
    private CopiesFrame() {
    }

    /** Names a frame may list: a bound against a corrupt count (a batch holds copies of at most a few dozen sockets). */
    private static final int MAX_NAMES = 4_096;

    /** Rows {@code from..to-1} of {@code copies} as one frame body. */
    static void write(Bytes body, ListenerCopies copies, int from, int to) {
        Map<String, Integer> index = new LinkedHashMap<>(); // name -> its index, in the order first seen
        int[] nameOf = new int[to - from];
        for (int row = from; row < to; row++) {
            nameOf[row - from] = index.computeIfAbsent(copies.listener(row), name -> index.size());
        }
        body.varint(index.size());
        index.keySet().forEach(body::str);
        body.varint(to - from);
        for (int i : nameOf) {
            body.varint(i);
        }
        RecordBlock rows = copies.records();
        RecordColumns.encode(rows, from, to, body, true);
        boolean extended = RecordColumns.needsExtensions(rows, from, to);
        body.u8(extended ? 1 : 0);
        if (extended) {
            RecordColumns.encodeExtensions(rows, from, to, body);
        }
    }

    static ListenerCopies read(Cursor body) throws Cursor.Corrupt {
        int n = body.length(MAX_NAMES);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = body.str();
            if (names[i].isBlank()) {
                throw new Cursor.Corrupt("copies of a listener without a name");
            }
        }
        int rows = body.length(1 << 24); // at most one per byte left: each index takes one
        String[] listener = new String[rows];
        for (int row = 0; row < rows; row++) {
            long i = body.varint();
            if (i < 0 || i >= n) {
                throw new Cursor.Corrupt("copy of listener " + i + " of " + n);
            }
            listener[row] = names[(int) i];
        }
        RecordBlock block = new RecordBlock(Math.max(1, Math.min(rows, 1024))); // grows with what decodes, not a count
        RecordColumns.decode(body, block, true);
        if (block.size() != rows) {
            throw new Cursor.Corrupt(block.size() + " copies for " + rows + " listener indices");
        }
        int extended = body.u8();
        if (extended == 1) {
            RecordColumns.decodeExtensions(body, block, 0, rows);
        } else if (extended != 0) {
            throw new Cursor.Corrupt("copies' extension flag " + extended);
        }
        return new ListenerCopies(block, listener);
    }
}
