package io.taskscope.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads /proc and /sys files. They report size 0, and numeric sysctls ({@code proc_dointvec}) answer only a read at
 * offset 0, so {@link Files#readString} (which reads a first byte, then the rest) gets "4" of "4194304".
 * One large read at offset 0 gets it all.
 */
final class ProcFiles {
    private ProcFiles() {
    }

    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8).strip();
        }
    }
}
