package io.taskscope.ui.base;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNGs of the window (on the FX thread). */
public final class Snapshots {
    private Snapshots() {
    }

    public static WritableImage write(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", abs.toFile());
        return image;
    }
}
