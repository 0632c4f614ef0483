package io.taskscope.ui.export;

import org.w3c.dom.Node;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** The frames of a film, written as they come: an animated GIF, or a folder of numbered PNGs. No JavaFX here. */
public interface FilmWriter extends AutoCloseable {

    void add(BufferedImage frame) throws IOException;

    /** Finishes the film. */
    @Override
    void close() throws IOException;

    /** Removes what was written (a cancelled film). */
    void discard() throws IOException;

    /** An animated GIF that loops, each frame shown {@code frameMillis}. */
    static FilmWriter gif(Path file, int frameMillis) throws IOException {
        return new Gif(file, frameMillis);
    }

    /** frame-0001.png, frame-0002.png… in {@code folder}. */
    static FilmWriter pngs(Path folder) throws IOException {
        return new Pngs(folder);
    }

    final class Gif implements FilmWriter {
        private final Path file;
        private final int delayCentis;
        private final ImageWriter writer;
        private final ImageOutputStream out;
        private boolean first = true;
        private boolean closed;

        Gif(Path file, int frameMillis) throws IOException {
            this.file = file;
            this.delayCentis = Math.max(2, Math.round(frameMillis / 10f)); // GIF counts hundredths; <2 is "fast"
            this.writer = ImageIO.getImageWritersByFormatName("gif").next();
            Files.deleteIfExists(file);
            this.out = ImageIO.createImageOutputStream(file.toFile());
            if (out == null) {
                throw new IOException("cannot write " + file);
            }
            try {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
            } catch (IOException | RuntimeException e) {
                out.close();
                Files.deleteIfExists(file);
                throw e;
            }
        }

        @Override
        public void add(BufferedImage frame) throws IOException {
            BufferedImage rgb = frame;
            if (frame.getType() != BufferedImage.TYPE_INT_RGB) { // the palette builder wants opaque RGB
                rgb = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgb.getGraphics().drawImage(frame, 0, 0, null);
            }
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), null);
            String format = meta.getNativeMetadataFormatName();
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
            IIOMetadataNode control = child(root, "GraphicControlExtension");
            control.setAttribute("disposalMethod", "none");
            control.setAttribute("userInputFlag", "FALSE");
            control.setAttribute("transparentColorFlag", "FALSE");
            control.setAttribute("delayTime", Integer.toString(delayCentis));
            control.setAttribute("transparentColorIndex", "0");
            if (first) { // NETSCAPE2.0: loop for ever
                IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                app.setAttribute("applicationID", "NETSCAPE");
                app.setAttribute("authenticationCode", "2.0");
                app.setUserObject(new byte[]{1, 0, 0});
                child(root, "ApplicationExtensions").appendChild(app);
                first = false;
            }
            meta.setFromTree(format, root);
            writer.writeToSequence(new IIOImage(rgb, null, meta), null);
        }

        private static IIOMetadataNode child(IIOMetadataNode root, String name) {
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equalsIgnoreCase(name)) {
                    return (IIOMetadataNode) n;
                }
            }
            IIOMetadataNode node = new IIOMetadataNode(name);
            root.appendChild(node);
            return node;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    if (!first) {
                        writer.endWriteSequence();
                    }
                } finally {
                    out.close();
                    writer.dispose();
                }
            }
        }

        @Override
        public void discard() throws IOException {
            try {
                close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    final class Pngs implements FilmWriter {
        private final Path folder;
        private final List<Path> written = new ArrayList<>();

        Pngs(Path folder) throws IOException {
            this.folder = folder;
            Files.createDirectories(folder);
        }

        @Override
        public void add(BufferedImage frame) throws IOException {
            Path file = folder.resolve(String.format(Locale.ROOT, "frame-%04d.png", written.size() + 1));
            ImageIO.write(frame, "png", file.toFile());
            written.add(file);
        }

        @Override
        public void close() {
        }

        @Override
        public void discard() throws IOException {
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
        }
    }
}
