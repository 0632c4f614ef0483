package io.taskscope.ui.listeners;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.Palette;
import io.taskscope.ui.grid.NumaNodes;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The virtual listeners, one row each: which one the grid edits, colour, name, mask as cpulist text (checked as the
 * kernel checks it, as you type), and what it receives and loses; for the simulator also its buffer and reader.
 */
public final class ListenersPane extends VBox {

    private final AppModel model;
    private final GridPane grid = new GridPane();
    private final ToggleGroup activeGroup = new ToggleGroup();
    private final Label error = new Label();
    private final Map<Integer, Row> rows = new HashMap<>();
    private final Map<Integer, long[]> previous = new HashMap<>();
    private long previousNanos;
    private long generation = -1;
    private boolean simulated;

    public ListenersPane(AppModel model, Consumer<ListenerSet> presets) {
        this.model = model;
        getStyleClass().add("listeners-pane");
        setSpacing(6);
        setPadding(new Insets(8));

        Label title = new Label("Listeners");
        title.getStyleClass().add("pane-title");
        Button add = new Button("Add");
        add.setId("add-listener");
        add.setTooltip(new Tooltip("Add a listener with no CPUs yet (Ctrl+N)"));
        add.setOnAction(e -> addListener());
        MenuButton presetMenu = new MenuButton("Presets");
        presetMenu.setId("presets");
        presetMenu.getItems().addAll(
                preset("One listener on all CPUs", () -> ListenerSet.oneOnAll(cpus()), presets),
                preset("One per NUMA node", () -> ListenerSet.perNode(NumaNodes.of(cpus())), presets),
                preset("Split evenly into 2", () -> ListenerSet.splitEvenly(cpus(), 2), presets),
                preset("Split evenly into 4", () -> ListenerSet.splitEvenly(cpus(), 4), presets),
                preset("Split evenly into 8", () -> ListenerSet.splitEvenly(cpus(), 8), presets),
                preset("One per CPU (up to 64)", () -> ListenerSet.perCpu(cpus()), presets));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spring, presetMenu, add);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        grid.getStyleClass().add("listeners-grid");
        grid.setHgap(8);
        grid.setVgap(4);
        error.getStyleClass().add("cpulist-error");
        error.setId("cpulist-error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
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
        model.limitsProperty().addListener((obs, o, n) -> rows.values().forEach(Row::revalidate));
        sync(model.listenersProperty().get());
    }

    private MenuItem preset(String label, java.util.function.Supplier<ListenerSet> make, Consumer<ListenerSet> apply) {
        MenuItem item = new MenuItem(label);
        item.setOnAction(e -> apply.accept(make.get()));
        return item;
    }

    private int cpus() {
        return model.limitsProperty().get().nrCpuIds();
    }

    public void addListener() {
        ListenerSet set = model.listenersProperty().get();
        if (set.isFull()) {
            return;
        }
        ListenerSet next = set.add("listener" + (set.size() + 1), CpuSet.empty());
        model.edit(next);
        model.activeListenerProperty().set(next.listeners().get(next.size() - 1).id());
    }

    public void removeActive() {
        int id = model.activeListenerProperty().get();
        if (id >= 0) {
            model.edit(model.listenersProperty().get().remove(id));
        }
    }

    /** Rebuilds the rows when listeners come or go; otherwise updates them in place (keeping focus and typing). */
    private void sync(ListenerSet set) {
        List<Listener> list = set.listeners();
        boolean sameIds = list.size() == rows.size() && list.stream().allMatch(l -> rows.containsKey(l.id()));
        if (!sameIds) {
            rebuild(list);
        }
        for (Listener l : list) {
            rows.get(l.id()).show(l);
        }
        selectActive();
    }

    private void rebuild(List<Listener> list) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        rows.clear();
        String[] headers = {"", "", "name", "CPUs (cpulist)", "CPUs", "records/s", "received", "lost",
                "buffer (bytes)", "reader (rec/s)", "on", ""};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(headers[c]);
            h.getStyleClass().add("column-header");
            if (c == 7) {
                h.setTooltip(new javafx.scene.control.Tooltip("Records this listener lost. Most are lost in the "
                        + "kernel (a socket's receive queue overflowed); \"queue\" counts those Taskscope's own queue "
                        + "dropped because what reads it fell behind."));
            }
            grid.add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            if (c >= 4 && c <= 7) {
                cc.setHalignment(HPos.RIGHT);
                cc.setMinWidth(c == 4 ? 44 : 84);
            }
            if (c == 3) {
                cc.setHgrow(Priority.SOMETIMES);
                cc.setMinWidth(140);
                cc.setMaxWidth(380);
            }
            grid.getColumnConstraints().add(cc);
        }
        int r = 1;
        for (Listener l : list) {
            Row row = new Row(l.id());
            row.place(r++);
            rows.put(l.id(), row);
        }
        setBufferColumnsVisible(simulated);
    }

    private void selectActive() {
        Row row = rows.get(model.activeListenerProperty().get());
        if (row != null) {
            activeGroup.selectToggle(row.active);
        }
    }

    private void setBufferColumnsVisible(boolean visible) {
        for (javafx.scene.Node n : grid.getChildren()) {
            Integer c = GridPane.getColumnIndex(n);
            if (c != null && (c == 8 || c == 9)) {
                n.setVisible(visible);
                n.setManaged(visible);
            }
        }
    }

    /** Refreshes the numbers from a snapshot (a few times a second). */
    public void update(SessionSnapshot s) {
        boolean sim = s.listenerStats().stream().anyMatch(st -> st.buffer() != null);
        if (sim != simulated) {
            simulated = sim;
            setBufferColumnsVisible(sim);
        }
        if (s.generation() != generation) {
            generation = s.generation();
            previous.clear();
        }
        double seconds = previousNanos == 0 ? 0 : (s.nanoTime() - previousNanos) / 1e9;
        for (SessionSnapshot.ListenerStats st : s.listenerStats()) {
            Row row = rows.get(st.listener().id());
            if (row == null) {
                continue;
            }
            long[] prev = previous.get(st.listener().id());
            double rate = prev == null || seconds <= 0 ? 0 : (st.delivered() - prev[0]) / seconds;
            row.stats(st, rate);
            previous.put(st.listener().id(), new long[]{st.delivered()});
        }
        previousNanos = s.nanoTime();
    }

    /** Records/s of one listener as last shown, for tests. */
    String shownRate(int id) {
        Row row = rows.get(id);
        return row == null ? null : row.rate.getText();
    }

    private final class Row {
        final int id;
        final RadioButton active = new RadioButton();
        final ColorPicker colour = new ColorPicker();
        final TextField name = new TextField();
        final TextField cpulist = new TextField();
        final Label count = new Label();
        final Label rate = new Label("0");
        final Label delivered = new Label("0");
        final Label lost = new Label("0");
        final TextField buffer = new TextField();
        final TextField drain = new TextField();
        final CheckBox enabled = new CheckBox();
        final Button remove = new Button("✕");

        Row(int id) {
            this.id = id;
            active.setToggleGroup(activeGroup);
            active.setUserData(id);
            active.setTooltip(new Tooltip("Edit this listener's CPUs on the grid"));
            colour.getStyleClass().add("button");
            colour.setPrefWidth(44);
            colour.setMinWidth(44);
            colour.setOnAction(e -> model.listenersProperty().get().byId(id).ifPresent(l ->
                    model.edit(model.listenersProperty().get().replace(l.withRgb(Palette.rgb(colour.getValue()))))));
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
            cpulist.textProperty().addListener((obs, o, n) -> validate(n));
            cpulist.setOnAction(e -> commitCpulist());
            cpulist.focusedProperty().addListener((obs, was, is) -> {
                if (is) {
                    model.activeListenerProperty().set(id);
                } else {
                    commitCpulist();
                }
            });
            buffer.setPrefColumnCount(6);
            buffer.setMinWidth(Region.USE_PREF_SIZE);
            buffer.setTooltip(new Tooltip("Receive buffer in bytes (the kernel's default is 212992)"));
            buffer.setOnAction(e -> commitBuffer());
            drain.setPrefColumnCount(6);
            drain.setMinWidth(Region.USE_PREF_SIZE);
            drain.setTooltip(new Tooltip("How many records a second this listener's reader takes"));
            drain.setOnAction(e -> commitBuffer());
            enabled.setSelected(model.isEnabled(id));
            enabled.setTooltip(new Tooltip("Switch off: deregister everywhere, keep the definition"));
            enabled.setOnAction(e -> model.setEnabled(id, enabled.isSelected()));
            remove.getStyleClass().add("flat");
            remove.setTooltip(new Tooltip("Remove this listener"));
            remove.setOnAction(e -> model.edit(model.listenersProperty().get().remove(id)));
            lost.getStyleClass().add("lost");
        }

        void place(int r) {
            grid.addRow(r, active, colour, name, cpulist, count, rate, delivered, lost, buffer, drain, enabled, remove);
        }

        void show(Listener l) {
            colour.setValue(Palette.fx(l.rgb()));
            if (!name.isFocused()) {
                name.setText(l.name());
            }
            if (!cpulist.isFocused()) {
                cpulist.setText(l.cpus().toCpulist());
            }
            count.setText(Integer.toString(l.cpus().size()));
            active.setStyle("-fx-mark-color: " + Palette.css(l.rgb()) + ";");
        }

        void stats(SessionSnapshot.ListenerStats st, double perSecond) {
            rate.setText(String.format(Locale.ROOT, "%,.0f", perSecond));
            delivered.setText(String.format(Locale.ROOT, "%,d", st.delivered()));
            long total = st.delivered() + st.lost();
            lost.setText(st.lost() == 0 ? "0" : st.lostInQueue() == 0
                    ? String.format(Locale.ROOT, "%,d (%.1f%%)", st.lost(), 100.0 * st.lost() / Math.max(1, total))
                    : String.format(Locale.ROOT, "%,d (%.1f%%; queue %,d)", st.lost(),
                    100.0 * st.lost() / Math.max(1, total), st.lostInQueue()));
            lost.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("losing"), st.lost() > 0);
            if (st.buffer() != null) {
                if (!buffer.isFocused()) {
                    buffer.setText(Integer.toString(st.buffer().bytes()));
                }
                if (!drain.isFocused()) {
                    drain.setText(String.format(Locale.ROOT, "%.0f", st.buffer().drainPerSecond()));
                }
            }
        }

        private void commitName() {
            model.listenersProperty().get().byId(id).ifPresent(l -> {
                if (!name.getText().strip().equals(l.name())) {
                    model.edit(model.listenersProperty().get().rename(id, name.getText()));
                    name.setText(model.listenersProperty().get().byId(id).map(Listener::name).orElse(""));
                }
            });
        }

        /** The machine changed: what was typed is checked again against its CPUs. */
        void revalidate() {
            error.setVisible(false);
            error.setManaged(false);
            validate(cpulist.getText());
        }

        private CpulistParse validate(String text) {
            CpulistParse parsed = CpuSet.parse(text, model.limitsProperty().get());
            boolean bad = parsed instanceof CpulistParse.Refused;
            cpulist.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), bad);
            if (bad) {
                String name = model.listenersProperty().get().byId(id).map(Listener::name).orElse("");
                error.setText(name + ": " + ((CpulistParse.Refused) parsed).error().describe());
            }
            error.setVisible(bad);
            error.setManaged(bad);
            return parsed;
        }

        /** Enter or leaving the field: a valid mask becomes the listener's; a refused one changes nothing. */
        private void commitCpulist() {
            CpulistParse parsed = validate(cpulist.getText());
            if (parsed instanceof CpulistParse.Parsed ok) {
                model.listenersProperty().get().byId(id).ifPresent(l -> {
                    if (!l.cpus().equals(ok.cpus())) {
                        model.editMask(id, ok.cpus());
                    }
                });
                cpulist.setText(ok.cpus().toCpulist());
            }
        }

        private void commitBuffer() {
            try {
                int bytes = Integer.parseInt(buffer.getText().strip());
                double perSecond = Double.parseDouble(drain.getText().strip());
                model.editBuffer(id, new ListenerBuffer.Settings(bytes, perSecond)); // undoable, as masks are
                buffer.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), false);
            } catch (IllegalArgumentException e) {
                buffer.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), true);
            }
        }
    }
}
