package io.taskscope.ui.table;

import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ExitStatus;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.core.Units;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The exit table's columns: identity and times, then per delay class count, total, mean per event, max and % of
 * lifetime. Cells hold numbers (so sorting is numeric) and show them humanised.
 */
public final class RecordColumns {
    private RecordColumns() {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** Column ids shown until the user chooses otherwise. */
    static final List<String> DEFAULT_VISIBLE = List.of("time", "cpu", "kind", "pid", "tgid", "comm", "exit", "lifetime",
            "cputime", "cpu.pct", "cpu.mean", "blkio.pct", "blkio.mean", "swapin.pct", "freepages.pct",
            "thrashing.pct");

    static List<TableColumn<ExitRecord, ?>> all() {
        List<TableColumn<ExitRecord, ?>> out = new ArrayList<>();
        out.add(text("time", "time", r -> TIME.format(Instant.ofEpochSecond(0, r.receivedNanos())), 96));
        out.add(number("cpu", "CPU", r -> (double) r.cpu(), v -> String.format(Locale.ROOT, "%.0f", v), 44));
        out.add(text("kind", "kind", r -> r.kind() == RecordKind.PID ? "thread" : "process", 62, r -> r.kind()
                == RecordKind.PID ? null : "A process's total (TASKSTATS_TYPE_AGGR_TGID): the sum over its threads,"
                + " sent with the record of its last thread"));
        out.add(number("pid", "PID", r -> (double) r.pid(), v -> String.format(Locale.ROOT, "%.0f", v), 64));
        out.add(number("tgid", "TGID", r -> (double) r.tgid(), v -> String.format(Locale.ROOT, "%.0f", v), 64));
        out.add(text("comm", "command", ExitRecord::command, 110, r -> r.kind() == RecordKind.PID ? null
                : "The comm of the process's last thread, from the record it came with: the kernel leaves ac_comm"
                + " empty in a process total"));
        out.add(number("uid", "user", r -> (double) r.get(TaskstatsField.AC_UID),
                v -> String.format(Locale.ROOT, "%.0f", v), 56));
        out.add(text("exit", "exit", r -> ExitStatus.describe(r.get(TaskstatsField.AC_EXITCODE)), 70));
        out.add(number("lifetime", "lifetime", r -> (double) r.lifetimeNanos(), v -> Units.nanos(v.longValue()), 80));
        out.add(number("cputime", "CPU time", r -> (double) r.get(TaskstatsField.CPU_RUN_VIRTUAL_TOTAL),
                v -> Units.nanos(v.longValue()), 80));
        for (DelayClass c : DelayClass.values()) {
            String k = c.kernelPrefix();
            String l = c.label();
            out.add(number(k + ".count", l + " n", r -> (double) r.get(c.countField()),
                    v -> String.format(Locale.ROOT, "%,.0f", v), 64));
            Function<ExitRecord, String> impossible = r -> DelayPlausibility.has(DelayPlausibility.implausible(r), c)
                    ? IMPLAUSIBLE : null;
            out.add(number(k + ".total", l + " total", r -> (double) r.get(c.totalField()),
                    v -> Units.nanos(v.longValue()), 80, impossible));
            out.add(number(k + ".mean", l + " mean", r -> r.delay(c).average(), v -> Units.nanos(v.longValue()), 80,
                    impossible));
            out.add(number(k + ".max", l + " max", r -> (double) r.get(c.maxField()), v -> Units.nanos(v.longValue()), 80));
            out.add(number(k + ".pct", l + " %", r -> r.percentOfLifetime(c),
                    v -> Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f%%", v), 72, impossible));
        }
        return out;
    }

    /** The tooltip of a delay the kernel sent that cannot be true. */
    static final String IMPLAUSIBLE = "Implausible: longer than the task lived (for a process: than count × its"
            + " walltime). The kernel's value, shown as sent; kept out of means, percentiles and heat unless"
            + " View ▸ Include implausible delays is on.";

    private static TableColumn<ExitRecord, String> text(String id, String title, Function<ExitRecord, String> value,
                                                        double width) {
        return text(id, title, value, width, null);
    }

    private static TableColumn<ExitRecord, String> text(String id, String title, Function<ExitRecord, String> value,
                                                        double width, Function<ExitRecord, String> note) {
        TableColumn<ExitRecord, String> col = new TableColumn<>(title);
        col.setId(id);
        col.setPrefWidth(width);
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        col.setCellFactory(c -> new PlainTextCell<>(Function.identity(), false, note, false));
        return col;
    }

    private static TableColumn<ExitRecord, Double> number(String id, String title, Function<ExitRecord, Double> value,
                                                          Function<Double, String> show, double width) {
        return number(id, title, value, show, width, null);
    }

    private static TableColumn<ExitRecord, Double> number(String id, String title, Function<ExitRecord, Double> value,
                                                          Function<Double, String> show, double width,
                                                          Function<ExitRecord, String> note) {
        TableColumn<ExitRecord, Double> col = new TableColumn<>(title);
        col.setId(id);
        col.setPrefWidth(width);
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        col.setCellFactory(c -> new PlainTextCell<>(show, true, note, true));
        col.setComparator((a, b) -> Double.compare(a == null || a.isNaN() ? -1 : a, b == null || b.isNaN() ? -1 : b));
        return col;
    }
}
