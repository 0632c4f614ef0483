package io.taskscope.ui.listeners;

import io.taskscope.core.Listener;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.LazyTooltip;
import io.taskscope.ui.base.Palette;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** One listener's row of controls; what they do is decided by the {@link ListenersViewModel}. */
final class ListenerRow {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass LOSING = PseudoClass.getPseudoClass("losing");

    private final int id;
    private final ListenersViewModel vm;
    /** Called when the cpulist text's refusal may have changed, so the pane shows the reasons. */
    private final Runnable refusalsChanged;
    private final RadioButton active = new RadioButton();
    private final ColourCell colour;
    private final TextField name = new TextField();
    private final TextField cpulist = new TextField();
    private final Label count = new Label();
    private final Label rate = new Label("0");
    private final Label delivered = new Label("0");
    private final Label lost = new Label("0");
    private static final String BUFFER_TIP = "Receive buffer in bytes (the kernel's default is 212992)";
    private static final String READER_TIP = "How many records a second this listener's reader takes (max: as fast as "
            + "they come)";
    private final TextField buffer = new TextField();
    private final TextField reader = new TextField();
    private final CheckBox enabled = new CheckBox();
    private final Button remove = new Button("✕");
    /** Under the row, when the mask names CPUs this machine lacks: which, said plainly. */
    private final Label beyond = new Label();
    private final Map<ListenerColumn, Node> cells = new EnumMap<>(ListenerColumn.class);

    ListenerRow(int id, AppModel model, ListenersViewModel vm, ToggleGroup activeGroup, Runnable refusalsChanged) {
        this.id = id;
        this.vm = vm;
        this.refusalsChanged = refusalsChanged;
        active.setId("active-" + id);
        active.setToggleGroup(activeGroup);
        active.setUserData(id);
        LazyTooltip.set(active, "Edit this listener's CPUs on the grid");
        colour = new ColourCell("colour-" + id, c -> vm.recolour(id, Palette.rgb(c)),
                picker -> cells.put(ListenerColumn.COLOUR, picker));
        name.setPrefColumnCount(8);
        name.setMinWidth(Region.USE_PREF_SIZE);
        name.setOnAction(e -> commitName());
        name.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                commitName();
            }
        });
        cpulist.setId("cpulist-" + id);
        cpulist.setPrefColumnCount(14);
        cpulist.setMinWidth(140);
        cpulist.textProperty().addListener((obs, o, n) -> check(n));
        cpulist.setOnAction(e -> cpulist.setText(vm.commitCpulist(id, cpulist.getText())));
        cpulist.addEventFilter(KeyEvent.KEY_PRESSED, this::escapeRestoresTheMask);
        cpulist.focusedProperty().addListener((obs, was, is) -> {
            if (is) {
                model.activeListenerProperty().set(id);
            } else {
                cpulist.setText(vm.commitCpulist(id, cpulist.getText()));
            }
        });
        buffer.setId("buffer-" + id);
        buffer.setPrefColumnCount(6);
        buffer.setMinWidth(Region.USE_PREF_SIZE);
        LazyTooltip.set(buffer, BUFFER_TIP);
        buffer.setOnAction(e -> commitBuffer());
        reader.setId("reader-" + id);
        reader.setPrefColumnCount(6);
        reader.setMinWidth(Region.USE_PREF_SIZE);
        LazyTooltip.set(reader, READER_TIP);
        reader.setOnAction(e -> commitBuffer());
        enabled.setSelected(model.isEnabled(id));
        LazyTooltip.set(enabled, "Switch off: deregister everywhere, keep the definition");
        enabled.setOnAction(e -> model.setEnabled(id, enabled.isSelected()));
        remove.getStyleClass().add("flat");
        LazyTooltip.set(remove, "Remove this listener");
        remove.setOnAction(e -> vm.remove(id));
        lost.getStyleClass().add("lost");
        LazyTooltip.set(count, "CPUs of its mask this machine has: those it is registered on");
        beyond.setId("cpulist-beyond-" + id);
        beyond.getStyleClass().addAll("field-label", "cpulist-beyond");
        LazyTooltip.set(beyond, "The mask is kept whole, as defined (a larger machine or the simulator has "
                + "these CPUs); here only the CPUs this machine has are registered. The kernel refuses a whole mask "
                + "beyond its possible CPUs (ERANGE), which would leave the listener with no CPU at all.");
        showBeyond(null);
        cells.put(ListenerColumn.ACTIVE, active);
        cells.put(ListenerColumn.COLOUR, colour.node());
        cells.put(ListenerColumn.NAME, name);
        cells.put(ListenerColumn.CPULIST, cpulist);
        cells.put(ListenerColumn.CPU_COUNT, count);
        cells.put(ListenerColumn.RATE, rate);
        cells.put(ListenerColumn.RECEIVED, delivered);
        cells.put(ListenerColumn.LOST, lost);
        cells.put(ListenerColumn.BUFFER, buffer);
        cells.put(ListenerColumn.READER, reader);
        cells.put(ListenerColumn.ENABLED, enabled);
        cells.put(ListenerColumn.REMOVE, remove);
    }

    /** Selected when this listener is the one the grid edits. */
    RadioButton activeToggle() {
        return active;
    }

    /**
     * Puts the row's controls into the grid (placed by {@link #placeAt}), the simulator's own ones only with
     * {@code simulated}.
     */
    void addTo(GridPane grid, boolean simulated) {
        cells.forEach((column, node) -> GridPane.setColumnIndex(node, column.index()));
        showSimulated(grid, simulated);
        grid.add(beyond, ListenerColumn.CPULIST.index(), 0, ListenerColumn.values().length
                - ListenerColumn.CPULIST.index(), 1);
    }

    /**
     * Adds or takes out the simulator's own fields (buffer, reader). Out of the grid rather than hidden: a hidden
     * field is styled and skinned all the same, and before the first frame no source runs yet.
     */
    void showSimulated(GridPane grid, boolean on) {
        showInOrder(grid.getChildren(), List.copyOf(cells.values()),
                node -> on || !(node == buffer || node == reader));
    }

    /**
     * Makes {@code children} hold, of {@code inOrder}, exactly those {@code shown} accepts, each one added right
     * after the one before it that is there (at the end when none is): the grid's children stay in row and column
     * order, which Tab follows from field to field.
     */
    static void showInOrder(List<Node> children, List<? extends Node> inOrder, Predicate<Node> shown) {
        int at = -1; // where the last of inOrder in children stands
        for (Node node : inOrder) {
            int i = children.indexOf(node);
            if (!shown.test(node)) {
                if (i >= 0) {
                    children.remove(i); // after `at`, which stays where it is
                }
            } else if (i < 0) {
                at = at < 0 ? children.size() : at + 1;
                children.add(at, node);
            } else {
                at = i;
            }
        }
    }

    /**
     * Places the row at grid row {@code row}, and its note under it when there is one; moving nodes rather than
     * adding them again keeps the focus and any typing.
     *
     * @return the next free grid row
     */
    int placeAt(int row) {
        cells.values().forEach(node -> GridPane.setRowIndex(node, row));
        GridPane.setRowIndex(beyond, row + 1);
        return beyond.isManaged() ? row + 2 : row + 1;
    }

    /** The listener's definition; text being typed is left alone. */
    void show(Listener l) {
        colour.setColour(Palette.fx(l.rgb()));
        if (!name.isFocused()) {
            name.setText(l.name());
        }
        if (!cpulist.isFocused()) {
            cpulist.setText(l.cpus().toCpulist());
        }
        count.setText(Integer.toString(vm.cpusHere(l)));
        showBeyond(vm.beyondMachine(id));
        active.setStyle("-fx-mark-color: " + Palette.css(l.rgb()) + ";");
    }

    void show(ListenersViewModel.Figures f) {
        rate.setText(f.rateText());
        delivered.setText(f.deliveredText());
        lost.setText(f.lostText());
        LazyTooltip.set(lost, f.lostExplanation());
        lost.pseudoClassStateChanged(LOSING, f.losing());
        if (f.buffer() != null) {
            if (buffer.isEditable() == f.asRecorded()) { // a replay shows the recorded settings; they cannot change
                buffer.setEditable(!f.asRecorded());
                reader.setEditable(!f.asRecorded());
                LazyTooltip.set(buffer, f.asRecorded() ? "The receive buffer it was recorded with"
                        : BUFFER_TIP);
                LazyTooltip.set(reader, f.asRecorded() ? "The reader pace it was recorded with" : READER_TIP);
            }
            if (!buffer.isFocused()) {
                buffer.setText(Integer.toString(f.buffer().bytes()));
            }
            if (!reader.isFocused()) { // a registered listener read as fast as its socket fills: no pace
                double pace = f.buffer().drainPerSecond();
                reader.setText(Double.isInfinite(pace) ? "max" : String.format(Locale.ROOT, "%.0f", pace));
            }
        }
    }

    private void showBeyond(String note) {
        beyond.setText(note == null ? "" : "↳ " + note);
        beyond.setVisible(note != null);
        beyond.setManaged(note != null);
    }

    String shownRate() {
        return rate.getText();
    }

    /** The machine changed: the text is checked again against its CPUs. */
    void recheck() {
        check(cpulist.getText());
    }

    private void check(String text) {
        vm.check(id, text);
        cpulist.pseudoClassStateChanged(INVALID, vm.isRefused(id));
        refusalsChanged.run();
    }

    /** Esc drops what was typed, when it is not the mask in force (otherwise Esc is left to the window). */
    private void escapeRestoresTheMask(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && !cpulist.getText().equals(vm.maskText(id))) {
            cpulist.setText(vm.cancelCpulist(id));
            cpulist.end();
            e.consume();
        }
    }

    private void commitName() {
        String shown = vm.rename(id, name.getText());
        if (!shown.equals(name.getText())) {
            name.setText(shown);
        }
    }

    private void commitBuffer() {
        ListenersViewModel.BufferCheck check = vm.editBuffer(id, buffer.getText(), reader.getText());
        buffer.pseudoClassStateChanged(INVALID, !check.bytesOk());
        reader.pseudoClassStateChanged(INVALID, !check.paceOk());
    }
}
