package io.taskscope.ui.base;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's tooltip, made when the pointer first enters the control rather than with it. A Tooltip is a popup
 * window of its own (a PopupControl with its scene root and CSS bridge): the first window made some 45 of them, the
 * listeners' rows 30, and making them was the biggest single share of those rows' cost before the first frame (JFR
 * samples of start-up). The tooltip's behaviour starts its timer on the mouse moves that follow the entry, so it
 * shows as one made up front would.
 */
public final class LazyTooltip {
    private LazyTooltip() {
    }

    /** Where a control keeps the text of the tooltip it has not made yet. */
    private static final Object PENDING = new Object();
    /** Set once the control has its handler that makes the tooltip on entry. */
    private static final Object HOOKED = new Object();

    /** Sets the tooltip's text, made on first entry (null: no tooltip). Cheap to call every frame with the same text. */
    public static void set(Control control, String text) {
        Tooltip made = control.getTooltip();
        if (text == null) {
            control.getProperties().remove(PENDING);
            control.setTooltip(null);
            return;
        }
        if (made != null) {
            if (!text.equals(made.getText())) {
                made.setText(text);
            }
            return;
        }
        control.getProperties().put(PENDING, text);
        if (control.getProperties().putIfAbsent(HOOKED, Boolean.TRUE) == null) {
            control.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
                Object pending = control.getProperties().remove(PENDING);
                if (pending != null && control.getTooltip() == null) {
                    control.setTooltip(new Tooltip((String) pending));
                }
            });
        }
    }

    /** The text the control's tooltip shows or will show, or null. */
    public static String text(Control control) {
        Tooltip made = control.getTooltip();
        return made != null ? made.getText() : (String) control.getProperties().get(PENDING);
    }
}
