package io.taskscope.store;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real file system that fills up: a tmpfs of a few hundred KiB mounted on a test's directory (needs root; the
 * test is skipped, saying why, without it). Close unmounts it.
 */
public final class TinyDisk implements AutoCloseable {

    private final Path dir;

    private TinyDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: "256k") on {@code dir}, or skips the test. */
    public static TinyDisk mount(Path dir, String size) throws IOException, InterruptedException {
        Assumptions.assumeTrue(isRoot(), "skipped: mounting a tiny tmpfs to fill up needs root (run the tests as root)");
        Files.createDirectories(dir);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        Assumptions.assumeTrue(out == null, () -> "skipped: could not mount a tmpfs on " + dir + ": " + out);
        return new TinyDisk(dir);
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Runs a command; null when it worked, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? null : out;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", dir.toString());
        if (out != null) {
            throw new IOException("could not unmount " + dir + ": " + out);
        }
    }
}
