package io.taskscope.ui.shell;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Every menu action, declared once with its label and shortcut: the menus are built from it, and so is Help →
 * Keyboard shortcuts, so the list can no longer miss one. Two actions may not share a shortcut.
 */
final class Actions {

    /** One thing a user can do from a menu; {@code accelerator} in JavaFX's syntax ("Shortcut+Shift+E") or null. */
    record Action(String menu, String label, String accelerator, Runnable run) {
        /** The shortcut as this platform writes it ("Ctrl+Shift+E"), or "". */
        String shortcutText() {
            return accelerator == null ? "" : KeyCombination.keyCombination(accelerator).getDisplayText();
        }
    }

    private final List<Action> all = new ArrayList<>();
    private final Map<String, Action> byShortcut = new HashMap<>();

    /** Declares an action and returns its menu item. */
    MenuItem item(String menu, String label, String accelerator, Runnable run) {
        Action a = declare(new Action(menu, label, accelerator, run));
        MenuItem item = new MenuItem(label);
        wire(item, a);
        return item;
    }

    /** Declares an on/off action; the item shows {@code state} each time its menu opens (see {@link #refresh}). */
    CheckMenuItem check(String menu, String label, String accelerator, BooleanSupplier state, Consumer<Boolean> set) {
        CheckMenuItem item = new CheckMenuItem(label);
        Action a = declare(new Action(menu, label, accelerator, () -> set.accept(!state.getAsBoolean())));
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setUserData(state);
        item.setOnAction(e -> set.accept(item.isSelected()));
        return item;
    }

    /** Sets check items to their current state (from a menu's onShowing). */
    static void refresh(List<MenuItem> items) {
        for (MenuItem i : items) {
            if (i instanceof CheckMenuItem c && c.getUserData() instanceof BooleanSupplier state) {
                c.setSelected(state.getAsBoolean());
            }
        }
    }

    private Action declare(Action a) {
        if (a.accelerator() != null) {
            String key = KeyCombination.keyCombination(a.accelerator()).getName();
            Action before = byShortcut.putIfAbsent(key, a);
            if (before != null) {
                throw new IllegalStateException(a.shortcutText() + " is both '" + before.label() + "' and '"
                        + a.label() + "'");
            }
        }
        all.add(a);
        return a;
    }

    private static void wire(MenuItem item, Action a) {
        if (a.accelerator() != null) {
            item.setAccelerator(KeyCombination.keyCombination(a.accelerator()));
        }
        item.setOnAction(e -> a.run().run());
    }

    /** Every action that has a shortcut, in menu order. */
    List<Action> withShortcuts() {
        return all.stream().filter(a -> a.accelerator() != null).toList();
    }
}
