package io.taskscope.ui.shell;

import javafx.scene.image.Image;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The application icon (assets/icon-*.png, packed into the jar by the build) in the sizes a window manager picks. */
public final class Icons {
    private Icons() {
    }

    public static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

    public static List<Image> window() {
        List<Image> out = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = Icons.class.getResourceAsStream("/io/taskscope/ui/icons/icon-" + size + ".png")) {
                if (in != null) {
                    out.add(new Image(in));
                }
            } catch (java.io.IOException ignored) {
                // an icon less is no reason not to start
            }
        }
        return out;
    }
}
