package io.taskscope.ui.table;

import io.taskscope.core.DelayClass;
import io.taskscope.core.ExitRecord;
import io.taskscope.session.views.RowSpan;
import io.taskscope.session.views.TableRows;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.ui.base.FocusBox;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The focused listener's newest exits (newest first, bounded), searchable by command, pid or user, filterable by a
 * delay threshold ("block I/O % of lifetime above 5") or by a heatmap cell (a CPU and a second), freezable while
 * collection goes on. Double-click a row (or Enter) for every field of the record.
 */
public final class ExitTableView extends VBox {

    private final RowWindow rows = new RowWindow();
    /*
     * The filter/sort chain has its own copy, filled only while it is on screen: a FilteredList and SortedList
     * re-process every replaced row, a cost no frame should pay while they are unused.
     */
    private final ObservableList<ExitRecord> chainSource = FXCollections.observableArrayList();
    private final FilteredList<ExitRecord> filtered = new FilteredList<>(chainSource);
    private final SortedList<ExitRecord> sorted = new SortedList<>(filtered);
    private boolean filtering;
    private final TableView<ExitRecord> table = new TableView<>();
    private final TextField search = new TextField();
    private final ComboBox<DelayClass> thresholdClass = new ComboBox<>();
    private final TextField thresholdPercent = new TextField();
    private final ToggleButton freeze = new ToggleButton("Freeze");
    private final Label count = new Label();
    private final Label cellFilter = new Label();
    private final Button clearCell = new Button("✕");
    private int cellCpu = -1;
    private long cellSecond;
    private long shownAdded = -1;
    private TableRows shown = TableRows.empty();
    /** Rows the table can show without scrolling far, kept for the snapshot pump (which reads it off the FX thread). */
    private volatile RowSpan visible = new RowSpan(0, 200);
    /** The filter/sort chain or a freeze needs every row's record. */
    private volatile boolean needAll;
    /** The table's scrolling body, once it has a skin. */
    private VirtualFlow<?> flow;
    /** Asks for a snapshot now: the rows on screen have no records yet (a long scroll, a taller window). */
    private Runnable rowsWanted = () -> { };

    public ExitTableView(FocusBox focus) {
        getStyleClass().add("exit-table");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        table.setId("exit-table");
        table.getColumns().addAll(RecordColumns.all());
        setVisibleColumns(RecordColumns.DEFAULT_VISIBLE);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(rows);
        // Sorting is the SortedList's job (its comparator follows the table's); the plain rows cannot be sorted
        // in place, so the table's own sort only switches to the chain.
        table.setSortPolicy(t -> {
            chooseItems();
            return true;
        });
        table.getSortOrder().addListener((javafx.collections.ListChangeListener<TableColumn<ExitRecord, ?>>) c ->
                chooseItems());
        table.skinProperty().addListener((obs, o, skin) -> {
            if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> found) {
                flow = found; // looked up once: the scroll position asks for it at every step
                flow.positionProperty().addListener((p, a, b) -> trackVisibleRows());
            }
        });
        table.heightProperty().addListener((obs, o, n) -> trackVisibleRows());
        freeze.selectedProperty().addListener((obs, o, n) -> {
            trackVisibleRows();
            showCount();
        });
        table.setPlaceholder(new Label("No exits yet for this listener."));
        // the columns fill the width; past it the table scrolls sideways rather than squeezing them (ColumnFill)
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        new ColumnFill(table);
        table.setFixedCellSize(24); // rows are not measured one by one: layout stays cheap while rows pour in
        table.setRowFactory(tv -> {
            TableRow<ExitRecord> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    RecordDetails.show(getScene().getWindow(), row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                RecordDetails.show(getScene().getWindow(), table.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        search.setId("table-search");
        search.setPromptText("command, pid or user");
        search.setPrefColumnCount(14);
        search.textProperty().addListener((obs, o, n) -> refilter());
        thresholdClass.getItems().addAll(DelayClass.values());
        thresholdClass.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DelayClass c) {
                return c == null ? "" : c.label();
            }

            @Override
            public DelayClass fromString(String s) {
                return null;
            }
        });
        thresholdClass.setValue(DelayClass.BLKIO);
        thresholdClass.setId("threshold-class");
        thresholdClass.valueProperty().addListener((obs, o, n) -> refilter());
        thresholdPercent.setId("threshold-percent");
        thresholdPercent.setPromptText("0");
        thresholdPercent.setPrefColumnCount(4);
        thresholdPercent.textProperty().addListener((obs, o, n) -> refilter());
        freeze.setId("freeze");
        count.setId("table-count");
        freeze.setTooltip(new Tooltip("Stop updating the table (from its next refresh); collection goes on"));
        cellFilter.getStyleClass().addAll("chip", "info");
        clearCell.getStyleClass().add("flat");
        clearCell.setOnAction(e -> filterCell(-1, 0));
        HBox cellBox = new HBox(2, cellFilter, clearCell);
        cellBox.setAlignment(Pos.CENTER_LEFT);
        cellBox.visibleProperty().bind(cellFilter.textProperty().isNotEmpty());
        cellBox.managedProperty().bind(cellBox.visibleProperty());
        MenuButton columns = columnMenu();
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(6, new Label("Showing"), focus, search, label("delay"), thresholdClass, label("% of life >"),
                thresholdPercent, cellBox, spring, count, freeze, columns);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, table);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    private MenuButton columnMenu() {
        MenuButton menu = new MenuButton("Columns");
        menu.setId("columns");
        for (TableColumn<ExitRecord, ?> col : table.getColumns()) {
            CheckMenuItem item = new CheckMenuItem(RecordColumns.name(col));
            item.selectedProperty().bindBidirectional(col.visibleProperty());
            menu.getItems().add(item);
        }
        return menu;
    }

    public List<String> visibleColumns() {
        List<String> out = new ArrayList<>();
        for (TableColumn<ExitRecord, ?> col : table.getColumns()) {
            if (col.isVisible()) {
                out.add(col.getId());
            }
        }
        return out;
    }

    /** Shows the columns with these ids, in the table's order; an empty list means the defaults. */
    public void setVisibleColumns(List<String> ids) {
        if (ids.isEmpty()) {
            ids = RecordColumns.DEFAULT_VISIBLE;
        }
        for (TableColumn<ExitRecord, ?> col : table.getColumns()) {
            col.setVisible(ids.contains(col.getId()));
        }
    }

    public TableView<ExitRecord> table() {
        return table;
    }

    /** Shows only the exits on {@code cpu} during epoch second {@code second} (-1: no such filter). */
    public void filterCell(int cpu, long second) {
        cellCpu = cpu;
        cellSecond = second;
        cellFilter.setText(cpu < 0 ? "" : String.format(Locale.ROOT, "CPU %d at %tT", cpu, second * 1000));
        refilter();
    }

    public void update(ViewSnapshot v) {
        // Frozen: the rows stay, once every one of them has its record (the freeze may have come between snapshots).
        boolean frozen = freeze.isSelected() && shown.isComplete();
        if (frozen || (v.added() == shownAdded && shown.covers(wantedRows()))) {
            return;
        }
        shownAdded = v.added();
        shown = v.table();
        rows.replace(shown);
        if (table.getItems() == sorted) {
            chainSource.setAll(madeRows());
        }
        showCount();
        trackVisibleRows();
    }

    private void showCount() {
        boolean frozen = freeze.isSelected() && shown.isComplete();
        count.setText(String.format(Locale.ROOT, frozen ? "%,d shown · frozen" : "%,d shown", table.getItems().size()));
    }

    /** A new focus: forget the rows of the previous one. */
    public void clear() {
        shownAdded = -1;
        shown = TableRows.empty();
        rows.replace(List.of());
        chainSource.clear();
    }

    /** The rows the next snapshot should make records for. */
    public RowSpan wantedRows() {
        return needAll ? RowSpan.ALL : visible;
    }

    /**
     * Follows the scroll position: records for the rows on screen and two screens either side, so scrolling stays
     * filled; the rest of the 10 000 rows stay null until the user scrolls there (filled at the next snapshot).
     */
    private void trackVisibleRows() {
        needAll = filtering || !table.getSortOrder().isEmpty() || freeze.isSelected();
        if (flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null) {
            int first = flow.getFirstVisibleCell().getIndex();
            int last = flow.getLastVisibleCell().getIndex();
            int page = Math.max(1, last - first + 1);
            visible = new RowSpan(Math.max(0, first - 2 * page), last + 1 + 2 * page);
        }
        if (!shown.covers(wantedRows())) {
            rowsWanted.run();
        }
    }

    /** Called (on the FX thread) when the rows on screen need a snapshot before the next regular one. */
    public void onRowsWanted(Runnable wanted) {
        rowsWanted = wanted;
    }

    /** The rows that hold records: the chain filters and sorts records, never the rows not made. */
    private List<ExitRecord> madeRows() {
        if (shown.isComplete()) {
            return shown;
        }
        List<ExitRecord> out = new ArrayList<>();
        for (ExitRecord r : shown) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private void refilter() {
        String text = search.getText().strip().toLowerCase(Locale.ROOT);
        double min = parse(thresholdPercent.getText());
        DelayClass c = thresholdClass.getValue();
        Predicate<ExitRecord> p = r -> text.isEmpty() || r.comm().toLowerCase(Locale.ROOT).contains(text)
                || Long.toString(r.pid()).equals(text) || Long.toString(r.tgid()).equals(text)
                || Long.toString(r.get(io.taskscope.core.TaskstatsField.AC_UID)).equals(text);
        if (min > 0 && c != null) {
            p = p.and(r -> r.percentOfLifetime(c) > min);
        }
        if (cellCpu >= 0) {
            int cpu = cellCpu;
            long second = cellSecond;
            p = p.and(r -> r.cpu() == cpu && Math.floorDiv(r.receivedNanos(), 1_000_000_000L) == second);
        }
        filtering = !text.isEmpty() || (min > 0 && c != null) || cellCpu >= 0;
        filtered.setPredicate(filtering ? p : null);
        chooseItems();
        showCount();
        thresholdPercent.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"),
                !thresholdPercent.getText().isBlank() && Double.isNaN(min));
    }

    /**
     * The plain list when nothing is filtered or sorted (replacing 10 000 rows is then one cheap change); the
     * filtered, sorted chain only while the user asks for it.
     */
    private void chooseItems() {
        boolean chain = filtering || !table.getSortOrder().isEmpty();
        javafx.collections.ObservableList<ExitRecord> wanted = chain ? sorted : rows;
        if (table.getItems() != wanted) {
            chainSource.setAll(chain ? madeRows() : List.of());
            table.setItems(wanted);
        }
        trackVisibleRows();
    }

    private static double parse(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
