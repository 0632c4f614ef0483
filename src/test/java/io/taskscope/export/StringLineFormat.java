package io.taskscope.export;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ExitStatus;
import io.taskscope.core.Listener;
import io.taskscope.core.TaskstatsField;
import io.taskscope.core.Units;

import java.util.Locale;

/** The String-building formats listen had before LineFormat wrote bytes: the reference the byte formats must match. */
enum StringLineFormat {
    /** For people: the essentials and the non-zero delays, humanised. */
    TEXT {
        @Override
        String header() {
            return null;
        }

        @Override
        String line(Listener listener, ExitRecord r) {
            StringBuilder out = new StringBuilder(160);
            out.append(listener.name()).append(" cpu ").append(r.cpu()).append(' ')
                    .append(r.kind().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(r.kind() == io.taskscope.core.RecordKind.PID ? r.pid() : r.tgid())
                    .append(" tgid ").append(r.tgid())
                    .append(" '").append(r.command()).append("' ")
                    .append(ExitStatus.describe(r.get(TaskstatsField.AC_EXITCODE)))
                    .append(" lifetime ").append(Units.micros(r.get(TaskstatsField.AC_ETIME)))
                    .append(" cpu-time ").append(Units.nanos(r.get(TaskstatsField.CPU_RUN_REAL_TOTAL)));
            for (DelayClass c : DelayClass.values()) {
                long count = r.get(c.countField());
                if (count != 0) {
                    out.append(' ').append(c.kernelPrefix()).append("-delay ").append(count).append('x')
                            .append(Units.nanos(r.get(c.totalField())));
                }
            }
            return out.append(" seq ").append(r.seq()).toString();
        }
    },
    /** One JSON object per line: listener, cpu, kind, seq, version, then every field under its kernel name. */
    JSONL {
        @Override
        String header() {
            return null;
        }

        @Override
        String line(Listener listener, ExitRecord r) {
            StringBuilder out = new StringBuilder(1800);
            out.append("{\"listener\":").append(JsonText.string(listener.name()))
                    .append(",\"cpu\":").append(r.cpu())
                    .append(",\"kind\":\"").append(r.kind().name().toLowerCase(Locale.ROOT)).append('"')
                    .append(",\"id\":").append(r.taskId())
                    .append(",\"seq\":").append(r.seq())
                    .append(",\"version\":").append(r.version());
            for (TaskstatsField f : TaskstatsField.values()) {
                if (f == TaskstatsField.VERSION) {
                    continue;
                }
                out.append(",\"").append(f.kernelName()).append("\":");
                if (f.isText()) {
                    out.append(JsonText.string(r.comm()));
                } else {
                    out.append(Long.toUnsignedString(r.get(f)));
                }
            }
            return out.append('}').toString();
        }
    },
    /** A header of kernel field names, then one row per pair. */
    CSV {
        @Override
        String header() {
            StringBuilder out = new StringBuilder("listener,cpu,kind,id,seq,version");
            for (TaskstatsField f : TaskstatsField.values()) {
                if (f != TaskstatsField.VERSION) {
                    out.append(',').append(f.kernelName());
                }
            }
            return out.toString();
        }

        @Override
        String line(Listener listener, ExitRecord r) {
            StringBuilder out = new StringBuilder(900);
            out.append(CsvText.field(listener.name())).append(',').append(r.cpu()).append(',')
                    .append(r.kind().name().toLowerCase(Locale.ROOT)).append(',').append(r.taskId()).append(',')
                    .append(r.seq()).append(',')
                    .append(r.version());
            for (TaskstatsField f : TaskstatsField.values()) {
                if (f != TaskstatsField.VERSION) {
                    out.append(',').append(f.isText() ? CsvText.field(r.comm()) : Long.toUnsignedString(r.get(f)));
                }
            }
            return out.toString();
        }
    };

    /** The first line, or null. */
    abstract String header();

    abstract String line(Listener listener, ExitRecord record);
}
