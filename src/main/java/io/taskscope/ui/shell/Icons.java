package io.taskscope.ui.shell;

import javafx.scene.image.Image;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The application icon (assets/icon-*.png, packed into the jar by the build) for the window. */
public final class Icons {
    private Icons() {
    }

    /**
     * The size JavaFX's GTK glass hands the window manager: of the icons a stage has it picks the one nearest
     * 128×128 and sets that one alone (xprop _NET_WM_ICON shows a single 128 × 128 icon whether the stage has all
     * the sizes or only this one). The other sizes were decoded for nothing at every start (~6 % of the FX
     * thread's work before the first frame); menus and docks take the installed hicolor icons.
     */
    public static final int WINDOW_SIZE = 128;

    public static List<Image> window() {
        List<Image> out = new ArrayList<>(1);
        try (InputStream in = Icons.class.getResourceAsStream("/io/taskscope/ui/icons/icon-" + WINDOW_SIZE + ".png")) {
            if (in != null) {
                out.add(new Image(in));
            }
        } catch (java.io.IOException ignored) {
            // an icon less is no reason not to start
        }
        return out;
    }
}
