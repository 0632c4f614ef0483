package io.taskscope.ui.export;

import io.taskscope.source.Playback;
import io.taskscope.ui.base.FrameLoop;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A film of the window over a span of a paused replay, for slides: seek to the start, then for each frame play the
 * replay up to the frame's time, wait until the views show it, and take the window. The work runs on the task's
 * thread; only the snapshot of the window is taken on the FX thread, which never waits for the film.
 */
public final class ReplayFilm {

    /**
     * @param out         the GIF file, or the folder for PNGs
     * @param gif         an animated GIF (else numbered PNGs)
     * @param fromSeconds from, in seconds of the recording
     * @param toSeconds   to, in seconds of the recording (inclusive: the last frame is at or before it)
     * @param everySeconds recorded seconds between frames
     * @param frameMillis how long the GIF shows each frame
     * @param scale       size of the frames relative to the window (0 < scale <= 1)
     */
    record Options(Path out, boolean gif, double fromSeconds, double toSeconds, double everySeconds, int frameMillis,
                   double scale) {

        int frames() {
            return (int) Math.min(Integer.MAX_VALUE, framesExactly());
        }

        private double framesExactly() {
            return Math.floor((toSeconds - fromSeconds) / everySeconds + 1e-9) + 1;
        }

        /** Why these options cannot make a film, or null. */
        String problem(double recordingSeconds) {
            if (fromSeconds < 0 || toSeconds > recordingSeconds + 1e-9) {
                return String.format(Locale.ROOT, "The span must lie within the recording (0 to %.1f s).",
                        recordingSeconds);
            }
            if (toSeconds <= fromSeconds) {
                return "'To' must come after 'from'.";
            }
            if (everySeconds <= 0) {
                return "Frames must be some recorded time apart.";
            }
            if (framesExactly() > 2_000) {
                return String.format(Locale.ROOT, "That is %,.0f frames; make them further apart (at most 2,000).",
                        framesExactly());
            }
            if (frameMillis < 20 || scale <= 0 || scale > 1) {
                return "A frame shows at least 20 ms, at a scale above 0 and up to 1.";
            }
            return null;
        }
    }

    private ReplayFilm() {
    }

    static Task<String> task(Playback replay, io.taskscope.session.Session session, FrameLoop frames, Scene scene,
                             Options o) {
        return new Task<>() {
            @Override
            protected String call() throws Exception {
                long start = replay.startNanos();
                long from = start + (long) (o.fromSeconds() * 1e9);
                long every = (long) (o.everySeconds() * 1e9);
                int n = o.frames();
                if (!replay.running()) {
                    throw new IOException("the replay has ended: open the recording again (File → Recent recordings) "
                            + "to film it");
                }
                updateMessage("Seeking to " + o.fromSeconds() + " s…");
                if (replay.positionNanos() != Long.MIN_VALUE && from < replay.positionNanos()) {
                    session.resetViews(); // the film shows the span as it was played, not what came after it
                }
                replay.seek(from);
                waitWhile(replay::seeking);
                FilmWriter writer = o.gif() ? FilmWriter.gif(o.out(), o.frameMillis()) : FilmWriter.pngs(o.out());
                try {
                    for (int i = 0; i < n; i++) {
                        if (isCancelled()) {
                            writer.discard();
                            return "cancelled";
                        }
                        long t = from + i * every;
                        if (i > 0) {
                            replay.stepTo(t);
                            waitWhile(replay::stepping);
                        }
                        writer.add(scaled(capture(frames, scene), o.scale()));
                        updateProgress(i + 1, n);
                        updateMessage(String.format(Locale.ROOT, "Frame %d of %d (%.1f s of the recording)", i + 1,
                                n, (t - start) / 1e9));
                    }
                    writer.close();
                } catch (Exception e) {
                    writer.discard();
                    throw e;
                }
                return String.format(Locale.ROOT, "Wrote %d frames to %s", n, o.out());
            }

            private void waitWhile(BooleanSupplier busy) throws InterruptedException {
                while (busy.getAsBoolean() && !isCancelled()) {
                    Thread.sleep(5);
                }
            }
        };
    }

    /**
     * The window once the views show what the replay has played so far: only the snapshot is taken on the FX
     * thread; the conversion to an AWT image is done here, on the film's thread.
     */
    private static BufferedImage capture(FrameLoop frames, Scene scene) throws Exception {
        CompletableFuture<javafx.scene.image.WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> frames.afterFreshFrame(() -> {
            try {
                image.complete(scene.snapshot(null));
            } catch (RuntimeException e) {
                image.completeExceptionally(e);
            }
        }));
        try {
            return SwingFXUtils.fromFXImage(image.get(30, TimeUnit.SECONDS), null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the window did not show the replay within 30 s (is it still open?)", e);
        }
    }

    private static BufferedImage scaled(BufferedImage image, double scale) {
        if (scale >= 0.999) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
