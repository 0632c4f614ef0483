package io.taskscope.ui.base;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * PNGs of the window. Taking the picture needs the FX thread and is quick (a pixel copy); encoding it is not (PNG
 * deflate of a full window takes a few hundred ms), so the app encodes on a thread of its own and the FX thread
 * never waits for it.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /** Takes the picture and writes it before returning (for {@code gui --snapshot}, which exits right after). */
    public static WritableImage write(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        encode(SwingFXUtils.fromFXImage(image, null), file);
        return image;
    }

    /**
     * On the FX thread: takes the picture now, writes it in the background, then tells {@code done} on the FX
     * thread (null on success, else the error for people).
     */
    public static void writeInBackground(Scene scene, Path file, Consumer<String> done) {
        BufferedImage pixels = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
        CompletableFuture.runAsync(() -> {
            String problem = null;
            try {
                encode(pixels, file);
            } catch (IOException | RuntimeException e) {
                problem = "Cannot save " + file + ": " + e.getMessage();
            }
            String outcome = problem;
            Platform.runLater(() -> done.accept(outcome));
        });
    }

    private static void encode(BufferedImage pixels, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        ImageIO.write(pixels, "png", abs.toFile());
    }
}
