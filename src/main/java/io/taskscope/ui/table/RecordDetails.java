package io.taskscope.ui.table;

import io.taskscope.core.DelayClass;
import io.taskscope.core.DelayPlausibility;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ExitStatus;
import io.taskscope.core.RecordKind;
import io.taskscope.core.TaskstatsField;
import io.taskscope.core.Units;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Every field of one record: kernel name, raw value, and what it means in units people read. */
public final class RecordDetails {
    private RecordDetails() {
    }

    /** One line of the details: field name, raw value, humanised value. */
    public record Line(String field, String raw, String meaning) {
    }

    static List<Line> lines(ExitRecord r) {
        List<Line> out = new java.util.ArrayList<>();
        out.add(new Line("(kind)", r.kind().name().toLowerCase(Locale.ROOT), r.kind().name() + " record"));
        out.add(new Line("(cpu)", Integer.toString(r.cpu()), "exited on CPU " + r.cpu()));
        out.add(new Line("(seq)", Long.toString(r.seq()), "netlink sequence number"));
        out.add(new Line("(id)", Long.toString(r.taskId()), r.kind() == RecordKind.PID ? "pid (TASKSTATS_TYPE_PID)"
                : "thread group id (TASKSTATS_TYPE_TGID)"));
        if (r.kind() == RecordKind.TGID) {
            out.add(new Line("(command)", r.command(), r.threadComm().isEmpty() ? "unknown: read without its thread"
                    : "the last thread's comm, from the record it came with (ac_comm is empty in a process total)"));
        }
        int implausible = DelayPlausibility.implausible(r);
        for (TaskstatsField f : TaskstatsField.values()) {
            if (f.isText()) {
                out.add(new Line(f.kernelName(), r.comm(), ""));
                continue;
            }
            if (!f.presentIn(r.version()) && f.sinceVersion() > 16) {
                continue; // v17's fields on an older record: not sent, not zero
            }
            long v = r.get(f);
            String meaning = meaning(f, v);
            for (DelayClass c : DelayClass.values()) {
                if (f == c.totalField() && DelayPlausibility.has(implausible, c)) {
                    meaning = meaning + "  ⚠ implausible: longer than the task lived";
                }
            }
            out.add(new Line(f.kernelName(), Long.toUnsignedString(v), meaning));
        }
        return out;
    }

    private static final java.time.format.DateTimeFormatter LOCAL = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(java.time.ZoneId.systemDefault());

    static String meaning(TaskstatsField f, long v) {
        if (f == TaskstatsField.AC_EXITCODE) {
            return ExitStatus.describe(v);
        }
        return switch (f.unit()) {
            case NANOSECONDS -> Units.nanos(v);
            case MICROSECONDS -> Units.micros(v);
            case KILOBYTES -> Units.bytes(v * 1024);
            case BYTES -> Units.bytes(v);
            case EPOCH_SECONDS -> v == 0 ? "" : Instant.ofEpochSecond(v).toString();
            case EPOCH_NANOSECONDS -> v == 0 ? "never" : LOCAL.format(Instant.ofEpochSecond(0, v)) + " (local)";
            case FLAGS -> String.format(Locale.ROOT, "0x%02x", v);
            case MEGABYTE_MICROSECONDS -> String.format(Locale.ROOT, "%,d MB·µs", v);
            default -> "";
        };
    }

    static void show(Window owner, ExitRecord r) {
        TableView<Line> table = new TableView<>();
        table.setId("record-details");
        TableColumn<Line, String> field = new TableColumn<>("field");
        field.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().field()));
        field.setPrefWidth(200);
        TableColumn<Line, String> raw = new TableColumn<>("raw");
        raw.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().raw()));
        raw.setPrefWidth(170);
        raw.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<Line, String> meaning = new TableColumn<>("meaning");
        meaning.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().meaning()));
        meaning.setPrefWidth(220);
        table.getColumns().addAll(List.of(field, raw, meaning));
        table.getItems().setAll(lines(r));
        table.setPrefSize(620, 560);
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Exit of " + r.command() + " (" + r.kind().name().toLowerCase(Locale.ROOT) + " " + r.taskId() + ")");
        alert.getDialogPane().setContent(table);
        alert.setResizable(true);
        alert.show();
    }
}
