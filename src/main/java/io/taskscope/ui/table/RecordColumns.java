package io.taskscope.ui.table;

import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ExitStatus;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.core.Units;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The exit table's columns: identity and times, then per delay class count, total, mean per event, max and % of
 * lifetime. Cells hold numbers (so sorting is numeric) and show them humanised. Headers are short, on up to three
 * lines; each has a tooltip naming the kernel field and what it means. Only the labels are the table's own: the
 * CSV and JSON exports keep the kernel's field names.
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
        out.add(text("time", "time", "When the record arrived (in a recording: when it was recorded)",
                r -> TIME.format(Instant.ofEpochSecond(0, r.receivedNanos())), 96));
        out.add(number("cpu", "CPU", "The CPU the task exited on: the per-CPU socket its record came through",
                r -> (double) r.cpu(), v -> String.format(Locale.ROOT, "%.0f", v), 44));
        out.add(text("kind", "kind", "thread: one task's own record. process: the kernel's total over a thread "
                + "group (TASKSTATS_TYPE_AGGR_TGID), sent with the record of its last thread",
                r -> r.kind() == RecordKind.PID ? "thread" : "process", 62, r -> r.kind()
                == RecordKind.PID ? null : "A process's total (TASKSTATS_TYPE_AGGR_TGID): the sum over its threads,"
                + " sent with the record of its last thread"));
        out.add(number("pid", "PID", "ac_pid: the task's id", r -> (double) r.pid(),
                v -> String.format(Locale.ROOT, "%.0f", v), 64));
        out.add(number("tgid", "TGID", "ac_tgid: its thread group's (its process's) id", r -> (double) r.tgid(),
                v -> String.format(Locale.ROOT, "%.0f", v), 64));
        out.add(text("comm", "command", "ac_comm: the command name, as the kernel keeps it (15 characters at most)",
                ExitRecord::command, 110, r -> r.kind() == RecordKind.PID ? null
                : "The comm of the process's last thread, from the record it came with: the kernel leaves ac_comm"
                + " empty in a process total"));
        out.add(number("uid", "user", "ac_uid: the user id it ran as", r -> (double) r.get(TaskstatsField.AC_UID),
                v -> String.format(Locale.ROOT, "%.0f", v), 56));
        out.add(text("exit", "exit", "ac_exitcode: its exit status, or the signal that ended it",
                r -> ExitStatus.describe(r.get(TaskstatsField.AC_EXITCODE)), 70));
        out.add(number("lifetime", "lifetime", "ac_etime: how long the task lived, from its start to its exit",
                r -> (double) r.lifetimeNanos(), v -> Units.nanos(v.longValue()), 80));
        out.add(number("cputime", "CPU time", "cpu_run_virtual_total: how long it ran on a CPU",
                r -> (double) r.get(TaskstatsField.CPU_RUN_VIRTUAL_TOTAL), v -> Units.nanos(v.longValue()), 80));
        for (DelayClass c : DelayClass.values()) {
            String k = c.kernelPrefix();
            // "CPU / delay / % of life": named for what it is, a wait, never to be read as CPU usage; three short
            // lines keep the seven default delay columns within a 1280-pixel window
            String l = shortLabel(c) + "\ndelay\n";
            String waiting = "waiting " + WAITING[c.ordinal()];
            out.add(number(k + ".count", l + "count", c.countField().kernelName() + ": how many times the task was "
                    + waiting, r -> (double) r.get(c.countField()), v -> String.format(Locale.ROOT, "%,.0f", v), 64));
            Function<ExitRecord, String> impossible = r -> DelayPlausibility.has(DelayPlausibility.implausible(r), c)
                    ? IMPLAUSIBLE : null;
            out.add(number(k + ".total", l + "total", c.totalField().kernelName() + ": how long the task was "
                    + waiting + ", in all", r -> (double) r.get(c.totalField()), v -> Units.nanos(v.longValue()), 80,
                    impossible));
            out.add(number(k + ".mean", l + "mean", "The mean of one wait: " + c.totalField().kernelName() + " / "
                    + c.countField().kernelName(), r -> r.delay(c).average(), v -> Units.nanos(v.longValue()), 80,
                    impossible));
            out.add(number(k + ".max", l + "max", c.maxField().kernelName() + ": its longest single wait (kernels "
                    + "with taskstats v15 and later)", r -> (double) r.get(c.maxField()), v -> Units.nanos(v.longValue()),
                    80));
            out.add(number(k + ".pct", l + "% of life", "How much of its life the task spent " + waiting + ": "
                    + c.totalField().kernelName() + " / ac_etime, in percent. Time waited, not CPU used; a process's "
                    + "total sums its threads and can pass 100 %", r -> r.percentOfLifetime(c),
                    v -> Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f%%", v), 72, impossible));
        }
        return out;
    }

    /** What each delay class waits for, after "waiting", in {@link DelayClass} order. */
    private static final String[] WAITING = {"for a CPU while runnable", "for block I/O", "for pages to be swapped in",
        "in direct memory reclaim", "for pages it had just had evicted (thrashing)", "in direct memory compaction",
        "for write-protect copies (copy on write)", "while interrupts ran on its CPU"};

    /** A delay class's name short enough for a column header. */
    static String shortLabel(DelayClass c) {
        return c == DelayClass.WPCOPY ? "WP copy" : c.label();
    }

    /** The column's name on one line, for the column chooser. */
    static String name(TableColumn<ExitRecord, ?> col) {
        return ((Label) col.getGraphic()).getText().replace('\n', ' ');
    }

    /**
     * The header: a label (its text may be two lines) with a tooltip saying what the values are, as the column's
     * graphic, since a column's own text can have no tooltip.
     */
    private static void header(TableColumn<ExitRecord, ?> col, String title, String meaning) {
        Label label = new Label(title);
        label.setTextAlignment(TextAlignment.CENTER);
        label.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip tip = new Tooltip(meaning);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        label.setTooltip(tip);
        col.setGraphic(label);
    }

    /** The tooltip of a delay the kernel sent that cannot be true. */
    static final String IMPLAUSIBLE = "Implausible: longer than the task lived (for a process: than count × its"
            + " walltime). The kernel's value, shown as sent; kept out of means, percentiles and heat unless"
            + " View ▸ Include implausible delays is on.";

    private static TableColumn<ExitRecord, String> text(String id, String title, String meaning,
                                                        Function<ExitRecord, String> value, double width) {
        return text(id, title, meaning, value, width, null);
    }

    private static TableColumn<ExitRecord, String> text(String id, String title, String meaning,
                                                        Function<ExitRecord, String> value, double width,
                                                        Function<ExitRecord, String> note) {
        TableColumn<ExitRecord, String> col = new TableColumn<>();
        header(col, title, meaning);
        col.setId(id);
        col.setPrefWidth(width);
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        col.setCellFactory(c -> new PlainTextCell<>(Function.identity(), false, note, false));
        return col;
    }

    private static TableColumn<ExitRecord, Double> number(String id, String title, String meaning,
                                                          Function<ExitRecord, Double> value,
                                                          Function<Double, String> show, double width) {
        return number(id, title, meaning, value, show, width, null);
    }

    private static TableColumn<ExitRecord, Double> number(String id, String title, String meaning,
                                                          Function<ExitRecord, Double> value,
                                                          Function<Double, String> show, double width,
                                                          Function<ExitRecord, String> note) {
        TableColumn<ExitRecord, Double> col = new TableColumn<>();
        header(col, title, meaning);
        col.setId(id);
        col.setPrefWidth(width);
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        col.setCellFactory(c -> new PlainTextCell<>(show, true, note, true));
        col.setComparator((a, b) -> Double.compare(a == null || a.isNaN() ? -1 : a, b == null || b.isNaN() ? -1 : b));
        return col;
    }
}
