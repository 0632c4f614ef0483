package io.taskscope.ui.shell;

import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.RowSpan;
import io.taskscope.session.views.ViewSnapshot;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.base.AppModel;
import io.taskscope.ui.base.FocusBox;
import io.taskscope.ui.base.FrameLoop;
import io.taskscope.ui.dashboard.TilesView;
import io.taskscope.ui.heatmap.HeatmapView;
import io.taskscope.ui.listeners.ListenersPane;
import io.taskscope.ui.table.ExitTableView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The views below the grid, one tab each: listeners, exits table, heatmap, dashboard. Only the tab on screen is fed:
 * it tells the frame loop what it needs (focus, metric, rows), and gets that view's snapshot each frame.
 */
final class ViewTabs {
    /** Rows the heatmap asks for: enough for its leaders, far fewer than a table. */
    private static final int HEATMAP_ROWS = 2_000;

    private final AppModel model;
    private final Session session;
    private final FrameLoop frames;
    private final ListenersPane listenersPane;
    /**
     * Made when first needed, as the heatmap and the tiles are: the first window shows the listeners tab, and making
     * the table (its columns, filters and menus) took a fifth of the window's making.
     */
    private ExitTableView exitTable;
    /** The table's visible columns while it is not made yet (empty: its defaults). */
    private java.util.List<String> tableColumns = java.util.List.of();
    /** Made when first needed: the tiles and the heatmap's canvases are a fifth of the window's making. */
    private HeatmapView heatmap;
    private TilesView tiles;
    private final TabPane pane = new TabPane();
    private final Tab listenersTab = new Tab("Listeners");
    private final Tab tableTab = new Tab("Exits");
    private final Tab heatmapTab = new Tab("Heatmap");
    private final Tab tilesTab = new Tab("Dashboard");
    /** Each tab's view, put in the tab on first selection. */
    private final java.util.Map<Tab, java.util.function.Supplier<javafx.scene.Node>> contents = new java.util.HashMap<>();
    private boolean dark;

    ViewTabs(AppModel model, Session session, FrameLoop frames, ListenersPane listenersPane) {
        this.model = model;
        this.session = session;
        this.frames = frames;
        this.listenersPane = listenersPane;
        model.focusProperty().addListener((obs, o, n) -> {
            if (exitTable != null) {
                exitTable.clear();
                exitTable.filterCell(-1, 0);
            }
            refresh();
        });
        contents.put(listenersTab, () -> listenersPane);
        contents.put(tableTab, this::exitTable);
        contents.put(heatmapTab, this::heatmap);
        contents.put(tilesTab, this::tiles); // it sizes its tiles to the tab, and scrolls itself when they cannot fit
        for (Tab t : new Tab[]{listenersTab, tableTab, heatmapTab, tilesTab}) {
            t.setClosable(false);
        }
        pane.getTabs().addAll(listenersTab, tableTab, heatmapTab, tilesTab);
        attach(selected());
        pane.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            attach(n);
            refresh();
        });
    }

    /**
     * A tab's view enters the scene when the tab is first shown. A TabPane keeps every tab's content in the scene
     * (hidden), so the first frame would otherwise style and lay out all four views: the dashboard's tiles alone cost
     * more than the window around them.
     */
    private void attach(Tab tab) {
        if (tab != null && tab.getContent() == null) {
            tab.setContent(contents.get(tab).get());
        }
    }

    TabPane pane() {
        return pane;
    }

    ExitTableView exitTable() {
        if (exitTable == null) {
            exitTable = new ExitTableView(new FocusBox(model));
            exitTable.onRowsWanted(frames::refreshView);
            exitTable.setVisibleColumns(tableColumns);
        }
        return exitTable;
    }

    /** The table's visible columns by id (empty: the defaults), kept until the table is made. */
    void setTableColumns(java.util.List<String> ids) {
        if (exitTable != null) {
            exitTable.setVisibleColumns(ids);
        } else {
            tableColumns = java.util.List.copyOf(ids);
        }
    }

    /** The table's visible columns; never makes the table (the settings are saved from any thread on exit). */
    java.util.List<String> tableColumns() {
        return exitTable != null ? exitTable.visibleColumns() : tableColumns;
    }

    HeatmapView heatmap() {
        if (heatmap == null) {
            heatmap = new HeatmapView(new FocusBox(model), (cpu, second) -> {
                exitTable().filterCell(cpu, second); // a heatmap cell opens the table on that CPU and second
                pane.getSelectionModel().select(tableTab);
            });
            heatmap.setDark(dark);
            heatmap.metricBox().valueProperty().addListener((obs, o, n) -> refresh());
        }
        return heatmap;
    }

    TilesView tiles() {
        if (tiles == null) {
            tiles = new TilesView(model, new FocusBox(model));
            tiles.setDark(dark);
        }
        return tiles;
    }

    /** The theme of the views made so far and of those made later. */
    void setDark(boolean on) {
        dark = on;
        if (heatmap != null) {
            heatmap.setDark(on);
        }
        if (tiles != null) {
            tiles.setDark(on);
        }
    }

    /** The numbers of a frame: the listeners tab shows them (nothing else draws them). */
    void updateText(SessionSnapshot s) {
        if (selected() == listenersTab) {
            listenersPane.update(s);
        }
    }

    /** The per-listener view of a frame, for the tab on screen; {@code text} is the newest numbers, for the tiles. */
    void updateView(ViewSnapshot v, SessionSnapshot text) {
        Tab tab = selected();
        if (tab == tableTab) {
            exitTable().update(v);
        } else if (tab == heatmapTab) {
            // a replay's seconds are the recording's: its time axis says so
            heatmap.update(v, text != null && text.info() != null && text.info().kind() == SourceKind.REPLAY);
        } else if (tab == tilesTab) {
            if (text != null) {
                tiles.update(text);
            }
            tiles.update(v);
        }
    }

    /** Tells the snapshot pump what the per-listener view on screen needs (nothing when none is). */
    void refresh() {
        Tab tab = selected();
        if (tab != tableTab && tab != heatmapTab && tab != tilesTab) {
            frames.request(null);
            return;
        }
        frames.request(new FrameLoop.ViewRequest(model.focusProperty().get(),
                heatmap == null ? io.taskscope.session.views.Metric.EXITS : heatmap.metric(),
                tab == tableTab ? session.tableRows() : tab == tilesTab ? 0 : HEATMAP_ROWS,
                tab == tableTab ? exitTable()::wantedRows : () -> RowSpan.ALL));
        frames.refreshView();
    }

    /** Shows a view ("listeners", "table", "heatmap", "tiles") focused on a listener by name ("all": every CPU). */
    boolean select(String view, String focusName) {
        boolean known = true;
        if (focusName != null) {
            if (focusName.equals("all")) {
                model.focusProperty().set(ExitViews.ALL);
            } else {
                var l = model.listenersProperty().get().byName(focusName);
                known = l.isPresent(); // an unknown name keeps the current focus; the view is still shown
                l.ifPresent(found -> {
                    model.activeListenerProperty().set(found.id());
                    model.focusProperty().set(found.id());
                });
            }
        }
        if (view != null) {
            pane.getSelectionModel().select(switch (view) {
                case "table" -> tableTab;
                case "heatmap" -> heatmapTab;
                case "tiles" -> tilesTab;
                default -> listenersTab;
            });
        }
        return known;
    }

    private Tab selected() {
        return pane.getSelectionModel().getSelectedItem();
    }
}
