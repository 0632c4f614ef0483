package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The grid's right-click menu: on a CPU, add it to or remove it from any listener; for the active listener, clear,
 * invert or fill its mask, or toggle the clicked CPU's row. Built afresh for each click, from the listeners then.
 */
final class GridContextMenu {

    private GridContextMenu() {
    }

    /**
     * @param cpu    the CPU clicked, or -1 for none (the row header, the margin)
     * @param active the listener being edited, or null
     */
    static ContextMenu build(GridEditor editor, GridLayout layout, ListenerSet listeners, Listener active, int cpu) {
        ContextMenu menu = new ContextMenu();
        if (cpu >= 0) {
            Menu assign = new Menu("Add CPU " + cpu + " to");
            Menu remove = new Menu("Remove CPU " + cpu + " from");
            for (Listener l : listeners.listeners()) {
                boolean has = l.cpus().contains(cpu);
                assign.getItems().add(item(l.name(), has, () -> editor.addCpu(l.id(), cpu)));
                remove.getItems().add(item(l.name(), !has, () -> editor.removeCpu(l.id(), cpu)));
            }
            menu.getItems().addAll(assign, remove, new SeparatorMenuItem());
        }
        if (active != null) {
            menu.getItems().addAll(
                    item("Clear " + active.name() + "'s CPUs", false, editor::clearActive),
                    item("Invert " + active.name() + "'s CPUs", false, editor::invertActive),
                    item("Give " + active.name() + " every CPU", false, editor::giveActiveEveryCpu));
            if (cpu >= 0) {
                CpuSet row = layout.row(layout.rowOf(cpu));
                menu.getItems().add(item("Toggle row " + row, false, () -> editor.toggleRow(row)));
            }
        }
        return menu;
    }

    private static MenuItem item(String text, boolean disabled, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setDisable(disabled);
        item.setOnAction(e -> action.run());
        return item;
    }
}
