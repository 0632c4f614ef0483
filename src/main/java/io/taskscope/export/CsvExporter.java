package io.taskscope.export;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.TaskstatsField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * One line per record: when, where, which kind, its id (the pid, or for a TGID aggregate the thread group's), seq,
 * then every taskstats field by its kernel name, as the kernel sent it.
 */
final class CsvExporter implements Exporter {
    private final Writer out;

    CsvExporter(Writer out) {
        this.out = out;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void begin() {
        StringBuilder h = new StringBuilder("time_ns,cpu,kind,id,seq");
        for (TaskstatsField f : TaskstatsField.values()) {
            h.append(',').append(f.kernelName());
        }
        write(h.append('\n').toString());
    }

    @Override
    public void record(ExitRecord r) {
        StringBuilder b = new StringBuilder(900);
        b.append(r.receivedNanos()).append(',').append(r.cpu()).append(',')
                .append(r.kind().name().toLowerCase(Locale.ROOT)).append(',').append(r.taskId()).append(',')
                .append(r.seq());
        for (TaskstatsField f : TaskstatsField.values()) {
            b.append(',').append(f.isText() ? CsvText.field(r.comm()) : Long.toUnsignedString(r.get(f)));
        }
        write(b.append('\n').toString());
    }

    @Override
    public void end() {
    }
}
