package io.taskscope.ui.shell;

import io.taskscope.live.ProbeReport;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Locale;

/** The probe's checks, each with its fix, in a dialog whose text can be copied. */
public final class DiagnosticsDialog {
    private DiagnosticsDialog() {
    }

    static String text(ProbeReport report) {
        StringBuilder out = new StringBuilder();
        for (ProbeReport.Check c : report.checks()) {
            out.append(String.format(Locale.ROOT, "%-5s %-18s %s%n", c.status(), c.name(), c.detail()));
            if (!c.fix().isEmpty() && c.status() != ProbeReport.Status.OK) {
                out.append(String.format(Locale.ROOT, "      fix: %s%n", c.fix()));
            }
        }
        return out.toString();
    }

    static void show(Window owner, ProbeReport report) {
        Alert alert = new Alert(report.liveCollectionWorks() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Diagnostics");
        alert.setHeaderText(report.liveCollectionWorks() ? "Live collection works on this machine."
                : "Live collection cannot work here yet. The simulator keeps running meanwhile.");
        TextArea area = new TextArea(text(report));
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefColumnCount(90);
        area.setPrefRowCount(14);
        area.getStyleClass().add("mono");
        VBox box = new VBox(8, new Label("Select and copy what you need (Ctrl+A, Ctrl+C):"), area);
        box.setPadding(new Insets(4));
        alert.getDialogPane().setContent(box);
        alert.setResizable(true);
        alert.show();
    }
}
