package io.taskscope.taskstats;

import io.taskscope.core.Taskstats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The command names seen lately, so decoding a record makes no String: a storm of one program, or a machine's few
 * hundred distinct commands, hits the same entries again and again. A direct-mapped table by the name's bytes;
 * a miss decodes (UTF-8, as before) and replaces the slot. One thread.
 */
final class CommCache {

    private static final int SLOTS = 1024;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];
    private final byte[] scratch = new byte[Taskstats.COMM_LENGTH];

    /**
     * ac_comm at {@code buf[at .. at+32)} up to its NUL, decoded as {@link TaskstatsLayout#decode} does (UTF-8, and
     * cut to 31 characters as {@link Taskstats.Builder#comm} would).
     */
    String read(ByteBuffer buf, int at) {
        int n = 0;
        int hash = 0;
        while (n < Taskstats.COMM_LENGTH) {
            byte b = buf.get(at + n);
            if (b == 0) {
                break;
            }
            scratch[n++] = b;
            hash = 31 * hash + b;
        }
        return lookup(n, hash);
    }

    private String lookup(int n, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && key.length == n && java.util.Arrays.equals(key, 0, n, scratch, 0, n)) {
            return names[slot];
        }
        byte[] copy = java.util.Arrays.copyOf(scratch, n);
        String name = new String(copy, StandardCharsets.UTF_8);
        if (name.length() >= Taskstats.COMM_LENGTH) {
            name = name.substring(0, Taskstats.COMM_LENGTH - 1);
        }
        keys[slot] = copy;
        names[slot] = name;
        return name;
    }
}
