package io.taskscope.bench;

import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionReader;
import io.taskscope.store.SessionWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Session file figures: bytes per record, records written and read per second, and the time to open a long
 * recording and read the chunk in its middle (seeking).
 */
public final class StoreBench {
    private StoreBench() {
    }

    /** One run's figures. */
    public record Result(Profile profile, long records, long bytes, double writeSeconds, double readSeconds,
                         double seekMillis, int chunks) {
        public double bytesPerRecord() {
            return (double) bytes / records;
        }
    }

    /**
     * Writes {@code simulatedSeconds} of a profile at its default rate on 64 CPUs (generated beforehand, so only
     * writing is timed), reads it back, then opens it again and reads the chunk in the middle.
     */
    public static Result run(Profile profile, double simulatedSeconds, Path file) throws IOException {
        double rate = profile.defaultRate();
        long total = (long) (simulatedSeconds * rate);
        SimBench.Generator generator = SimBench.generator(profile, 64, rate, 1);
        SessionHeader header = new SessionHeader(SessionHeader.FORMAT_VERSION, "bench", "", 16, "0-63", "0-63", 64,
                "sim", "bench: " + profile.cliName(), 0, 0);
        long written = 0;
        double writeSeconds = 0;
        List<RecordBlock> batch = new ArrayList<>();
        try (SessionWriter writer = SessionWriter.create(file, header)) {
            writer.listeners(0, ListenerSet.oneOnAll(64));
            while (written < total) {
                batch.clear();
                for (int i = 0; i < 64 && written < total; i++) { // generate a slice, then time writing it
                    RecordBlock b = new RecordBlock(8192);
                    written += generator.fill(b, 8192);
                    batch.add(b);
                }
                long t0 = System.nanoTime();
                for (RecordBlock b : batch) {
                    writer.records(b);
                }
                writeSeconds += (System.nanoTime() - t0) / 1e9;
            }
            long t0 = System.nanoTime();
            writer.flush();
            writeSeconds += (System.nanoTime() - t0) / 1e9;
        }
        long[] read = {0};
        long t0 = System.nanoTime();
        int chunks;
        try (SessionReader reader = SessionReader.openReadable(file)) {
            reader.readAll(block -> read[0] += block.size());
            chunks = reader.chunks().size();
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        if (read[0] != written) {
            throw new IllegalStateException("read " + read[0] + " of " + written + " records");
        }
        long s0 = System.nanoTime();
        try (SessionReader reader = SessionReader.openReadable(file)) {
            List<SessionReader.ChunkInfo> index = reader.chunks();
            long middle = (index.get(0).firstNanos() + index.get(index.size() - 1).lastNanos()) / 2;
            SessionReader.ChunkInfo target = index.stream().filter(c -> c.lastNanos() >= middle).findFirst()
                    .orElseThrow();
            reader.read(target, block -> { });
        }
        double seekMillis = (System.nanoTime() - s0) / 1e6;
        return new Result(profile, written, Files.size(file), writeSeconds, readSeconds, seekMillis, chunks);
    }
}
