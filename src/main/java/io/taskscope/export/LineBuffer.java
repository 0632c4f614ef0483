package io.taskscope.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes of text (UTF-8) built without a String, a StringBuilder or a boxed number per value: what {@code listen}
 * formats half a million lines a second into. Grows when needed; {@link #writeTo} empties it into a stream.
 */
public final class LineBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int size;

    public LineBuffer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
        size = 0;
    }

    /** The content as text (for tests and the Writer path). */
    public String text() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    LineBuffer put(byte b) {
        ensure(1);
        buf[size++] = b;
        return this;
    }

    LineBuffer put(char asciiChar) {
        return put((byte) asciiChar);
    }

    /** Bytes made once (field names, fixed words). */
    LineBuffer put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** A signed decimal, as Long.toString writes it. */
    LineBuffer decimal(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return put(LONG_MIN);
            }
            put('-');
            v = -v;
        }
        return digits(v);
    }

    /**
     * {@code key} then {@code value} as an unsigned decimal: the inner step of a JSON or CSV line, one bounds check
     * and no call for the common small values.
     */
    LineBuffer keyAndUnsigned(byte[] key, long value) {
        int n = key.length;
        if (size + n + 20 > buf.length) {
            ensure(n + 20);
        }
        byte[] b = buf;
        int at = size;
        for (int i = 0; i < n; i++) {
            b[at + i] = key[i];
        }
        at += n;
        if (value >= 0 && value < 10) {
            b[at] = (byte) ('0' + value);
            size = at + 1;
            return this;
        }
        size = at;
        return unsigned(value);
    }

    /** An unsigned decimal, as Long.toUnsignedString writes it. */
    LineBuffer unsigned(long v) {
        if (v >= 0) {
            return digits(v);
        }
        long quotient = (v >>> 1) / 5; // v / 10 as unsigned
        int last = (int) (v - quotient * 10);
        digits(quotient);
        return put((byte) ('0' + last));
    }

    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    /** A non-negative value's digits: counted by comparison, then written two at a time from the end. */
    private LineBuffer digits(long v) {
        if (size + 19 > buf.length) {
            ensure(19);
        }
        byte[] b = buf;
        if (v < 10) {
            b[size++] = (byte) ('0' + v);
            return this;
        }
        int n = 2;
        for (long p = 100; n < 19 && v >= p; p *= 10) {
            n++;
        }
        int i = size + n;
        while (v >= 100) {
            int r = (int) (v % 100);
            v /= 100;
            b[--i] = ONES[r];
            b[--i] = TENS[r];
        }
        if (v >= 10) {
            b[--i] = ONES[(int) v];
            b[--i] = TENS[(int) v];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        size += n;
        return this;
    }

    /** {@code value / 10^decimals} with exactly that many decimals ({@code value} >= 0). */
    LineBuffer fixed(long value, int decimals) {
        if (decimals == 0) {
            return digits(value);
        }
        long scale = decimals == 1 ? 10 : 100;
        digits(value / scale);
        put('.');
        long fraction = value % scale;
        if (decimals == 2 && fraction < 10) {
            put('0');
        }
        return digits(fraction);
    }

    private static final byte[] NS = " ns".getBytes(StandardCharsets.UTF_8);
    private static final byte[] US = " µs".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MS = " ms".getBytes(StandardCharsets.UTF_8);
    private static final byte[] S = " s".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MIN = " min".getBytes(StandardCharsets.UTF_8);
    private static final byte[] H = " h".getBytes(StandardCharsets.UTF_8);

    /**
     * A duration in ns the way {@link io.taskscope.core.Units#nanos} writes it ("850 ns", "12.3 µs", "1.79 ms"),
     * in integer arithmetic: the value in its unit, rounded half up to 0, 1 or 2 decimals (3 significant digits).
     */
    LineBuffer nanos(long ns) {
        if (ns < 0) {
            return unsigned(ns).put(NS);
        }
        if (ns < 1_000) {
            return digits(ns).put(NS);
        }
        if (ns < 1_000_000) {
            return scaled(ns, 1_000, US);
        }
        if (ns < 1_000_000_000) {
            return scaled(ns, 1_000_000, MS);
        }
        if (ns < 60_000_000_000L) {
            return scaled(ns, 1_000_000_000, S);
        }
        if (ns < 3_600_000_000_000L) {
            return scaled(ns, 60_000_000_000L, MIN);
        }
        return scaled(ns, 3_600_000_000_000L, H);
    }

    /** {@link io.taskscope.core.Units#micros}: a duration in µs. */
    LineBuffer micros(long us) {
        return us < 0 ? unsigned(us).put(US) : nanos(us * 1_000);
    }

    /** ns / unit (at least 1) with 0 decimals from 100 up, 1 from 10, else 2; half up, as %.Nf rounds. */
    private LineBuffer scaled(long ns, long unit, byte[] name) {
        int decimals = ns >= 100 * unit ? 0 : ns >= 10 * unit ? 1 : 2;
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
        // ns * scale fits: scale > 1 only while ns < 100 * unit, at most 3.6e14 * 100
        long numerator = ns * scale;
        long value = numerator / unit;
        if ((numerator % unit) * 2 >= unit) {
            value++;
        }
        return fixed(value, decimals).put(name);
    }

    /** Any text, encoded as UTF-8 (unpaired surrogates become '?', as the JDK's encoder writes them). */
    LineBuffer utf8(String s) {
        int n = s.length();
        ensure(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else {
                i = multiByte(s, i, c);
            }
        }
        return this;
    }

    private int multiByte(String s, int i, char c) {
        ensure(4);
        if (c < 0x800) {
            buf[size++] = (byte) (0xC0 | c >> 6);
            buf[size++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            buf[size++] = (byte) (0xF0 | cp >> 18);
            buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            buf[size++] = '?';
        } else {
            buf[size++] = (byte) (0xE0 | c >> 12);
            buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[size++] = (byte) (0x80 | c & 0x3F);
        }
        return i;
    }

    /** A JSON string, quotes included, escaped as {@link JsonText#string} escapes it. */
    LineBuffer json(String s) {
        put('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> put('\\').put('"');
                case '\\' -> put('\\').put('\\');
                case '\n' -> put('\\').put('n');
                case '\r' -> put('\\').put('r');
                case '\t' -> put('\\').put('t');
                default -> {
                    if (c < 0x20) {
                        put('\\').put('u').put('0').put('0').put(HEX[c >> 4]).put(HEX[c & 0xF]);
                    } else if (c < 0x80) {
                        put((byte) c);
                    } else {
                        i = multiByte(s, i, c);
                    }
                }
            }
        }
        return put('"');
    }

    /** A CSV field, quoted only when it must be, as {@link CsvText#field} does. */
    LineBuffer csv(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return utf8(s);
        }
        put('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                put('"').put('"');
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                i = multiByte(s, i, c);
            }
        }
        return put('"');
    }
}
