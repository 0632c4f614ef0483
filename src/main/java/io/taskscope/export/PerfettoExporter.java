package io.taskscope.export;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ExitStatus;
import io.taskscope.core.TaskstatsField;
import io.taskscope.source.LossEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.TreeMap;

/** Chrome trace event JSON, which Perfetto opens: process 1 is the machine, thread n its CPU n. */
final class PerfettoExporter implements Exporter {
    private final Writer out;
    private boolean firstEvent = true;
    private final TreeMap<Integer, TreeMap<Long, Integer>> perCpuSecond = new TreeMap<>();

    PerfettoExporter(Writer out) {
        this.out = out;
    }

    private void event(String json) {
        try {
            out.write(firstEvent ? "\n" : ",\n");
            out.write(json);
            firstEvent = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void begin() {
        try {
            out.write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        event("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"task exits\"}}");
    }

    @Override
    public void record(ExitRecord r) {
        perCpuSecond.computeIfAbsent(r.cpu(), k -> {
            event("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + r.cpu()
                    + ",\"args\":{\"name\":\"CPU " + r.cpu() + "\"}}");
            return new TreeMap<>();
        }).merge(r.receivedNanos() / 1_000_000_000L, 1, Integer::sum);
        StringBuilder args = new StringBuilder();
        args.append("\"pid\":").append(r.pid()).append(",\"tgid\":").append(r.tgid())
                .append(",\"kind\":\"").append(r.kind().name().toLowerCase(Locale.ROOT)).append('"')
                .append(",\"exit\":").append(JsonText.string(ExitStatus.describe(r.get(TaskstatsField.AC_EXITCODE))))
                .append(",\"lifetime_us\":").append(r.get(TaskstatsField.AC_ETIME));
        for (DelayClass c : DelayClass.values()) {
            long count = r.get(c.countField());
            if (count > 0) {
                args.append(",\"").append(c.kernelPrefix()).append("_delay_ns\":").append(r.get(c.totalField()))
                        .append(",\"").append(c.kernelPrefix()).append("_count\":").append(count);
            }
        }
        event(String.format(Locale.ROOT, "{\"name\":%s,\"cat\":\"exit\",\"ph\":\"i\",\"s\":\"t\",\"ts\":%.3f,"
                + "\"pid\":1,\"tid\":%d,\"args\":{%s}}", JsonText.string(r.comm().isEmpty() ? "(tgid "
                + r.taskId() + ")" : r.comm()), r.receivedNanos() / 1e3, r.cpu(), args));
    }

    @Override
    public void loss(LossEvent loss) {
        event(String.format(Locale.ROOT, "{\"name\":\"lost %d records on CPU %d\",\"cat\":\"loss\",\"ph\":\"i\","
                + "\"s\":\"g\",\"ts\":%.3f,\"pid\":1,\"tid\":0,\"args\":{\"cause\":\"%s\",\"records\":%d}}",
                loss.records(), loss.cpu(), loss.timeNanos() / 1e3, loss.cause(), loss.records()));
    }

    @Override
    public void end() {
        perCpuSecond.forEach((cpu, seconds) -> seconds.forEach((second, n) -> event(String.format(Locale.ROOT,
                "{\"name\":\"exits/s CPU %d\",\"ph\":\"C\",\"ts\":%d,\"pid\":1,\"args\":{\"exits\":%d}}",
                cpu, second * 1_000_000L, n))));
        try {
            out.write("\n]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
