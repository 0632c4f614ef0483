package io.taskscope.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The values of one {@code struct taskstats}, immutable, by {@link TaskstatsField}. Integers are unsigned in the
 * kernel; here they are Java longs holding the same bits (a u64 above 2^63 reads negative: format it with
 * {@link Long#toUnsignedString(long)}). Fields the record's version does not have read 0.
 */
public final class Taskstats {

    /** TS_COMM_LEN: ac_comm holds at most 31 characters and a NUL. */
    public static final int COMM_LENGTH = 32;

    private final long[] values;
    private final String comm;

    private Taskstats(long[] values, String comm) {
        this.values = values;
        this.comm = comm;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(values.clone(), comm);
    }

    public long get(TaskstatsField field) {
        return values[field.ordinal()];
    }

    /** ac_comm up to its NUL. */
    public String comm() {
        return comm;
    }

    /** The struct version the kernel wrote into the record. */
    public int version() {
        return (int) values[TaskstatsField.VERSION.ordinal()];
    }

    public Delay delay(DelayClass c) {
        return new Delay(c, get(c.countField()), get(c.totalField()), get(c.maxField()), get(c.minField()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Taskstats t && Arrays.equals(values, t.values) && comm.equals(t.comm);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + comm.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("taskstats{");
        for (TaskstatsField f : TaskstatsField.all()) {
            if (f.isText()) {
                out.append(f.kernelName()).append("='").append(comm).append("', ");
            } else if (values[f.ordinal()] != 0) {
                out.append(f.kernelName()).append('=').append(Long.toUnsignedString(values[f.ordinal()])).append(", ");
            }
        }
        out.setLength(out.length() - 2);
        return out.append('}').toString();
    }

    /** Collects values; each is cut to its field's width, as storing it in the C struct would. */
    public static final class Builder {
        private final long[] values;
        private String comm;

        private Builder() {
            this(new long[TaskstatsField.all().length], "");
        }

        private Builder(long[] values, String comm) {
            this.values = values;
            this.comm = comm;
        }

        public Builder set(TaskstatsField field, long value) {
            if (field.isText()) {
                throw new IllegalArgumentException("ac_comm is text: use comm()");
            }
            values[field.ordinal()] = field.size() >= 8 ? value : value & ((1L << (8 * field.size())) - 1);
            return this;
        }

        public long get(TaskstatsField field) {
            return values[field.ordinal()];
        }

        /** Sets ac_comm; longer names are cut to 31 characters as the kernel's TS_COMM_LEN buffer would. */
        public Builder comm(String name) {
            Objects.requireNonNull(name, "comm");
            comm = name.length() >= COMM_LENGTH ? name.substring(0, COMM_LENGTH - 1) : name;
            return this;
        }

        public Builder version(int version) {
            return set(TaskstatsField.VERSION, version);
        }

        public Builder delay(DelayClass c, long count, long total, long max, long min) {
            return set(c.countField(), count).set(c.totalField(), total).set(c.maxField(), max).set(c.minField(), min);
        }

        public Taskstats build() {
            return new Taskstats(values.clone(), comm);
        }
    }
}
