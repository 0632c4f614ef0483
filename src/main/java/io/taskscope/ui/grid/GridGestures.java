package io.taskscope.ui.grid;

import io.taskscope.ui.base.AppModel;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Turns mouse, keyboard and wheel events on the grid into {@link GridEditor} edits and zoom: click toggles, drag
 * paints, shift-click sets a range, a click on a row's number toggles the row, arrows move the cursor and space or
 * Enter toggles under it, the right button opens the {@link GridContextMenu}, Ctrl+wheel zooms.
 */
final class GridGestures {

    private static final double WHEEL_ZOOM = 1.15;

    private final CpuGridView view;
    private final Canvas canvas;
    private final AppModel model;
    private final GridEditor editor;

    GridGestures(CpuGridView view, AppModel model, GridEditor editor) {
        this.view = view;
        this.canvas = view.canvas();
        this.model = model;
        this.editor = editor;
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> editor.release());
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        view.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                view.zoomBy(e.getDeltaY() > 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM);
                e.consume();
            }
        });
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        // Consumed so that it does not reach the ScrollPane, whose behaviour takes the focus for itself on a press:
        // the keys would then go to the pane, not the grid, until Tab.
        e.consume();
        GridLayout layout = view.gridLayout();
        int cpu = layout.cpuAt(e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY) {
            GridContextMenu.build(editor, layout, model.listenersProperty().get(), editor.active(), cpu)
                    .show(canvas, e.getScreenX(), e.getScreenY());
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY || editor.active() == null) {
            return;
        }
        int row = layout.rowHeaderAt(e.getX(), e.getY());
        if (row >= 0) {
            editor.toggleRow(layout.row(row));
        } else if (cpu >= 0) {
            int before = editor.cursor();
            editor.press(cpu, e.isShiftDown());
            if (editor.cursor() != before) {
                view.redraw(); // the mask may not have changed, the cursor has
            }
        }
    }

    private void dragged(MouseEvent e) {
        editor.dragOver(view.gridLayout().cpuAt(e.getX(), e.getY()));
    }

    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        int columns = view.gridLayout().columns(); // (rows of a NUMA node's tail may be short)
        boolean moved;
        if (code == KeyCode.LEFT) {
            moved = editor.moveCursor(-1);
        } else if (code == KeyCode.RIGHT) {
            moved = editor.moveCursor(1);
        } else if (code == KeyCode.UP) {
            moved = editor.moveCursor(-columns);
        } else if (code == KeyCode.DOWN) {
            moved = editor.moveCursor(columns);
        } else if (code == KeyCode.SPACE || code == KeyCode.ENTER) {
            editor.toggleAtCursor();
            moved = false;
        } else {
            return;
        }
        e.consume();
        if (moved) {
            view.redraw();
        }
    }
}
