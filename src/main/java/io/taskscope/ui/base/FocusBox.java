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
        fill(model.listenersProperty().get());
        model.listenersProperty().addListener((obs, o, n) -> fill(n));
        valueProperty().bindBidirectional(model.focusObjectProperty());
    }

    private void fill(ListenerSet set) {
        Integer keep = getValue();
        getItems().setAll(ExitViews.ALL);
        set.listeners().forEach(l -> getItems().add(l.id()));
        if (keep != null && getItems().contains(keep)) {
            setValue(keep);
        }
    }
}
