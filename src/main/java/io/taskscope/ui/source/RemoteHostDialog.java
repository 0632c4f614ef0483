package io.taskscope.ui.source;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/** Source → Remote machine: asks for the ssh destination, and takes only one that ssh cannot read as an option. */
public final class RemoteHostDialog {
    private RemoteHostDialog() {
    }

    /** The host typed (stripped), or empty when cancelled. */
    public static Optional<String> ask(Window owner) {
        return create(owner).showAndWait();
    }

    /** The dialog, not shown yet: while the text is not a host, OK is disabled and the problem is said under it. */
    static Dialog<String> create(Window owner) {
        Dialog<String> dialog = new Dialog<>();
        if (owner != null && owner.getScene() != null) { // a dialog's owner needs a scene (JavaFX's own NPE else)
            dialog.initOwner(owner);
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.setTitle("Remote machine");
        dialog.setHeaderText("Inspect a machine over ssh: Taskscope runs there as\n  ssh HOST "
                + HelperCommand.REMOTE_RECORD + "\n(it needs root or CAP_NET_ADMIN there, and taskscope on the PATH)");
        TextField host = new TextField();
        host.setId("remote-host");
        host.setPromptText("user@host");
        Label problem = new Label();
        problem.setId("remote-host-problem");
        problem.getStyleClass().add("cpulist-error");
        problem.setWrapText(true);
        VBox content = new VBox(8, new Label("Host:"), host, problem);
        content.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        javafx.scene.Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            String typed = host.getText().strip();
            Optional<String> why = RemoteHost.problem(typed);
            ok.setDisable(why.isPresent());
            problem.setText(typed.isEmpty() ? "" : why.orElse(""));
        };
        host.textProperty().addListener((o, a, b) -> check.run());
        check.run();
        dialog.setResultConverter(b -> b == ButtonType.OK ? host.getText().strip() : null);
        dialog.setOnShown(e -> host.requestFocus());
        return dialog;
    }
}
