package io.taskscope.ui.base;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.session.views.ExitViews;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/** Picks whose records a view shows: a listener, or "All CPUs". Follows the listener selected for editing. */
public final class FocusBox extends ComboBox<Integer> {

    public FocusBox(AppModel model) {
        getStyleClass().add("focus-box");
        setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer id) {
                if (id == null) {
                    return "";
                }
                return id == ExitViews.ALL ? "All CPUs"
                        : model.listenersProperty().get().byId(id).map(Listener::name).orElse("?");
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        this.model = model;
        fill(model.listenersProperty().get());
        model.listenersProperty().addListener((obs, o, n) -> fill(n));
    }

    private final AppModel model;

    /**
     * New items, then the focus shown again. Replacing a ComboBox's items drops its selection while its value stays
     * the same, so no change event repaints the button and it went blank (after Ctrl+N, in live, in replays). The
     * binding is taken off meanwhile, so the model's focus never sees the intermediate null.
     */
    private void fill(ListenerSet set) {
        valueProperty().unbindBidirectional(model.focusObjectProperty());
        getItems().setAll(ExitViews.ALL);
        set.listeners().forEach(l -> getItems().add(l.id()));
        setValue(null);
        valueProperty().bindBidirectional(model.focusObjectProperty()); // takes the model's focus: a real change
    }
}
