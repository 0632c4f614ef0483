package io.taskscope.ui.shell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The action registry: declared once, it refuses a shortcut given twice and lists every one it was given. */
class ActionsTest {

    @Test
    void aShortcutGivenTwiceIsRefusedWithBothNames() {
        Actions actions = new Actions();
        actions.item("File", "Export records as CSV…", "Shortcut+E", () -> { });
        assertThatThrownBy(() -> actions.item("View", "Expand", "Shortcut+E", () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Export records as CSV…").hasMessageContaining("Expand");
    }

    @Test
    void theShortcutListHoldsEveryActionWithAShortcutInMenuOrder() {
        Actions actions = new Actions();
        actions.item("File", "Open recording…", null, () -> { });
        actions.item("File", "Export records as Perfetto trace…", "Shortcut+Shift+E", () -> { });
        actions.check("View", "Dark theme", "Shortcut+T", () -> false, on -> { });
        assertThat(actions.withShortcuts()).extracting(Actions.Action::label)
                .containsExactly("Export records as Perfetto trace…", "Dark theme");
        assertThat(actions.withShortcuts().get(0).accelerator()).isEqualTo("Shortcut+Shift+E");
    }
}
