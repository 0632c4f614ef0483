package io.taskscope.ui;

import io.taskscope.core.ListenerSet;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code taskscope gui} was asked to start. Null fields mean "as remembered" (or the defaults). A snapshot or
 * bench run neither reads nor writes the remembered settings, so its output depends on its options only.
 *
 * @param source    sim or live
 * @param sim       simulator settings
 * @param listeners listener definitions
 * @param snapshot  write a PNG of the window here after {@code after}, then exit
 * @param bench     measure frame times for this long, print them, exit
 * @param dark      dark theme
 * @param width     window width
 * @param height    window height
 * @param view      the view to show: listeners, table or heatmap (null: as left)
 * @param focus     the listener the views show, by name, or "all"
 * @param tableRows records each listener's table keeps (0: as remembered, default 10 000)
 * @param recording a session file to replay at start (null: none)
 * @param queueBytes the live collector's queue bound in bytes (0: as remembered, default 256 MiB)
 * @param liveRegistered live gives each listener a socket of its own (null: as remembered)
 */
public record GuiOptions(SourceKind source, SimSettings sim, ListenerSet listeners, Path snapshot, Duration after,
                         Duration bench, Boolean dark, double width, double height, String view, String focus,
                         int tableRows, Path recording, long queueBytes, Boolean liveRegistered) {

    public static GuiOptions defaults() {
        return new GuiOptions(null, null, null, null, Duration.ofSeconds(3), null, null, Double.NaN, Double.NaN,
                null, null, 0, null, 0, null);
    }

    boolean headlessRun() {
        return snapshot != null || bench != null;
    }
}
