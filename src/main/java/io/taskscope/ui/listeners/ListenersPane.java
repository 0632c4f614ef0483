package io.taskscope.ui.listeners;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.LazyTooltip;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The virtual listeners, one row each: which one the grid edits, colour, name, mask as cpulist text (checked as the
 * kernel checks it, as you type; Esc drops what was typed), and what it receives and loses; for the simulator also
 * its buffer and reader. A mask kept from a larger machine is shown whole, with a line under its row naming the
 * CPUs this machine lacks. What the fields do is decided by the {@link ListenersViewModel}.
 */
public final class ListenersPane extends VBox {

    private final AppModel model;
    private final ListenersViewModel vm;
    private final GridPane grid = new GridPane();
    private final ToggleGroup activeGroup = new ToggleGroup();
    private final Label error = new Label();
    private final Map<Integer, ListenerRow> rows = new HashMap<>();
    /** Each column's header, in column order; the simulator's own are in the grid only while they are shown. */
    private final Map<Label, ListenerColumn> headers = new java.util.LinkedHashMap<>();
    private boolean simulated;

    /** @param presets applies a preset set of listeners */
    public ListenersPane(AppModel model, Consumer<ListenerSet> presets) {
        this.model = model;
        this.vm = new ListenersViewModel(model);
        getStyleClass().add("listeners-pane");
        setSpacing(6);
        setPadding(new Insets(8));

        Label title = new Label("Listeners");
        title.getStyleClass().add("pane-title");
        Button add = new Button("Add");
        add.setId("add-listener");
        LazyTooltip.set(add, "Add a listener with no CPUs yet (Ctrl+N)");
        add.setOnAction(e -> addListener());
        MenuButton presetMenu = new MenuButton("Presets");
        presetMenu.setId("presets");
        for (ListenersViewModel.Preset preset : vm.presets()) {
            MenuItem item = new MenuItem(preset.label());
            item.setOnAction(e -> presets.accept(preset.make().get()));
            presetMenu.getItems().add(item);
        }
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spring, presetMenu, add);
        bar.setAlignment(Pos.CENTER_LEFT);

        grid.getStyleClass().add("listeners-grid");
        grid.setHgap(8);
        grid.setVgap(4);
        error.getStyleClass().add("cpulist-error");
        error.setId("cpulist-error");
        error.setWrapText(true);
        showRefusals();
        ScrollPane scroll = new ScrollPane(new VBox(6, grid, error));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("listeners-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, scroll);

        activeGroup.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n != null) {
                model.activeListenerProperty().set((Integer) n.getUserData());
            }
        });
        model.listenersProperty().addListener((obs, o, n) -> sync(n));
        model.activeListenerProperty().addListener((obs, o, n) -> selectActive());
        model.limitsProperty().addListener((obs, o, n) -> {
            rows.values().forEach(ListenerRow::recheck);
            sync(model.listenersProperty().get()); // which CPUs lie beyond the machine changed
        });
        sync(model.listenersProperty().get());
    }

    public void addListener() {
        vm.addListener();
    }

    public void removeActive() {
        vm.remove(model.activeListenerProperty().get());
    }

    /** Rebuilds the rows when listeners come or go; otherwise updates them in place (keeping focus and typing). */
    private void sync(ListenerSet set) {
        List<Listener> list = set.listeners();
        boolean sameIds = list.size() == rows.size() && list.stream().allMatch(l -> rows.containsKey(l.id()));
        if (!sameIds) {
            rebuild(list);
        }
        int r = 1;
        for (Listener l : list) {
            ListenerRow row = rows.get(l.id());
            row.show(l);
            r = row.placeAt(r);
        }
        selectActive();
    }

    private void rebuild(List<Listener> list) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        rows.clear();
        vm.forgetGone();
        headers.clear();
        for (ListenerColumn column : ListenerColumn.values()) {
            Label header = new Label(column.header());
            header.getStyleClass().add("column-header");
            if (column.explanation() != null) {
                LazyTooltip.set(header, column.explanation());
            }
            GridPane.setConstraints(header, column.index(), 0);
            headers.put(header, column);
            grid.getColumnConstraints().add(column.constraints());
        }
        showHeaders();
        for (Listener l : list) {
            ListenerRow row = new ListenerRow(l.id(), model, vm, activeGroup, this::showRefusals);
            row.addTo(grid, simulated);
            rows.put(l.id(), row);
        }
        showRefusals();
    }

    private void selectActive() {
        ListenerRow row = rows.get(model.activeListenerProperty().get());
        if (row != null) {
            activeGroup.selectToggle(row.activeToggle());
        }
    }

    private void showSimulatedColumns(boolean visible) {
        showHeaders();
        rows.values().forEach(row -> row.showSimulated(grid, visible));
    }

    /** The simulator's own columns' headers only while {@link #simulated}. */
    private void showHeaders() {
        ListenerRow.showInOrder(grid.getChildren(), List.copyOf(headers.keySet()),
                header -> simulated || !headers.get(header).simulatedOnly());
    }

    private void showRefusals() {
        String text = vm.refusals();
        error.setText(text == null ? "" : text);
        error.setVisible(text != null);
        error.setManaged(text != null);
    }

    /** Refreshes the numbers from a snapshot (a few times a second). */
    public void update(SessionSnapshot s) {
        vm.update(s);
        if (vm.simulated() != simulated) {
            simulated = vm.simulated();
            showSimulatedColumns(simulated);
        }
        rows.forEach((id, row) -> vm.figures(id).ifPresent(row::show));
    }

    /** Records/s of one listener as last shown, for tests. */
    String shownRate(int id) {
        ListenerRow row = rows.get(id);
        return row == null ? null : row.shownRate();
    }
}
