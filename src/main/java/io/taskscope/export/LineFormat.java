package io.taskscope.export;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How {@code listen} writes one (listener, record) pair per line: straight from a {@link RecordBlock} row into a
 * {@link LineBuffer}, with the field names encoded once, so a line costs no object (the listen path formats what
 * the live collector delivers, at its full rate).
 */
public enum LineFormat {
    /** For people: the essentials and the non-zero delays, humanised. */
    TEXT {
        private final byte[] cpuWord = bytes(" cpu ");
        private final byte[] tgidWord = bytes(" tgid ");
        private final byte[] lifetime = bytes(" lifetime ");
        private final byte[] cpuTime = bytes(" cpu-time ");
        private final byte[] seqWord = bytes(" seq ");
        private final byte[] exitWord = bytes("exit ");
        private final byte[] signalWord = bytes("signal ");
        private final byte[] core = bytes(" (core)");
        private final byte[][] delayWords = encodeEach(Fixed.DELAYS, c -> " " + c.kernelPrefix() + "-delay ");

        @Override
        public String header() {
            return null;
        }

        @Override
        public void write(Listener listener, RecordBlock b, int row, LineBuffer out) {
            boolean pid = b.isPid(row);
            long tgid = b.get(row, TaskstatsField.AC_TGID);
            if (tgid == 0 && !pid) {
                tgid = b.taskId(row); // ExitRecord.tgid(): an aggregate's own id
            }
            out.utf8(listener.name()).put(cpuWord).decimal(b.cpu(row)).put(' ').put(KIND[b.kind(row).ordinal()])
                    .put(' ').decimal(pid ? b.taskId(row) : tgid).put(tgidWord).decimal(tgid)
                    .put(' ').put('\'').utf8(b.command(row)).put('\'').put(' ');
            long status = b.get(row, TaskstatsField.AC_EXITCODE);
            if ((status & 0x7F) == 0) { // ExitStatus.describe
                out.put(exitWord).decimal((status >> 8) & 0xFF);
            } else {
                out.put(signalWord).decimal(status & 0x7F);
                if ((status & 0x80) != 0) {
                    out.put(core);
                }
            }
            out.put(lifetime).micros(b.get(row, TaskstatsField.AC_ETIME))
                    .put(cpuTime).nanos(b.get(row, TaskstatsField.CPU_RUN_REAL_TOTAL));
            for (DelayClass c : Fixed.DELAYS) {
                long count = b.get(row, c.countField());
                if (count != 0) {
                    out.put(delayWords[c.ordinal()]).decimal(count).put('x').nanos(b.get(row, c.totalField()));
                }
            }
            out.put(seqWord).decimal(b.seq(row)).put('\n');
        }
    },
    /**
     * One JSON object per line: listener, cpu, kind, id (the TASKSTATS_TYPE_PID/_TGID attribute: the pid, or the
     * thread group's id), seq, version, then every field under its kernel name, as the kernel sent it.
     */
    JSONL {
        private final byte[] listenerKey = bytes("{\"listener\":");
        private final byte[] cpuKey = bytes(",\"cpu\":");
        private final byte[][] kindValue = {bytes(",\"kind\":\"pid\""), bytes(",\"kind\":\"tgid\"")};
        private final byte[] idKey = bytes(",\"id\":");
        private final byte[] seqKey = bytes(",\"seq\":");
        private final byte[] versionKey = bytes(",\"version\":");
        private final byte[][] keys = encodeEach(Fixed.FIELDS, f -> ",\"" + f.kernelName() + "\":");

        @Override
        public String header() {
            return null;
        }

        @Override
        public void write(Listener listener, RecordBlock b, int row, LineBuffer out) {
            out.put(listenerKey).json(listener.name()).put(cpuKey).decimal(b.cpu(row))
                    .put(kindValue[b.isPid(row) ? 0 : 1]).put(idKey).decimal(b.taskId(row)).put(seqKey).decimal(b.seq(row))
                    .put(versionKey).decimal((int) b.get(row, TaskstatsField.VERSION));
            long[] values = b.valuesForWriting();
            int base = row * RecordBlock.FIELD_COUNT;
            for (TaskstatsField f : FIELDS) {
                int i = f.ordinal();
                if (i == TEXT_FIELD) {
                    out.put(keys[i]).json(b.comm(row));
                } else if (i != VERSION_FIELD) {
                    out.keyAndUnsigned(keys[i], values[base + i]);
                }
            }
            out.put('}').put('\n');
        }
    },
    /** A header of kernel field names (after listener, cpu, kind, id, seq, version), then one row per pair. */
    CSV {
        @Override
        public String header() {
            StringBuilder out = new StringBuilder("listener,cpu,kind,id,seq,version");
            for (TaskstatsField f : FIELDS) {
                if (f != TaskstatsField.VERSION) {
                    out.append(',').append(f.kernelName());
                }
            }
            return out.toString();
        }

        @Override
        public void write(Listener listener, RecordBlock b, int row, LineBuffer out) {
            out.csv(listener.name()).put(',').decimal(b.cpu(row)).put(',').put(KIND[b.kind(row).ordinal()])
                    .put(',').decimal(b.taskId(row)).put(',').decimal(b.seq(row)).put(',').decimal((int) b.get(row, TaskstatsField.VERSION));
            long[] values = b.valuesForWriting();
            int base = row * RecordBlock.FIELD_COUNT;
            for (TaskstatsField f : FIELDS) {
                int i = f.ordinal();
                if (i == TEXT_FIELD) {
                    out.put(',').csv(b.comm(row));
                } else if (i != VERSION_FIELD) {
                    out.keyAndUnsigned(COMMA, values[base + i]);
                }
            }
            out.put('\n');
        }
    };

    // In a holder: an enum's own statics are not yet set while its constants are made.
    private static final class Fixed {
        static final TaskstatsField[] FIELDS = TaskstatsField.values();
        static final DelayClass[] DELAYS = DelayClass.values();
        /** Indexed by RecordKind ordinal. */
        static final byte[][] KIND = {bytes(RecordKind.values()[0].name().toLowerCase(Locale.ROOT)),
                bytes(RecordKind.values()[1].name().toLowerCase(Locale.ROOT))};
    }

    private static final TaskstatsField[] FIELDS = Fixed.FIELDS;
    private static final int TEXT_FIELD = TaskstatsField.AC_COMM.ordinal();
    private static final int VERSION_FIELD = TaskstatsField.VERSION.ordinal();
    private static final byte[][] KIND = Fixed.KIND;
    private static final byte[] COMMA = {','};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of each constant, encoded once, indexed by ordinal. */
    private static <E extends Enum<E>> byte[][] encodeEach(E[] constants, java.util.function.Function<E, String> text) {
        byte[][] out = new byte[constants.length][];
        for (E e : constants) {
            out[e.ordinal()] = bytes(text.apply(e));
        }
        return out;
    }

    /** The first line, or null. */
    public abstract String header();

    /** Appends the line of row {@code row} of {@code block}, delivered to {@code listener}, newline included. */
    public abstract void write(Listener listener, RecordBlock block, int row, LineBuffer out);

    /** One record's line as text, without the newline (for tests and tools; the hot path is {@link #write}). */
    public String line(Listener listener, ExitRecord record) {
        RecordBlock block = new RecordBlock(1);
        block.add(record);
        LineBuffer out = new LineBuffer(2048);
        write(listener, block, 0, out);
        String text = out.text();
        return text.substring(0, text.length() - 1);
    }

    /** The name on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
